CREATE TABLE `content_signatures` (
	`product_id` text NOT NULL,
	`language` text NOT NULL,
	`version` integer NOT NULL,
	`generation` integer NOT NULL,
	`signature` text NOT NULL,
	`shingles` integer NOT NULL,
	`created_at` text NOT NULL,
	PRIMARY KEY(`product_id`, `language`),
	FOREIGN KEY (`product_id`) REFERENCES `products`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
ALTER TABLE `qa_reports` ADD `judge` text;