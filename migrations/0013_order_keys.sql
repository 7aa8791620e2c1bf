CREATE TABLE `order_keys` (
	`key_hash` text PRIMARY KEY NOT NULL,
	`order_id` text NOT NULL,
	`purpose` text NOT NULL,
	`created_at` text NOT NULL,
	FOREIGN KEY (`order_id`) REFERENCES `orders`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `order_keys_order` ON `order_keys` (`order_id`);