CREATE TABLE `decoy_receipts` (
	`key` text PRIMARY KEY NOT NULL,
	`fingerprint` text NOT NULL,
	`receipt` text NOT NULL,
	`survey_id` text NOT NULL,
	`version_id` text NOT NULL,
	`town_id` text NOT NULL,
	`submitted_at` text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `decoy_receipts_receipt_unique` ON `decoy_receipts` (`receipt`);