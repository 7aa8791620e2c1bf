CREATE TABLE `provider_lookups` (
	`checkout_session_id` text PRIMARY KEY NOT NULL,
	`looked_up_at` text NOT NULL,
	`payment_status` text,
	`lookups` integer DEFAULT 1 NOT NULL
);
