CREATE TABLE `gpu_jobs` (
	`id` text PRIMARY KEY NOT NULL,
	`kind` text NOT NULL,
	`status` text NOT NULL,
	`owner_type` text NOT NULL,
	`owner_id` text NOT NULL,
	`idempotency_key` text NOT NULL,
	`progress_percent` integer DEFAULT 0 NOT NULL,
	`progress_step` text DEFAULT '' NOT NULL,
	`error_code` text,
	`error_message` text,
	`artifacts` text DEFAULT '[]' NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`last_event_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `gpu_jobs_idempotency_key` ON `gpu_jobs` (`idempotency_key`);--> statement-breakpoint
CREATE INDEX `gpu_jobs_status_last_event` ON `gpu_jobs` (`status`,`last_event_at`);--> statement-breakpoint
CREATE TABLE `gpu_webhook_events` (
	`webhook_id` text PRIMARY KEY NOT NULL,
	`job_id` text NOT NULL,
	`type` text NOT NULL,
	`received_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL
);
