CREATE INDEX `events_effective_on_idx` ON `status_events` (`effective_on`);--> statement-breakpoint
-- Hand-written below: drizzle-kit does not model triggers or data changes.
-- The audit log is append-only in the database itself, so that no code path, present or future, can
-- rewrite or remove an entry: an UPDATE or DELETE of audit_log fails and rolls back its whole batch.
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log BEGIN
  SELECT RAISE(ABORT, 'audit_log is append-only: an entry is never updated');
END;
--> statement-breakpoint
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log BEGIN
  SELECT RAISE(ABORT, 'audit_log is append-only: an entry is never deleted');
END;
--> statement-breakpoint
-- INSERT OR REPLACE removes the row it replaces without firing DELETE triggers, so an insert that names
-- an existing id is refused too. (New entries leave the id to AUTOINCREMENT: NEW.id is then -1 here.)
CREATE TRIGGER audit_log_no_replace BEFORE INSERT ON audit_log WHEN EXISTS (SELECT 1 FROM audit_log WHERE id = NEW.id) BEGIN
  SELECT RAISE(ABORT, 'audit_log is append-only: an entry is never replaced');
END;
--> statement-breakpoint
-- A status dated after today (Beijing time) is scheduled, not current. Until now every event counted at once,
-- so the memberships with such an event get their current status again from the events in effect today
-- (as worker/db/queries/list-rollups.ts computes it), and the date they are brought up to is recorded for the
-- Cron Trigger that applies each scheduled status on its day (worker/scheduled.ts).
UPDATE memberships SET
  current_status = (SELECT e.status FROM status_events e WHERE e.membership_id = memberships.id
    AND NOT EXISTS (SELECT 1 FROM status_events s WHERE s.supersedes_id = e.id)
    AND (e.effective_on IS NULL OR e.effective_on <= date('now', '+8 hours')) ORDER BY e.effective_on DESC, e.id DESC LIMIT 1),
  current_since = (SELECT e.effective_date FROM status_events e WHERE e.membership_id = memberships.id
    AND NOT EXISTS (SELECT 1 FROM status_events s WHERE s.supersedes_id = e.id)
    AND (e.effective_on IS NULL OR e.effective_on <= date('now', '+8 hours')) ORDER BY e.effective_on DESC, e.id DESC LIMIT 1)
WHERE EXISTS (SELECT 1 FROM status_events e WHERE e.membership_id = memberships.id AND e.effective_on > date('now', '+8 hours'))
  AND EXISTS (SELECT 1 FROM status_events e WHERE e.membership_id = memberships.id
    AND NOT EXISTS (SELECT 1 FROM status_events s WHERE s.supersedes_id = e.id)
    AND (e.effective_on IS NULL OR e.effective_on <= date('now', '+8 hours')));
--> statement-breakpoint
INSERT INTO meta (key, value) VALUES ('statuses_as_of', date('now', '+8 hours')) ON CONFLICT(key) DO NOTHING;
