CREATE TABLE `duplicate_signals` (
	`hash` text PRIMARY KEY NOT NULL
) WITHOUT ROWID;
--> statement-breakpoint
CREATE TABLE `enterprise_claims` (
	`hash` text PRIMARY KEY NOT NULL,
	`wave_id` text NOT NULL
) WITHOUT ROWID;
--> statement-breakpoint
CREATE TABLE `published_answers` (
	`wave_id` text NOT NULL,
	`town_id` text NOT NULL,
	`question_id` text NOT NULL,
	`value` text NOT NULL,
	`n` integer NOT NULL,
	PRIMARY KEY(`wave_id`, `town_id`, `question_id`, `value`)
);
--> statement-breakpoint
CREATE TABLE `published_dimensions` (
	`wave_id` text NOT NULL,
	`town_id` text NOT NULL,
	`dimension` text NOT NULL,
	`n` integer NOT NULL,
	`sum` real NOT NULL,
	`sum_squares` real NOT NULL,
	PRIMARY KEY(`wave_id`, `town_id`, `dimension`)
);
--> statement-breakpoint
CREATE TABLE `published_responses` (
	`wave_id` text NOT NULL,
	`town_id` text NOT NULL,
	`n` integer NOT NULL,
	`duplicates` integer DEFAULT 0 NOT NULL,
	PRIMARY KEY(`wave_id`, `town_id`)
);
--> statement-breakpoint
CREATE TABLE `rollup_wave_answers` (
	`wave_id` text NOT NULL,
	`town_id` text NOT NULL,
	`question_id` text NOT NULL,
	`value` text NOT NULL,
	`n` integer NOT NULL,
	PRIMARY KEY(`wave_id`, `town_id`, `question_id`, `value`)
);
--> statement-breakpoint
CREATE TABLE `rollup_wave_dimensions` (
	`wave_id` text NOT NULL,
	`town_id` text NOT NULL,
	`dimension` text NOT NULL,
	`n` integer NOT NULL,
	`sum` real NOT NULL,
	`sum_squares` real NOT NULL,
	PRIMARY KEY(`wave_id`, `town_id`, `dimension`)
);
--> statement-breakpoint
CREATE TABLE `rollup_wave_responses` (
	`wave_id` text NOT NULL,
	`town_id` text NOT NULL,
	`n` integer NOT NULL,
	`duplicates` integer DEFAULT 0 NOT NULL,
	PRIMARY KEY(`wave_id`, `town_id`)
);
--> statement-breakpoint
CREATE TABLE `survey_waves` (
	`id` text PRIMARY KEY NOT NULL,
	`survey_id` text NOT NULL,
	`version_id` text NOT NULL,
	`name` text NOT NULL,
	`name_en` text NOT NULL,
	`opens_at` text NOT NULL,
	`closes_at` text,
	`publication` text NOT NULL,
	`origin` text DEFAULT 'data' NOT NULL,
	FOREIGN KEY (`survey_id`) REFERENCES `surveys`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`version_id`) REFERENCES `survey_versions`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `survey_waves_survey_idx` ON `survey_waves` (`survey_id`,`opens_at`);--> statement-breakpoint
ALTER TABLE `responses` ADD `wave_id` text REFERENCES survey_waves(id);--> statement-breakpoint
ALTER TABLE `responses` ADD `probable_duplicate` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
-- Hand-written below: drizzle-kit does not model triggers, WITHOUT ROWID (edited above, for the two tables whose
-- rows must carry no insertion order) or data changes.
-- A response belongs to the one wave open when it arrives, so the waves of a survey never overlap, whoever writes them
-- (the loader or the admin API); an instant equal to one wave's closing and the next one's opening belongs to the next.
CREATE TRIGGER survey_waves_no_overlap_insert BEFORE INSERT ON survey_waves
WHEN EXISTS (SELECT 1 FROM survey_waves w WHERE w.survey_id = NEW.survey_id AND w.id <> NEW.id
  AND w.opens_at < COALESCE(NEW.closes_at, '9999') AND NEW.opens_at < COALESCE(w.closes_at, '9999')) BEGIN
  SELECT RAISE(ABORT, 'waves of one survey must not overlap');
END;
--> statement-breakpoint
CREATE TRIGGER survey_waves_no_overlap_update BEFORE UPDATE ON survey_waves
WHEN EXISTS (SELECT 1 FROM survey_waves w WHERE w.survey_id = NEW.survey_id AND w.id <> NEW.id
  AND w.opens_at < COALESCE(NEW.closes_at, '9999') AND NEW.opens_at < COALESCE(w.closes_at, '9999')) BEGIN
  SELECT RAISE(ABORT, 'waves of one survey must not overlap');
END;
--> statement-breakpoint
CREATE TRIGGER survey_waves_forward_insert BEFORE INSERT ON survey_waves WHEN NEW.closes_at IS NOT NULL AND NEW.closes_at <= NEW.opens_at BEGIN
  SELECT RAISE(ABORT, 'a wave must open before it closes');
