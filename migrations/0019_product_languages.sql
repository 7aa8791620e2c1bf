DROP INDEX `products_title_unique`;--> statement-breakpoint
ALTER TABLE `products` ADD `languages` text DEFAULT 'en' NOT NULL;