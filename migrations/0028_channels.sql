CREATE TABLE `analytics_snapshots` (
	`id` text PRIMARY KEY NOT NULL,
	`channel_id` text NOT NULL,
	`item_id` text,
	`project_id` text,
	`product_id` text,
	`views` integer DEFAULT 0 NOT NULL,
	`likes` integer DEFAULT 0 NOT NULL,
	`comments` integer DEFAULT 0 NOT NULL,
	`orders` integer DEFAULT 0 NOT NULL,
	`revenue_cents` integer DEFAULT 0 NOT NULL,
	`captured_at` text NOT NULL,
	FOREIGN KEY (`channel_id`) REFERENCES `channels`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `analytics_snapshots_channel_item` ON `analytics_snapshots` (`channel_id`,`item_id`,`captured_at`);--> statement-breakpoint
CREATE INDEX `analytics_snapshots_project` ON `analytics_snapshots` (`project_id`,`captured_at`);--> statement-breakpoint
CREATE TABLE `channel_listings` (
	`channel_id` text NOT NULL,
	`product_id` text NOT NULL,
	`external_id` text,
	`create_key` text NOT NULL,
	`pushed` text,
	`pushed_digest` text,
	`hidden` integer DEFAULT false NOT NULL,
	`last_synced_at` text,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	PRIMARY KEY(`channel_id`, `product_id`),
	FOREIGN KEY (`channel_id`) REFERENCES `channels`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`product_id`) REFERENCES `products`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `channel_listings_product` ON `channel_listings` (`product_id`);--> statement-breakpoint
CREATE TABLE `channel_oauth_states` (
	`state_hash` text PRIMARY KEY NOT NULL,
	`provider` text NOT NULL,
	`owner_key` text NOT NULL,
	`user_id` text,
	`browser_hash` text NOT NULL,
	`code_verifier_enc` text,
	`token_kid` text,
	`redirect_uri` text NOT NULL,
	`account` text,
	`return_to` text DEFAULT '/channels' NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`expires_at` text NOT NULL,
	`used_at` text,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `channel_sync_log` (
	`id` text PRIMARY KEY NOT NULL,
	`channel_id` text NOT NULL,
	`product_id` text,
	`schedule_id` text,
	`operation` text NOT NULL,
	`outcome` text NOT NULL,
	`external_id` text,
	`attempt` integer DEFAULT 1 NOT NULL,
	`detail` text DEFAULT '' NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL
);
--> statement-breakpoint
CREATE INDEX `channel_sync_log_channel_created` ON `channel_sync_log` (`channel_id`,`created_at`);--> statement-breakpoint
CREATE INDEX `channel_sync_log_product` ON `channel_sync_log` (`product_id`,`created_at`);--> statement-breakpoint
CREATE TABLE `channels` (
	`id` text PRIMARY KEY NOT NULL,
	`provider` text NOT NULL,
	`kind` text NOT NULL,
	`owner_key` text NOT NULL,
	`user_id` text,
	`external_id` text NOT NULL,
	`display_name` text NOT NULL,
	`status` text DEFAULT 'connected' NOT NULL,
	`scopes` text DEFAULT '' NOT NULL,
	`token_kid` text,
	`access_token_enc` text,
	`refresh_token_enc` text,
	`access_expires_at` text,
	`refresh_expires_at` text,
	`last_error` text,
	`time_zone` text DEFAULT 'Asia/Seoul' NOT NULL,
	`connected_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `channels_owner_account` ON `channels` (`owner_key`,`provider`,`external_id`);--> statement-breakpoint
CREATE INDEX `channels_owner_status` ON `channels` (`owner_key`,`status`);--> statement-breakpoint
CREATE TABLE `product_channels` (
	`product_id` text NOT NULL,
	`channel_id` text NOT NULL,
	`enabled` integer DEFAULT true NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	PRIMARY KEY(`product_id`, `channel_id`),
	FOREIGN KEY (`product_id`) REFERENCES `products`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`channel_id`) REFERENCES `channels`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `publish_schedules` (
	`id` text PRIMARY KEY NOT NULL,
	`user_id` text NOT NULL,
	`project_id` text NOT NULL,
	`channel_id` text NOT NULL,
	`scheduled_at` text NOT NULL,
	`time_zone` text NOT NULL,
	`title` text NOT NULL,
	`description` text DEFAULT '' NOT NULL,
	`tags` text DEFAULT '[]' NOT NULL,
	`visibility` text DEFAULT 'public' NOT NULL,
	`status` text DEFAULT 'pending' NOT NULL,
	`attempts` integer DEFAULT 0 NOT NULL,
	`next_attempt_at` text,
	`last_error` text,
	`external_id` text,
	`external_url` text,
	`upload_session` text,
	`published_at` text,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`project_id`) REFERENCES `projects`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`channel_id`) REFERENCES `channels`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `publish_schedules_due` ON `publish_schedules` (`status`,`scheduled_at`);--> statement-breakpoint
CREATE INDEX `publish_schedules_user` ON `publish_schedules` (`user_id`,`scheduled_at`);--> statement-breakpoint
CREATE INDEX `publish_schedules_channel` ON `publish_schedules` (`channel_id`,`scheduled_at`);--> statement-breakpoint
CREATE TABLE `sandbox_items` (
	`id` text PRIMARY KEY NOT NULL,
	`account` text NOT NULL,
	`kind` text NOT NULL,
	`create_key` text,
	`data` text NOT NULL,
	`r2_key` text,
	`views` integer DEFAULT 0 NOT NULL,
	`likes` integer DEFAULT 0 NOT NULL,
	`comments` integer DEFAULT 0 NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `sandbox_items_create_key` ON `sandbox_items` (`account`,`create_key`);--> statement-breakpoint
CREATE INDEX `sandbox_items_account` ON `sandbox_items` (`account`,`kind`,`created_at`);--> statement-breakpoint
CREATE TABLE `sandbox_tokens` (
	`token_hash` text PRIMARY KEY NOT NULL,
	`account` text NOT NULL,
	`kind` text NOT NULL,
	`code_challenge` text,
	`redirect_uri` text,
	`expires_at` text NOT NULL,
	`used_at` text,
	`revoked_at` text,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL
);
--> statement-breakpoint
CREATE INDEX `sandbox_tokens_account` ON `sandbox_tokens` (`account`,`kind`);