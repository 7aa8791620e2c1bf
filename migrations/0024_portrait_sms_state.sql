ALTER TABLE `portrait_jobs` ADD `refund_sms_sent_at` text;--> statement-breakpoint
ALTER TABLE `portrait_jobs` ADD `sms_gave_up_at` text;--> statement-breakpoint
ALTER TABLE `portrait_jobs` ADD `sms_lease_until` text;