CREATE TABLE `answers` (
	`response_id` text NOT NULL,
	`question_id` text NOT NULL,
	`value` text NOT NULL,
	PRIMARY KEY(`response_id`, `question_id`, `value`),
	FOREIGN KEY (`response_id`) REFERENCES `responses`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `daily_salts` (
	`day` text PRIMARY KEY NOT NULL,
	`salt` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `idempotency_keys` (
	`key` text PRIMARY KEY NOT NULL,
	`fingerprint` text NOT NULL,
	`response_id` text NOT NULL,
	`created_at` text NOT NULL,
	FOREIGN KEY (`response_id`) REFERENCES `responses`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `responses` (
	`id` text PRIMARY KEY NOT NULL,
	`survey_version_id` text NOT NULL,
	`town_id` text NOT NULL,
	`submitted_at` text NOT NULL,
	`contact` text,
	FOREIGN KEY (`survey_version_id`) REFERENCES `survey_versions`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`town_id`) REFERENCES `towns`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `responses_version_idx` ON `responses` (`survey_version_id`,`id`);--> statement-breakpoint
CREATE INDEX `responses_town_idx` ON `responses` (`town_id`,`survey_version_id`);--> statement-breakpoint
CREATE TABLE `rollup_answers` (
	`survey_version_id` text NOT NULL,
	`town_id` text NOT NULL,
	`question_id` text NOT NULL,
	`value` text NOT NULL,
	`n` integer NOT NULL,
	PRIMARY KEY(`survey_version_id`, `town_id`, `question_id`, `value`)
);
--> statement-breakpoint
CREATE TABLE `rollup_dimensions` (
	`survey_version_id` text NOT NULL,
	`town_id` text NOT NULL,
	`dimension` text NOT NULL,
	`n` integer NOT NULL,
	`sum` real NOT NULL,
	`sum_squares` real NOT NULL,
	PRIMARY KEY(`survey_version_id`, `town_id`, `dimension`)
);
--> statement-breakpoint
CREATE TABLE `rollup_responses` (
	`survey_version_id` text NOT NULL,
	`town_id` text NOT NULL,
	`n` integer NOT NULL,
	PRIMARY KEY(`survey_version_id`, `town_id`)
);
--> statement-breakpoint
CREATE TABLE `survey_versions` (
	`id` text PRIMARY KEY NOT NULL,
	`survey_id` text NOT NULL,
	`version` integer NOT NULL,
	`definition` text NOT NULL,
	`created_at` text NOT NULL,
	FOREIGN KEY (`survey_id`) REFERENCES `surveys`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `survey_versions_survey_idx` ON `survey_versions` (`survey_id`,`version`);--> statement-breakpoint
CREATE TABLE `surveys` (
	`id` text PRIMARY KEY NOT NULL,
	`audience` text NOT NULL,
	`opens_at` text,
	`closes_at` text,
	`position` integer NOT NULL
);
