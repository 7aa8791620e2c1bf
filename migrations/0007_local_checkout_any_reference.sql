PRAGMA foreign_keys=OFF;--> statement-breakpoint
CREATE TABLE `__new_local_checkout_sessions` (
	`id` text PRIMARY KEY NOT NULL,
	`order_id` text NOT NULL,
	`payment_intent_id` text NOT NULL,
	`amount_cents` integer NOT NULL,
	`currency` text NOT NULL,
	`status` text NOT NULL,
	`success_url` text NOT NULL,
	`cancel_url` text NOT NULL,
	`created_at` text NOT NULL,
	`refunded_cents` integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
INSERT INTO `__new_local_checkout_sessions`("id", "order_id", "payment_intent_id", "amount_cents", "currency", "status", "success_url", "cancel_url", "created_at", "refunded_cents") SELECT "id", "order_id", "payment_intent_id", "amount_cents", "currency", "status", "success_url", "cancel_url", "created_at", "refunded_cents" FROM `local_checkout_sessions`;--> statement-breakpoint
DROP TABLE `local_checkout_sessions`;--> statement-breakpoint
ALTER TABLE `__new_local_checkout_sessions` RENAME TO `local_checkout_sessions`;--> statement-breakpoint
PRAGMA foreign_keys=ON;