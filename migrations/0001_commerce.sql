CREATE TABLE `download_log` (
	`id` text PRIMARY KEY NOT NULL,
	`created_at` text NOT NULL,
	`action` text NOT NULL,
	`outcome` text NOT NULL,
	`reason` text NOT NULL,
	`grant_id` text,
	`order_id` text,
	`product_id` text,
	`session_id` text,
	`ip_hash` text NOT NULL,
	`user_agent` text,
	`range` text,
	`status` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `download_log_order` ON `download_log` (`order_id`,`created_at`);--> statement-breakpoint
CREATE INDEX `download_log_grant` ON `download_log` (`grant_id`,`created_at`);--> statement-breakpoint
CREATE TABLE `grants` (
	`id` text PRIMARY KEY NOT NULL,
	`purpose` text NOT NULL,
	`order_id` text,
	`order_item_id` text,
	`product_id` text NOT NULL,
	`version` integer NOT NULL,
	`package_key` text NOT NULL,
	`package_size` integer NOT NULL,
	`package_sha256` text NOT NULL,
	`file_name` text NOT NULL,
	`max_downloads` integer NOT NULL,
	`downloads_used` integer DEFAULT 0 NOT NULL,
	`link_ttl_seconds` integer NOT NULL,
	`expires_at` text,
	`status` text NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	FOREIGN KEY (`order_id`) REFERENCES `orders`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`order_item_id`) REFERENCES `order_items`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`product_id`) REFERENCES `products`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `grants_order_item_unique` ON `grants` (`order_item_id`);--> statement-breakpoint
CREATE INDEX `grants_order` ON `grants` (`order_id`);--> statement-breakpoint
CREATE TABLE `local_checkout_sessions` (
	`id` text PRIMARY KEY NOT NULL,
	`order_id` text NOT NULL,
	`payment_intent_id` text NOT NULL,
	`amount_cents` integer NOT NULL,
	`currency` text NOT NULL,
	`status` text NOT NULL,
	`success_url` text NOT NULL,
	`cancel_url` text NOT NULL,
	`created_at` text NOT NULL,
	`refunded_cents` integer DEFAULT 0 NOT NULL,
	FOREIGN KEY (`order_id`) REFERENCES `orders`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `order_items` (
	`id` text PRIMARY KEY NOT NULL,
	`order_id` text NOT NULL,
	`product_id` text NOT NULL,
	`version` integer NOT NULL,
	`title` text NOT NULL,
	`price_cents` integer NOT NULL,
	`currency` text NOT NULL,
	`download_limit` integer NOT NULL,
	`link_ttl_seconds` integer NOT NULL,
	`access_days` integer,
	`package_key` text NOT NULL,
	`package_size` integer NOT NULL,
	`package_sha256` text NOT NULL,
	`file_name` text NOT NULL,
	FOREIGN KEY (`order_id`) REFERENCES `orders`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`product_id`) REFERENCES `products`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `order_items_order` ON `order_items` (`order_id`);--> statement-breakpoint
CREATE TABLE `orders` (
	`id` text PRIMARY KEY NOT NULL,
	`order_key_hash` text NOT NULL,
	`email` text NOT NULL,
	`status` text NOT NULL,
	`provider` text NOT NULL,
	`checkout_session_id` text,
	`payment_intent_id` text,
	`amount_cents` integer NOT NULL,
	`currency` text NOT NULL,
	`consent_text` text,
	`consent_at` text,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	`expires_at` text NOT NULL,
	`paid_at` text,
	`fulfilled_at` text,
	`refunded_at` text,
	`disputed_at` text,
	`receipt_sent_at` text
);
--> statement-breakpoint
CREATE UNIQUE INDEX `orders_checkout_session_unique` ON `orders` (`checkout_session_id`);--> statement-breakpoint
CREATE INDEX `orders_payment_intent` ON `orders` (`payment_intent_id`);--> statement-breakpoint
CREATE INDEX `orders_status_expires` ON `orders` (`status`,`expires_at`);--> statement-breakpoint
CREATE INDEX `orders_created` ON `orders` (`created_at`,`id`);--> statement-breakpoint
CREATE TABLE `payment_events` (
	`id` text PRIMARY KEY NOT NULL,
	`type` text NOT NULL,
	`order_id` text,
	`checkout_session_id` text,
	`payment_intent_id` text,
	`payload` text NOT NULL,
	`received_at` text NOT NULL,
	`processed_at` text,
	`outcome` text
);
--> statement-breakpoint
CREATE INDEX `payment_events_order` ON `payment_events` (`order_id`);--> statement-breakpoint
CREATE INDEX `payment_events_intent` ON `payment_events` (`payment_intent_id`);