ALTER TABLE `gpu_jobs` ADD `settled_at` text;--> statement-breakpoint
CREATE INDEX `gpu_jobs_unsettled` ON `gpu_jobs` (`settled_at`,`last_event_at`);--> statement-breakpoint
ALTER TABLE `gpu_webhook_events` ADD `lease_until` text;--> statement-breakpoint
ALTER TABLE `gpu_webhook_events` ADD `processed_at` text;--> statement-breakpoint
ALTER TABLE `gpu_webhook_events` ADD `attempts` integer DEFAULT 0 NOT NULL;