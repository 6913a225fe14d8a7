CREATE TABLE `suggestions` (
	`id` text PRIMARY KEY NOT NULL,
	`kind` text NOT NULL,
	`list_id` text,
	`town_id` text,
	`town_name` text,
	`province` text,
	`city` text,
	`county` text,
	`proposed_status` text,
	`proposed_date` text,
	`detail` text NOT NULL,
	`source` text NOT NULL,
	`source_kind` text NOT NULL,
	`contact` text,
	`status` text DEFAULT 'received' NOT NULL,
	`reason` text,
	`decided_at` text,
	`submitted_at` text NOT NULL,
	`idempotency_key` text NOT NULL,
	`fingerprint` text NOT NULL,
	`decoy` integer DEFAULT false NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `suggestions_idempotency_key_unique` ON `suggestions` (`idempotency_key`);--> statement-breakpoint
CREATE INDEX `suggestions_status_idx` ON `suggestions` (`decoy`,`status`,`submitted_at`,`id`);--> statement-breakpoint
CREATE INDEX `suggestions_submitted_idx` ON `suggestions` (`decoy`,`submitted_at`,`id`);--> statement-breakpoint
ALTER TABLE `status_events` ADD `suggestion_id` text;--> statement-breakpoint
CREATE INDEX `events_suggestion_idx` ON `status_events` (`suggestion_id`);