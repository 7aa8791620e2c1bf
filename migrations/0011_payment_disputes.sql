CREATE TABLE `payment_disputes` (
	`payment_intent_id` text PRIMARY KEY NOT NULL,
	`dispute_id` text NOT NULL,
	`status` text NOT NULL,
	`status_at` integer NOT NULL,
	`status_rank` integer NOT NULL,
	`event_id` text NOT NULL,
	`updated_at` text NOT NULL
);
