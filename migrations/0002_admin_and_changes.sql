CREATE TABLE `audit_log` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`at` text NOT NULL,
	`actor` text NOT NULL,
	`action` text NOT NULL,
	`entity` text NOT NULL,
	`entity_id` text NOT NULL,
	`before` text,
	`after` text,
	`request_id` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `audit_entity_idx` ON `audit_log` (`entity`,`entity_id`,`id`);--> statement-breakpoint
CREATE INDEX `audit_actor_idx` ON `audit_log` (`actor`,`id`);--> statement-breakpoint
CREATE TABLE `change_log` (
	`seq` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`entity` text NOT NULL,
	`entity_id` text NOT NULL,
	`op` text NOT NULL,
	`changed_at` text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `change_log_entity_uq` ON `change_log` (`entity`,`entity_id`);--> statement-breakpoint
CREATE INDEX `change_log_entity_seq_idx` ON `change_log` (`entity`,`seq`);--> statement-breakpoint
ALTER TABLE `lists` ADD `origin` text DEFAULT 'data' NOT NULL;--> statement-breakpoint
ALTER TABLE `memberships` ADD `origin` text DEFAULT 'data' NOT NULL;--> statement-breakpoint
ALTER TABLE `sources` ADD `origin` text DEFAULT 'data' NOT NULL;--> statement-breakpoint
ALTER TABLE `status_events` ADD `data_key` text;--> statement-breakpoint
ALTER TABLE `status_events` ADD `supersedes_id` integer;--> statement-breakpoint
ALTER TABLE `status_events` ADD `recorded_at` text;--> statement-breakpoint
ALTER TABLE `status_events` ADD `recorded_by` text;--> statement-breakpoint
CREATE UNIQUE INDEX `events_data_key_uq` ON `status_events` (`data_key`);--> statement-breakpoint
CREATE UNIQUE INDEX `events_supersedes_uq` ON `status_events` (`supersedes_id`);--> statement-breakpoint
ALTER TABLE `towns` ADD `origin` text DEFAULT 'data' NOT NULL;--> statement-breakpoint
-- The change feed (change_log) and the data version (meta.data_version, used in ETags and Last-Modified)
-- are kept by triggers, so that no write, by the loader or the admin API, can forget them.
-- An update that changes no public column records nothing. Hand-written: drizzle-kit does not model triggers.
INSERT OR IGNORE INTO meta (key, value) VALUES ('data_version', '0');
--> statement-breakpoint
CREATE TRIGGER sources_feed_insert AFTER INSERT ON sources BEGIN
  DELETE FROM change_log WHERE entity = 'source' AND entity_id = NEW.id;
  INSERT INTO change_log (entity, entity_id, op, changed_at) VALUES ('source', NEW.id, 'upsert', strftime('%Y-%m-%dT%H:%M:%fZ','now'));
END;
--> statement-breakpoint
CREATE TRIGGER sources_feed_update AFTER UPDATE ON sources WHEN OLD.title IS NOT NEW.title OR OLD.document_number IS NOT NEW.document_number OR OLD.issuer IS NOT NEW.issuer OR OLD.published_on IS NOT NEW.published_on OR OLD.urls IS NOT NEW.urls OR OLD.note IS NOT NEW.note BEGIN
  DELETE FROM change_log WHERE entity = 'source' AND entity_id = NEW.id;
  INSERT INTO change_log (entity, entity_id, op, changed_at) VALUES ('source', NEW.id, 'upsert', strftime('%Y-%m-%dT%H:%M:%fZ','now'));
END;
--> statement-breakpoint
CREATE TRIGGER sources_feed_delete AFTER DELETE ON sources BEGIN
  DELETE FROM change_log WHERE entity = 'source' AND entity_id = OLD.id;
  INSERT INTO change_log (entity, entity_id, op, changed_at) VALUES ('source', OLD.id, 'delete', strftime('%Y-%m-%dT%H:%M:%fZ','now'));
END;
--> statement-breakpoint
CREATE TRIGGER lists_feed_insert AFTER INSERT ON lists BEGIN
  DELETE FROM change_log WHERE entity = 'list' AND entity_id = NEW.id;
  INSERT INTO change_log (entity, entity_id, op, changed_at) VALUES ('list', NEW.id, 'upsert', strftime('%Y-%m-%dT%H:%M:%fZ','now'));
END;
--> statement-breakpoint
CREATE TRIGGER lists_feed_update AFTER UPDATE ON lists WHEN OLD.name IS NOT NEW.name OR OLD.name_en IS NOT NEW.name_en OR OLD.level IS NOT NEW.level OR OLD.kind IS NOT NEW.kind OR OLD.province IS NOT NEW.province OR OLD.issuer IS NOT NEW.issuer OR OLD.published_on IS NOT NEW.published_on OR OLD.document_title IS NOT NEW.document_title OR OLD.document_number IS NOT NEW.document_number OR OLD.source_id IS NOT NEW.source_id OR OLD.source_url IS NOT NEW.source_url OR OLD.official_count IS NOT NEW.official_count OR OLD.town_count IS NOT NEW.town_count OR OLD.complete IS NOT NEW.complete OR OLD.note IS NOT NEW.note OR OLD.position IS NOT NEW.position BEGIN
  DELETE FROM change_log WHERE entity = 'list' AND entity_id = NEW.id;
  INSERT INTO change_log (entity, entity_id, op, changed_at) VALUES ('list', NEW.id, 'upsert', strftime('%Y-%m-%dT%H:%M:%fZ','now'));
END;
--> statement-breakpoint
CREATE TRIGGER lists_feed_delete AFTER DELETE ON lists BEGIN
  DELETE FROM change_log WHERE entity = 'list' AND entity_id = OLD.id;
  INSERT INTO change_log (entity, entity_id, op, changed_at) VALUES ('list', OLD.id, 'delete', strftime('%Y-%m-%dT%H:%M:%fZ','now'));
END;
--> statement-breakpoint
CREATE TRIGGER list_province_counts_feed_insert AFTER INSERT ON list_province_counts BEGIN
  DELETE FROM change_log WHERE entity = 'list' AND entity_id = NEW.list_id;
  INSERT INTO change_log (entity, entity_id, op, changed_at) VALUES ('list', NEW.list_id, 'upsert', strftime('%Y-%m-%dT%H:%M:%fZ','now'));
END;
--> statement-breakpoint
CREATE TRIGGER list_province_counts_feed_update AFTER UPDATE ON list_province_counts WHEN OLD.official_count IS NOT NEW.official_count OR OLD.town_count IS NOT NEW.town_count OR OLD.source IS NOT NEW.source BEGIN
  DELETE FROM change_log WHERE entity = 'list' AND entity_id = NEW.list_id;
  INSERT INTO change_log (entity, entity_id, op, changed_at) VALUES ('list', NEW.list_id, 'upsert', strftime('%Y-%m-%dT%H:%M:%fZ','now'));
END;
--> statement-breakpoint
CREATE TRIGGER list_province_counts_feed_delete AFTER DELETE ON list_province_counts BEGIN
  DELETE FROM change_log WHERE entity = 'list' AND entity_id = OLD.list_id;
  INSERT INTO change_log (entity, entity_id, op, changed_at) VALUES ('list', OLD.list_id, 'upsert', strftime('%Y-%m-%dT%H:%M:%fZ','now'));
END;
--> statement-breakpoint
CREATE TRIGGER towns_feed_insert AFTER INSERT ON towns BEGIN
  DELETE FROM change_log WHERE entity = 'town' AND entity_id = NEW.id;
  INSERT INTO change_log (entity, entity_id, op, changed_at) VALUES ('town', NEW.id, 'upsert', strftime('%Y-%m-%dT%H:%M:%fZ','now'));
END;
--> statement-breakpoint
CREATE TRIGGER towns_feed_update AFTER UPDATE ON towns WHEN OLD.name IS NOT NEW.name OR OLD.name_pinyin IS NOT NEW.name_pinyin OR OLD.province IS NOT NEW.province OR OLD.city IS NOT NEW.city OR OLD.county IS NOT NEW.county OR OLD.industry IS NOT NEW.industry OR OLD.note IS NOT NEW.note BEGIN
  DELETE FROM change_log WHERE entity = 'town' AND entity_id = NEW.id;
  INSERT INTO change_log (entity, entity_id, op, changed_at) VALUES ('town', NEW.id, 'upsert', strftime('%Y-%m-%dT%H:%M:%fZ','now'));
END;
--> statement-breakpoint
CREATE TRIGGER towns_feed_delete AFTER DELETE ON towns BEGIN
  DELETE FROM change_log WHERE entity = 'town' AND entity_id = OLD.id;
  INSERT INTO change_log (entity, entity_id, op, changed_at) VALUES ('town', OLD.id, 'delete', strftime('%Y-%m-%dT%H:%M:%fZ','now'));
END;
--> statement-breakpoint
CREATE TRIGGER memberships_feed_insert AFTER INSERT ON memberships BEGIN
  DELETE FROM change_log WHERE entity = 'membership' AND entity_id = NEW.town_id || '/' || NEW.list_id;
  INSERT INTO change_log (entity, entity_id, op, changed_at) VALUES ('membership', NEW.town_id || '/' || NEW.list_id, 'upsert', strftime('%Y-%m-%dT%H:%M:%fZ','now'));
END;
--> statement-breakpoint
CREATE TRIGGER memberships_feed_update AFTER UPDATE ON memberships WHEN OLD.listed_as IS NOT NEW.listed_as OR OLD.position IS NOT NEW.position OR OLD.confidence IS NOT NEW.confidence OR OLD.source_urls IS NOT NEW.source_urls OR OLD.note IS NOT NEW.note OR OLD.current_status IS NOT NEW.current_status OR OLD.current_since IS NOT NEW.current_since BEGIN
  DELETE FROM change_log WHERE entity = 'membership' AND entity_id = NEW.town_id || '/' || NEW.list_id;
  INSERT INTO change_log (entity, entity_id, op, changed_at) VALUES ('membership', NEW.town_id || '/' || NEW.list_id, 'upsert', strftime('%Y-%m-%dT%H:%M:%fZ','now'));
END;
--> statement-breakpoint
CREATE TRIGGER memberships_feed_delete AFTER DELETE ON memberships BEGIN
  DELETE FROM change_log WHERE entity = 'membership' AND entity_id = OLD.town_id || '/' || OLD.list_id;
  INSERT INTO change_log (entity, entity_id, op, changed_at) VALUES ('membership', OLD.town_id || '/' || OLD.list_id, 'delete', strftime('%Y-%m-%dT%H:%M:%fZ','now'));
END;
--> statement-breakpoint
CREATE TRIGGER status_events_feed_insert AFTER INSERT ON status_events BEGIN
  DELETE FROM change_log WHERE entity = 'event' AND entity_id = CAST(NEW.id AS TEXT);
  INSERT INTO change_log (entity, entity_id, op, changed_at) VALUES ('event', CAST(NEW.id AS TEXT), 'upsert', strftime('%Y-%m-%dT%H:%M:%fZ','now'));
END;
--> statement-breakpoint
CREATE TRIGGER status_events_feed_update AFTER UPDATE ON status_events WHEN OLD.membership_id IS NOT NEW.membership_id OR OLD.town_id IS NOT NEW.town_id OR OLD.list_id IS NOT NEW.list_id OR OLD.status IS NOT NEW.status OR OLD.status_raw IS NOT NEW.status_raw OR OLD.effective_date IS NOT NEW.effective_date OR OLD.date_precision IS NOT NEW.date_precision OR OLD.effective_on IS NOT NEW.effective_on OR OLD.date_note IS NOT NEW.date_note OR OLD.source_id IS NOT NEW.source_id OR OLD.confidence IS NOT NEW.confidence OR OLD.source_urls IS NOT NEW.source_urls OR OLD.note IS NOT NEW.note OR OLD.supersedes_id IS NOT NEW.supersedes_id OR OLD.recorded_at IS NOT NEW.recorded_at OR OLD.recorded_by IS NOT NEW.recorded_by BEGIN
  DELETE FROM change_log WHERE entity = 'event' AND entity_id = CAST(NEW.id AS TEXT);
  INSERT INTO change_log (entity, entity_id, op, changed_at) VALUES ('event', CAST(NEW.id AS TEXT), 'upsert', strftime('%Y-%m-%dT%H:%M:%fZ','now'));
END;
--> statement-breakpoint
CREATE TRIGGER status_events_feed_delete AFTER DELETE ON status_events BEGIN
  DELETE FROM change_log WHERE entity = 'event' AND entity_id = CAST(OLD.id AS TEXT);
  INSERT INTO change_log (entity, entity_id, op, changed_at) VALUES ('event', CAST(OLD.id AS TEXT), 'delete', strftime('%Y-%m-%dT%H:%M:%fZ','now'));
END;
--> statement-breakpoint
CREATE TRIGGER reported_figures_feed_insert AFTER INSERT ON reported_figures BEGIN
  DELETE FROM change_log WHERE entity = 'figure' AND entity_id = CAST(NEW.id AS TEXT);
  INSERT INTO change_log (entity, entity_id, op, changed_at) VALUES ('figure', CAST(NEW.id AS TEXT), 'upsert', strftime('%Y-%m-%dT%H:%M:%fZ','now'));
END;
--> statement-breakpoint
CREATE TRIGGER reported_figures_feed_update AFTER UPDATE ON reported_figures WHEN OLD.level IS NOT NEW.level OR OLD.province IS NOT NEW.province OR OLD.issuer IS NOT NEW.issuer OR OLD.effective_date IS NOT NEW.effective_date OR OLD.date_precision IS NOT NEW.date_precision OR OLD.date_note IS NOT NEW.date_note OR OLD.event_type IS NOT NEW.event_type OR OLD.list_id IS NOT NEW.list_id OR OLD.list_name IS NOT NEW.list_name OR OLD.figure IS NOT NEW.figure OR OLD.count IS NOT NEW.count OR OLD.detail IS NOT NEW.detail OR OLD.source_id IS NOT NEW.source_id OR OLD.confidence IS NOT NEW.confidence OR OLD.source_urls IS NOT NEW.source_urls OR OLD.note IS NOT NEW.note BEGIN
  DELETE FROM change_log WHERE entity = 'figure' AND entity_id = CAST(NEW.id AS TEXT);
  INSERT INTO change_log (entity, entity_id, op, changed_at) VALUES ('figure', CAST(NEW.id AS TEXT), 'upsert', strftime('%Y-%m-%dT%H:%M:%fZ','now'));
END;
--> statement-breakpoint
CREATE TRIGGER reported_figures_feed_delete AFTER DELETE ON reported_figures BEGIN
  DELETE FROM change_log WHERE entity = 'figure' AND entity_id = CAST(OLD.id AS TEXT);
  INSERT INTO change_log (entity, entity_id, op, changed_at) VALUES ('figure', CAST(OLD.id AS TEXT), 'delete', strftime('%Y-%m-%dT%H:%M:%fZ','now'));
END;
--> statement-breakpoint
CREATE TRIGGER change_log_data_version AFTER INSERT ON change_log BEGIN
  UPDATE meta SET value = CAST(NEW.seq AS TEXT), updated_at = NEW.changed_at WHERE key = 'data_version';
END;
--> statement-breakpoint
-- Rows loaded before this migration enter the feed once, so that replaying it from 0 gives all the data.
INSERT INTO change_log (entity, entity_id, op, changed_at) SELECT 'source', id, 'upsert', strftime('%Y-%m-%dT%H:%M:%fZ','now') FROM sources;
--> statement-breakpoint
INSERT INTO change_log (entity, entity_id, op, changed_at) SELECT 'list', id, 'upsert', strftime('%Y-%m-%dT%H:%M:%fZ','now') FROM lists;
--> statement-breakpoint
INSERT INTO change_log (entity, entity_id, op, changed_at) SELECT 'town', id, 'upsert', strftime('%Y-%m-%dT%H:%M:%fZ','now') FROM towns;
--> statement-breakpoint
INSERT INTO change_log (entity, entity_id, op, changed_at) SELECT 'membership', town_id || '/' || list_id, 'upsert', strftime('%Y-%m-%dT%H:%M:%fZ','now') FROM memberships;
--> statement-breakpoint
INSERT INTO change_log (entity, entity_id, op, changed_at) SELECT 'event', CAST(id AS TEXT), 'upsert', strftime('%Y-%m-%dT%H:%M:%fZ','now') FROM status_events;
--> statement-breakpoint
INSERT INTO change_log (entity, entity_id, op, changed_at) SELECT 'figure', CAST(id AS TEXT), 'upsert', strftime('%Y-%m-%dT%H:%M:%fZ','now') FROM reported_figures;
