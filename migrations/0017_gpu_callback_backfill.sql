-- Callback ids stored before leases were only ever stored once processed (a failure deleted them):
-- they are processed events, and stay duplicates.
UPDATE `gpu_webhook_events` SET `processed_at` = `received_at` WHERE `processed_at` IS NULL;
