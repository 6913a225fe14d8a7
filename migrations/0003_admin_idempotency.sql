CREATE TABLE `admin_idempotency` (
	`key` text PRIMARY KEY NOT NULL,
	`fingerprint` text NOT NULL,
	`report` text NOT NULL,
	`created_at` text NOT NULL
);