END;
--> statement-breakpoint
CREATE TRIGGER survey_waves_forward_update BEFORE UPDATE ON survey_waves WHEN NEW.closes_at IS NOT NULL AND NEW.closes_at <= NEW.opens_at BEGIN
  SELECT RAISE(ABORT, 'a wave must open before it closes');
END;
--> statement-breakpoint
-- Every questionnaire version becomes a wave of its survey (`<survey>-w<version>`), open from its first response
-- (or the survey's opening) until the next version came (the current one: until the survey's closing), so that
-- every existing response belongs to exactly one wave. data/surveys/waves.csv may then rename and reschedule
-- them (their origin is `data`). Enterprise waves publish after they close; public ones live in steps of 10.
INSERT INTO survey_waves (id, survey_id, version_id, name, name_en, opens_at, closes_at, publication, origin)
SELECT v.survey_id || '-w' || v.version, v.survey_id, v.id, '第' || v.version || '轮', 'Wave ' || v.version,
  COALESCE((SELECT MIN(r.submitted_at) FROM responses r WHERE r.survey_version_id = v.id),
    CASE WHEN v.version = (SELECT MIN(v2.version) FROM survey_versions v2 WHERE v2.survey_id = v.survey_id) THEN COALESCE(s.opens_at, v.created_at) ELSE v.created_at END),
  CASE WHEN v.version = (SELECT MAX(v2.version) FROM survey_versions v2 WHERE v2.survey_id = v.survey_id) THEN
         -- A survey paused by moving its opening into the future after it had answers stays paused: its wave ends now.
         CASE WHEN s.opens_at > strftime('%Y-%m-%dT%H:%M:%fZ', 'now') AND EXISTS (SELECT 1 FROM responses r WHERE r.survey_version_id = v.id)
              THEN strftime('%Y-%m-%dT%H:%M:%fZ', 'now') ELSE s.closes_at END
       ELSE (SELECT MIN(v2.created_at) FROM survey_versions v2 WHERE v2.survey_id = v.survey_id AND v2.version > v.version) END,
  CASE s.audience WHEN 'enterprise' THEN 'after_close' ELSE 'live_in_steps' END, 'data'
FROM survey_versions v JOIN surveys s ON s.id = v.survey_id
-- A version answered needs a wave, and so does the current one, unless nobody answered it and the survey closed
-- before it came (it would close before it opened); an older version that nobody answered needs none.
WHERE EXISTS (SELECT 1 FROM responses r WHERE r.survey_version_id = v.id)
   OR (v.version = (SELECT MAX(v2.version) FROM survey_versions v2 WHERE v2.survey_id = v.survey_id)
       AND (s.closes_at IS NULL OR s.closes_at > v.created_at));
--> statement-breakpoint
-- Every instant in one spelling, that of the responses' submitted_at (toISOString: milliseconds and Z), so that
-- instants compare as text to the millisecond: '…00Z' sorts after '…00.500Z' of the same second.
UPDATE survey_waves SET opens_at = strftime('%Y-%m-%dT%H:%M:%fZ', opens_at),
  closes_at = CASE WHEN closes_at IS NULL THEN NULL ELSE strftime('%Y-%m-%dT%H:%M:%fZ', closes_at) END;
--> statement-breakpoint
UPDATE responses SET wave_id = (SELECT w.id FROM survey_waves w WHERE w.version_id = responses.survey_version_id);
--> statement-breakpoint
-- The rollups move to their wave unchanged: nothing is recounted (test/db/waves-migration.test.ts recounts to check).
INSERT INTO rollup_wave_responses (wave_id, town_id, n, duplicates)
SELECT w.id, r.town_id, r.n, 0 FROM rollup_responses r JOIN survey_waves w ON w.version_id = r.survey_version_id;
--> statement-breakpoint
INSERT INTO rollup_wave_answers (wave_id, town_id, question_id, value, n)
SELECT w.id, r.town_id, r.question_id, r.value, r.n FROM rollup_answers r JOIN survey_waves w ON w.version_id = r.survey_version_id;
--> statement-breakpoint
INSERT INTO rollup_wave_dimensions (wave_id, town_id, dimension, n, sum, sum_squares)
SELECT w.id, r.town_id, r.dimension, r.n, r.sum, r.sum_squares FROM rollup_dimensions r JOIN survey_waves w ON w.version_id = r.survey_version_id;
--> statement-breakpoint
-- A wave published live gets a first published state where a town's count is already a multiple of 10; the
-- others publish at their next multiple, so no published state is ever less than 10 responses from another.
INSERT INTO published_responses SELECT r.* FROM rollup_wave_responses r JOIN survey_waves w ON w.id = r.wave_id
WHERE w.publication = 'live_in_steps' AND r.n % 10 = 0;
--> statement-breakpoint
INSERT INTO published_answers SELECT a.* FROM rollup_wave_answers a JOIN published_responses p ON p.wave_id = a.wave_id AND p.town_id = a.town_id;
--> statement-breakpoint
INSERT INTO published_dimensions SELECT d.* FROM rollup_wave_dimensions d JOIN published_responses p ON p.wave_id = d.wave_id AND p.town_id = d.town_id;
