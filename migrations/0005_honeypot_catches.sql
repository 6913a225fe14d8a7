CREATE TABLE `honeypot_catches` (
	`day` text NOT NULL,
	`survey_id` text NOT NULL,
	`n` integer NOT NULL,
	PRIMARY KEY(`day`, `survey_id`)
);
