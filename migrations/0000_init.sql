CREATE TABLE `packages` (
	`product_id` text NOT NULL,
	`version` integer NOT NULL,
	`r2_key` text NOT NULL,
	`size` integer NOT NULL,
	`sha256` text NOT NULL,
	`manifest` text NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	PRIMARY KEY(`product_id`, `version`),
	FOREIGN KEY (`product_id`) REFERENCES `products`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `product_files` (
	`product_id` text NOT NULL,
	`version` integer NOT NULL,
	`generation` integer NOT NULL,
	`path` text NOT NULL,
	`r2_key` text NOT NULL,
	`size` integer NOT NULL,
	`sha256` text NOT NULL,
	`content_type` text NOT NULL,
	PRIMARY KEY(`product_id`, `version`, `generation`, `path`),
	FOREIGN KEY (`product_id`) REFERENCES `products`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `product_versions` (
	`product_id` text NOT NULL,
	`version` integer NOT NULL,
	`generator` text,
	`generation_count` integer DEFAULT 0 NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	PRIMARY KEY(`product_id`, `version`),
	FOREIGN KEY (`product_id`) REFERENCES `products`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `products` (
	`id` text PRIMARY KEY NOT NULL,
	`slug` text NOT NULL,
	`title` text NOT NULL,
	`topic` text NOT NULL,
	`description` text DEFAULT '' NOT NULL,
	`kind` text NOT NULL,
	`status` text NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	`price_cents` integer NOT NULL,
	`currency` text NOT NULL,
	`download_limit` integer NOT NULL,
	`link_ttl_seconds` integer NOT NULL,
	`access_days` integer,
	`quality_score` integer,
	`generation_count` integer DEFAULT 0 NOT NULL,
	`max_generation` integer DEFAULT 3 NOT NULL,
	`package_count` integer DEFAULT 0 NOT NULL,
	`pending_stage` text,
	`pending_attempt` integer DEFAULT 0 NOT NULL,
	`lease_token` text,
	`lease_until` integer,
	`failed_stage` text,
	`last_error` text,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`published_at` text
);
--> statement-breakpoint
CREATE UNIQUE INDEX `products_slug_unique` ON `products` (`slug`);--> statement-breakpoint
CREATE UNIQUE INDEX `products_title_unique` ON `products` (`title`);--> statement-breakpoint
CREATE INDEX `products_status_created` ON `products` (`status`,`created_at`);--> statement-breakpoint
CREATE INDEX `products_created` ON `products` (`created_at`,`id`);--> statement-breakpoint
CREATE TABLE `publish_history` (
	`id` text PRIMARY KEY NOT NULL,
	`product_id` text NOT NULL,
	`version` integer NOT NULL,
	`action` text NOT NULL,
	`reason` text,
	`created_at` text NOT NULL,
	FOREIGN KEY (`product_id`) REFERENCES `products`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `publish_history_product` ON `publish_history` (`product_id`,`created_at`);--> statement-breakpoint
CREATE TABLE `qa_reports` (
	`id` text PRIMARY KEY NOT NULL,
	`product_id` text NOT NULL,
	`version` integer NOT NULL,
	`stage` integer NOT NULL,
	`attempt` integer NOT NULL,
	`passed` integer NOT NULL,
	`score` integer NOT NULL,
	`dimensions` text NOT NULL,
	`checks` text NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	FOREIGN KEY (`product_id`) REFERENCES `products`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `qa_reports_unique_run` ON `qa_reports` (`product_id`,`version`,`stage`,`attempt`);--> statement-breakpoint
CREATE TABLE `stage_runs` (
	`id` text PRIMARY KEY NOT NULL,
	`product_id` text NOT NULL,
	`version` integer NOT NULL,
	`stage` text NOT NULL,
	`attempt` integer NOT NULL,
	`delivery` integer NOT NULL,
	`outcome` text NOT NULL,
	`error` text,
	`started_at` text NOT NULL,
	`finished_at` text,
	FOREIGN KEY (`product_id`) REFERENCES `products`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `stage_runs_product` ON `stage_runs` (`product_id`,`started_at`);