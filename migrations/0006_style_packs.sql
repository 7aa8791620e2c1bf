CREATE TABLE `style_packs` (
	`product_id` text PRIMARY KEY NOT NULL,
	`style_id` text NOT NULL,
	`artist_id` text NOT NULL,
	`license` text NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	FOREIGN KEY (`product_id`) REFERENCES `products`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`style_id`) REFERENCES `styles`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`artist_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE restrict
);
--> statement-breakpoint
CREATE INDEX `style_packs_style_created` ON `style_packs` (`style_id`,`created_at`);