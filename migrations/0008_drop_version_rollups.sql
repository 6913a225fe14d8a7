DROP TABLE `rollup_answers`;--> statement-breakpoint
DROP TABLE `rollup_dimensions`;--> statement-breakpoint
DROP TABLE `rollup_responses`;--> statement-breakpoint
CREATE INDEX `responses_wave_idx` ON `responses` (`wave_id`,`town_id`);--> statement-breakpoint
ALTER TABLE `decoy_receipts` ADD `wave_id` text;--> statement-breakpoint
UPDATE decoy_receipts SET wave_id = (SELECT w.id FROM survey_waves w WHERE w.version_id = decoy_receipts.version_id);
