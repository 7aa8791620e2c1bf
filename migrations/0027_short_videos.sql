CREATE TABLE `assets` (
	`id` text PRIMARY KEY NOT NULL,
	`user_id` text NOT NULL,
	`folder` text DEFAULT '' NOT NULL,
	`name` text NOT NULL,
	`tags` text DEFAULT '[]' NOT NULL,
	`content_type` text NOT NULL,
	`size` integer NOT NULL,
	`sha256` text NOT NULL,
	`r2_key` text NOT NULL,
	`source` text NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `assets_user_folder_created` ON `assets` (`user_id`,`folder`,`created_at`);--> statement-breakpoint
CREATE TABLE `brand_profiles` (
	`id` text PRIMARY KEY NOT NULL,
	`user_id` text NOT NULL,
	`name` text NOT NULL,
	`tone` text NOT NULL,
	`primary_color` text NOT NULL,
	`accent_color` text NOT NULL,
	`text_color` text NOT NULL,
	`font` text NOT NULL,
	`voice_language` text DEFAULT 'ko' NOT NULL,
	`voice` text,
	`voice_speed` real DEFAULT 1 NOT NULL,
	`target_audience` text DEFAULT '' NOT NULL,
	`avoid_phrases` text DEFAULT '[]' NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `brand_profiles_user_created` ON `brand_profiles` (`user_id`,`created_at`);--> statement-breakpoint
CREATE TABLE `image_cache` (
	`cache_key` text PRIMARY KEY NOT NULL,
	`user_id` text NOT NULL,
	`r2_key` text NOT NULL,
	`sha256` text NOT NULL,
	`size` integer NOT NULL,
	`cost_cents` integer NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL
);
--> statement-breakpoint
CREATE TABLE `plan_purchases` (
	`id` text PRIMARY KEY NOT NULL,
	`user_id` text NOT NULL,
	`plan` text NOT NULL,
	`mode` text NOT NULL,
	`price_cents` integer NOT NULL,
	`currency` text NOT NULL,
	`status` text DEFAULT 'pending' NOT NULL,
	`checkout_session_id` text,
	`payment_intent_id` text,
	`subscription_id` text,
	`paid_at` text,
	`period_end` text,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `plan_purchases_user_created` ON `plan_purchases` (`user_id`,`created_at`);--> statement-breakpoint
CREATE INDEX `plan_purchases_payment_intent` ON `plan_purchases` (`payment_intent_id`);--> statement-breakpoint
CREATE TABLE `project_runs` (
	`id` text PRIMARY KEY NOT NULL,
	`project_id` text NOT NULL,
	`user_id` text NOT NULL,
	`scope` text NOT NULL,
	`status` text DEFAULT 'pending' NOT NULL,
	`first_step` text NOT NULL,
	`current_step` text NOT NULL,
	`progress` integer DEFAULT 0 NOT NULL,
	`reused_steps` text DEFAULT '[]' NOT NULL,
	`error_step` text,
	`error_code` text,
	`error_message` text,
	`reserved_cents` integer DEFAULT 0 NOT NULL,
	`cost_cents` integer,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`finished_at` text,
	FOREIGN KEY (`project_id`) REFERENCES `projects`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `project_runs_project_created` ON `project_runs` (`project_id`,`created_at`);--> statement-breakpoint
CREATE INDEX `project_runs_user_status` ON `project_runs` (`user_id`,`status`);--> statement-breakpoint
CREATE TABLE `project_scenes` (
	`project_id` text NOT NULL,
	`position` integer NOT NULL,
	`section` text NOT NULL,
	`text` text NOT NULL,
	`image_prompt` text NOT NULL,
	`start_ms` integer NOT NULL,
	`end_ms` integer NOT NULL,
	`image_r2_key` text,
	`image_sha256` text,
	`image_size` integer,
	`image_cache_key` text,
	PRIMARY KEY(`project_id`, `position`),
	FOREIGN KEY (`project_id`) REFERENCES `projects`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `projects` (
	`id` text PRIMARY KEY NOT NULL,
	`user_id` text NOT NULL,
	`type` text DEFAULT 'shortform' NOT NULL,
	`title` text NOT NULL,
	`status` text DEFAULT 'draft' NOT NULL,
	`keyword` text DEFAULT '' NOT NULL,
	`aspect` text DEFAULT '9:16' NOT NULL,
	`duration_s` integer DEFAULT 30 NOT NULL,
	`language` text DEFAULT 'ko' NOT NULL,
	`brand_profile_id` text,
	`template_id` text,
	`script` text,
	`script_source` text,
	`voice_r2_key` text,
	`voice_sha256` text,
	`voice_size` integer,
	`voice_timings` text,
	`video_r2_key` text,
	`video_sha256` text,
	`video_size` integer,
	`video_duration_ms` integer,
	`video_width` integer,
	`video_height` integer,
	`thumbnail_r2_key` text,
	`thumbnail_sha256` text,
	`thumbnail_size` integer,
	`subtitles_srt` text,
	`qa_report` text,
	`product_id` text,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`brand_profile_id`) REFERENCES `brand_profiles`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `projects_user_created` ON `projects` (`user_id`,`created_at`);--> statement-breakpoint
CREATE INDEX `projects_user_status` ON `projects` (`user_id`,`status`,`created_at`);--> statement-breakpoint
CREATE TABLE `script_cache` (
	`cache_key` text PRIMARY KEY NOT NULL,
	`user_id` text NOT NULL,
	`script` text NOT NULL,
	`source` text NOT NULL,
	`cost_cents` integer NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`expires_at` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `usage_records` (
	`id` text PRIMARY KEY NOT NULL,
	`user_id` text NOT NULL,
	`project_id` text,
	`run_id` text,
	`resource` text NOT NULL,
	`quantity` real NOT NULL,
	`cost_cents` integer NOT NULL,
	`saved_cents` integer DEFAULT 0 NOT NULL,
	`cache_hit` integer DEFAULT false NOT NULL,
	`dedupe_key` text NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `usage_records_dedupe` ON `usage_records` (`dedupe_key`);--> statement-breakpoint
CREATE INDEX `usage_records_user_created` ON `usage_records` (`user_id`,`created_at`);--> statement-breakpoint
CREATE TABLE `user_plans` (
	`user_id` text PRIMARY KEY NOT NULL,
	`plan` text NOT NULL,
	`source` text NOT NULL,
	`period_start` text NOT NULL,
	`expires_at` text,
	`subscription_id` text,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `video_slots` (
	`user_id` text NOT NULL,
	`period_start` text NOT NULL,
	`project_id` text NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	PRIMARY KEY(`user_id`, `period_start`, `project_id`),
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `video_templates` (
	`id` text PRIMARY KEY NOT NULL,
	`user_id` text NOT NULL,
	`name` text NOT NULL,
	`description` text DEFAULT '' NOT NULL,
	`structure` text NOT NULL,
	`use_count` integer DEFAULT 0 NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `video_templates_user_created` ON `video_templates` (`user_id`,`created_at`);