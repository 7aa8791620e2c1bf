CREATE TABLE `comments` (
	`id` text PRIMARY KEY NOT NULL,
	`generation_id` text NOT NULL,
	`author_id` text NOT NULL,
	`parent_id` text,
	`body` text NOT NULL,
	`status` text DEFAULT 'visible' NOT NULL,
	`hidden_by` text,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`edited_at` text,
	FOREIGN KEY (`generation_id`) REFERENCES `generations`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`author_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `comments_generation_parent_created` ON `comments` (`generation_id`,`parent_id`,`created_at`);--> statement-breakpoint
CREATE INDEX `comments_author_created` ON `comments` (`author_id`,`created_at`);--> statement-breakpoint
CREATE TABLE `follows` (
	`follower_id` text NOT NULL,
	`followee_id` text NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	PRIMARY KEY(`follower_id`, `followee_id`),
	FOREIGN KEY (`follower_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`followee_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade,
	CONSTRAINT "follows_not_self" CHECK("follows"."follower_id" <> "follows"."followee_id")
);
--> statement-breakpoint
CREATE INDEX `follows_followee_created` ON `follows` (`followee_id`,`created_at`);--> statement-breakpoint
CREATE INDEX `follows_follower_created` ON `follows` (`follower_id`,`created_at`);--> statement-breakpoint
CREATE TABLE `generation_likes` (
	`generation_id` text NOT NULL,
	`user_id` text NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	PRIMARY KEY(`generation_id`, `user_id`),
	FOREIGN KEY (`generation_id`) REFERENCES `generations`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `generation_likes_user_created` ON `generation_likes` (`user_id`,`created_at`);--> statement-breakpoint
CREATE TABLE `notified_facts` (
	`key` text PRIMARY KEY NOT NULL,
	`user_id` text NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `notified_facts_user` ON `notified_facts` (`user_id`);--> statement-breakpoint
CREATE TABLE `payout_requests` (
	`id` text PRIMARY KEY NOT NULL,
	`artist_id` text NOT NULL,
	`credits` integer NOT NULL,
	`amount_cents` integer NOT NULL,
	`currency` text NOT NULL,
	`status` text DEFAULT 'requested' NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`decided_at` text,
	`decided_by` text,
	FOREIGN KEY (`artist_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE restrict,
	CONSTRAINT "payout_requests_credits_positive" CHECK("payout_requests"."credits" > 0)
);
--> statement-breakpoint
CREATE INDEX `payout_requests_status_created` ON `payout_requests` (`status`,`created_at`);--> statement-breakpoint
CREATE INDEX `payout_requests_artist_created` ON `payout_requests` (`artist_id`,`created_at`);--> statement-breakpoint
ALTER TABLE `generations` ADD `like_count` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `generations` ADD `comment_count` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `generations` ADD `refunded_at` text;--> statement-breakpoint
CREATE INDEX `generations_public_likes` ON `generations` (`visibility`,`status`,`like_count`,`created_at`);--> statement-breakpoint
ALTER TABLE `notifications` ADD `group_key` text;--> statement-breakpoint
ALTER TABLE `notifications` ADD `actor_count` integer DEFAULT 1 NOT NULL;--> statement-breakpoint
CREATE UNIQUE INDEX `notifications_open_group` ON `notifications` (`group_key`) WHERE "notifications"."group_key" is not null and "notifications"."read_at" is null;--> statement-breakpoint
ALTER TABLE `users` ADD `nickname` text;--> statement-breakpoint
ALTER TABLE `users` ADD `bio` text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE `users` ADD `avatar_r2_key` text;--> statement-breakpoint
ALTER TABLE `users` ADD `follower_count` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `users` ADD `following_count` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `users` ADD `earnings_balance` integer DEFAULT 0 NOT NULL CONSTRAINT `users_earnings_balance_non_negative` CHECK (`earnings_balance` >= 0);--> statement-breakpoint
ALTER TABLE `users` ADD `status` text DEFAULT 'active' NOT NULL;--> statement-breakpoint
ALTER TABLE `users` ADD `status_changed_at` text;--> statement-breakpoint
-- Existing users get a nickname derived from their name (spaces as _, at most 20 characters; "user_" and six characters of their id when the name is shorter than 2), with the last six characters of their id where an earlier user has it already, whatever its case. They can change it on their profile.
UPDATE `users` SET `nickname` = CASE WHEN length(trim(`name`)) >= 2 THEN substr(replace(trim(`name`), ' ', '_'), 1, 20) ELSE 'user_' || substr(`id`, -6) END;--> statement-breakpoint
UPDATE `users` SET `nickname` = substr(`nickname`, 1, 13) || '_' || substr(`id`, -6) WHERE `id` IN (SELECT `id` FROM (SELECT `id`, row_number() OVER (PARTITION BY lower(`nickname`) ORDER BY `created_at`, `id`) AS `n` FROM `users`) WHERE `n` > 1);--> statement-breakpoint
CREATE UNIQUE INDEX `users_nickname_unique` ON `users` (lower("nickname"));--> statement-breakpoint
CREATE INDEX `users_role_followers` ON `users` (`role`,`follower_count`);