CREATE TABLE `list_province_counts` (
	`list_id` text NOT NULL,
	`province` text NOT NULL,
	`official_count` integer NOT NULL,
	`town_count` integer DEFAULT 0 NOT NULL,
	`source` text,
	PRIMARY KEY(`list_id`, `province`),
	FOREIGN KEY (`list_id`) REFERENCES `lists`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `lists` (
	`id` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`name_en` text NOT NULL,
	`level` text NOT NULL,
	`kind` text NOT NULL,
	`province` text,
	`issuer` text,
	`published_on` text,
	`document_title` text,
	`document_number` text,
	`source_id` text,
	`source_url` text,
	`official_count` integer,
	`town_count` integer DEFAULT 0 NOT NULL,
	`complete` integer DEFAULT false NOT NULL,
	`note` text,
	`position` integer NOT NULL,
	FOREIGN KEY (`source_id`) REFERENCES `sources`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `lists_level_idx` ON `lists` (`level`,`position`);--> statement-breakpoint
CREATE INDEX `lists_position_idx` ON `lists` (`position`);--> statement-breakpoint
CREATE TABLE `memberships` (
	`id` integer PRIMARY KEY NOT NULL,
	`town_id` text NOT NULL,
	`list_id` text NOT NULL,
	`listed_as` text,
	`position` integer,
	`confidence` text,
	`source_urls` text NOT NULL,
	`note` text,
	`current_status` text NOT NULL,
	`current_since` text,
	FOREIGN KEY (`town_id`) REFERENCES `towns`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`list_id`) REFERENCES `lists`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `memberships_town_list_uq` ON `memberships` (`town_id`,`list_id`);--> statement-breakpoint
CREATE INDEX `memberships_list_status_idx` ON `memberships` (`list_id`,`current_status`,`town_id`);--> statement-breakpoint
CREATE INDEX `memberships_status_idx` ON `memberships` (`current_status`,`town_id`);--> statement-breakpoint
CREATE TABLE `meta` (
	`key` text PRIMARY KEY NOT NULL,
	`value` text NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL
);
--> statement-breakpoint
CREATE TABLE `reported_figures` (
	`id` integer PRIMARY KEY NOT NULL,
	`level` text NOT NULL,
	`province` text,
	`issuer` text,
	`effective_date` text,
	`date_precision` text,
	`date_note` text,
	`event_type` text NOT NULL,
	`list_id` text,
	`list_name` text,
	`figure` text,
	`count` integer,
	`detail` text,
	`source_id` text,
	`confidence` text,
	`source_urls` text NOT NULL,
	`note` text,
	FOREIGN KEY (`list_id`) REFERENCES `lists`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`source_id`) REFERENCES `sources`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `figures_date_idx` ON `reported_figures` (`effective_date`,`id`);--> statement-breakpoint
CREATE TABLE `sources` (
	`id` text PRIMARY KEY NOT NULL,
	`title` text NOT NULL,
	`document_number` text,
	`issuer` text,
	`published_on` text,
	`urls` text NOT NULL,
	`note` text
);
--> statement-breakpoint
CREATE TABLE `status_events` (
	`id` integer PRIMARY KEY NOT NULL,
	`membership_id` integer NOT NULL,
	`town_id` text NOT NULL,
	`list_id` text NOT NULL,
	`status` text NOT NULL,
	`status_raw` text,
	`effective_date` text,
	`date_precision` text,
	`effective_on` text,
	`date_note` text,
	`source_id` text,
	`confidence` text,
	`source_urls` text NOT NULL,
	`note` text,
	`origin` text DEFAULT 'data' NOT NULL,
	FOREIGN KEY (`membership_id`) REFERENCES `memberships`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`town_id`) REFERENCES `towns`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`list_id`) REFERENCES `lists`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`source_id`) REFERENCES `sources`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `events_membership_idx` ON `status_events` (`membership_id`,`effective_on`,`id`);--> statement-breakpoint
CREATE INDEX `events_town_idx` ON `status_events` (`town_id`,`effective_on`,`id`);--> statement-breakpoint
CREATE TABLE `towns` (
	`id` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`name_pinyin` text NOT NULL,
	`search_text` text NOT NULL,
	`province` text NOT NULL,
	`city` text,
	`county` text,
	`industry` text,
	`note` text
);
--> statement-breakpoint
CREATE INDEX `towns_pinyin_idx` ON `towns` (`name_pinyin`,`id`);--> statement-breakpoint
CREATE INDEX `towns_province_idx` ON `towns` (`province`,`name_pinyin`,`id`);--> statement-breakpoint
CREATE INDEX `towns_city_idx` ON `towns` (`city`,`name_pinyin`,`id`);--> statement-breakpoint
CREATE INDEX `towns_county_idx` ON `towns` (`county`,`name_pinyin`,`id`);