CREATE TABLE `knowledge_base` (
	`code` text PRIMARY KEY NOT NULL,
	`area` text NOT NULL,
	`name_ko` text NOT NULL,
	`name_en` text NOT NULL,
	`description_ko` text NOT NULL,
	`description_en` text NOT NULL,
	`cost_min` integer NOT NULL,
	`cost_max` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `payment_failures` (
	`id` text PRIMARY KEY NOT NULL,
	`reference` text NOT NULL,
	`provider` text NOT NULL,
	`provider_event_id` text NOT NULL,
	`reason` text NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `payment_failures_provider_event_id_unique` ON `payment_failures` (`provider_event_id`);--> statement-breakpoint
CREATE INDEX `payment_failures_reference` ON `payment_failures` (`reference`);--> statement-breakpoint
CREATE INDEX `payment_failures_created` ON `payment_failures` (`created_at`);--> statement-breakpoint
CREATE TABLE `portrait_api_timings` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`route` text NOT NULL,
	`status` integer NOT NULL,
	`duration_ms` integer NOT NULL,
	`at` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `portrait_api_timings_at` ON `portrait_api_timings` (`at`);--> statement-breakpoint
CREATE TABLE `portrait_images` (
	`job_id` text NOT NULL,
	`position` integer NOT NULL,
	`r2_key` text NOT NULL,
	`content_type` text NOT NULL,
	`size` integer NOT NULL,
	`seed` integer,
	PRIMARY KEY(`job_id`, `position`),
	FOREIGN KEY (`job_id`) REFERENCES `portrait_jobs`(`id`) ON UPDATE no action ON DELETE cascade,
	CONSTRAINT "portrait_images_position" CHECK("portrait_images"."position" BETWEEN 0 AND 2)
);
--> statement-breakpoint
CREATE TABLE `portrait_jobs` (
	`id` text PRIMARY KEY NOT NULL,
	`status` text DEFAULT 'pending_payment' NOT NULL,
	`failure_reason` text,
	`key_hash` text NOT NULL,
	`locale` text DEFAULT 'ko' NOT NULL,
	`price_cents` integer NOT NULL,
	`currency` text NOT NULL,
	`provider` text NOT NULL,
	`checkout_session_id` text,
	`payment_intent_id` text,
	`paid_at` text,
	`refunded_at` text,
	`refund_id` text,
	`phone_ciphertext` text,
	`phone_key_id` text,
	`phone_hash` text,
	`phone_last4` text,
	`photo_key` text,
	`portrait_gpu_job_id` text,
	`report_gpu_job_id` text,
	`portrait_attempts` integer DEFAULT 0 NOT NULL,
	`report_attempts` integer DEFAULT 0 NOT NULL,
	`retry_at` text,
	`report` text,
	`report_writer` text,
	`progress_percent` integer DEFAULT 0 NOT NULL,
	`progress_step` text,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`expires_at` text NOT NULL,
	`uploaded_at` text,
	`completed_at` text,
	`failed_at` text,
	`sms_sent_at` text,
	`deletion_queued_at` text,
	`deleted_at` text,
	`deletion_attempts` integer DEFAULT 0 NOT NULL,
	`deletion_error` text
);
--> statement-breakpoint
CREATE INDEX `portrait_jobs_status_created` ON `portrait_jobs` (`status`,`created_at`);--> statement-breakpoint
CREATE INDEX `portrait_jobs_expires` ON `portrait_jobs` (`deleted_at`,`expires_at`);--> statement-breakpoint
CREATE INDEX `portrait_jobs_checkout_session` ON `portrait_jobs` (`checkout_session_id`);--> statement-breakpoint
CREATE INDEX `portrait_jobs_payment_intent` ON `portrait_jobs` (`payment_intent_id`);--> statement-breakpoint
CREATE INDEX `portrait_jobs_portrait_gpu_job` ON `portrait_jobs` (`portrait_gpu_job_id`);--> statement-breakpoint
CREATE INDEX `portrait_jobs_report_gpu_job` ON `portrait_jobs` (`report_gpu_job_id`);--> statement-breakpoint
CREATE TABLE `portrait_recommendations` (
	`job_id` text NOT NULL,
	`code` text NOT NULL,
	`position` integer NOT NULL,
	PRIMARY KEY(`job_id`, `code`),
	FOREIGN KEY (`job_id`) REFERENCES `portrait_jobs`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`code`) REFERENCES `knowledge_base`(`code`) ON UPDATE no action ON DELETE restrict
);
--> statement-breakpoint
CREATE TABLE `portrait_surveys` (
	`job_id` text PRIMARY KEY NOT NULL,
	`rating` integer NOT NULL,
	`comment` text,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	FOREIGN KEY (`job_id`) REFERENCES `portrait_jobs`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `sms_logs` (
	`id` text PRIMARY KEY NOT NULL,
	`job_id` text,
	`purpose` text NOT NULL,
	`provider` text NOT NULL,
	`recipient_masked` text,
	`body` text NOT NULL,
	`attempt` integer NOT NULL,
	`outcome` text NOT NULL,
	`provider_message_id` text,
	`error` text,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL
);
--> statement-breakpoint
CREATE INDEX `sms_logs_job` ON `sms_logs` (`job_id`,`attempt`);--> statement-breakpoint
CREATE INDEX `sms_logs_created` ON `sms_logs` (`created_at`);