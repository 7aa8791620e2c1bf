ALTER TABLE `credit_purchases` ADD `payment_intent_id` text;--> statement-breakpoint
CREATE INDEX `credit_purchases_payment_intent` ON `credit_purchases` (`payment_intent_id`);