CREATE TABLE `local_refunds` (
	`idempotency_key` text PRIMARY KEY NOT NULL,
	`id` text NOT NULL,
	`payment_intent_id` text NOT NULL,
	`amount_cents` integer,
	`created_at` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `refund_requests` (
	`id` text PRIMARY KEY NOT NULL,
	`order_id` text NOT NULL,
	`request_key` text NOT NULL,
	`amount_cents` integer,
	`idempotency_key` text NOT NULL,
	`status` text NOT NULL,
	`provider_refund_id` text,
	`last_error` text,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	FOREIGN KEY (`order_id`) REFERENCES `orders`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `refund_requests_order_request` ON `refund_requests` (`order_id`,`request_key`);