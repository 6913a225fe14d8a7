ALTER TABLE `lists` ADD `note_zh` text;--> statement-breakpoint
ALTER TABLE `memberships` ADD `note_zh` text;--> statement-breakpoint
ALTER TABLE `memberships` ADD `source_stage` text;--> statement-breakpoint
ALTER TABLE `memberships` ADD `source_stage_date` text;--> statement-breakpoint
ALTER TABLE `reported_figures` ADD `detail_zh` text;--> statement-breakpoint
ALTER TABLE `reported_figures` ADD `note_zh` text;--> statement-breakpoint
ALTER TABLE `sources` ADD `note_zh` text;--> statement-breakpoint
ALTER TABLE `status_events` ADD `note_zh` text;--> statement-breakpoint
ALTER TABLE `towns` ADD `note_zh` text;--> statement-breakpoint
-- The change feed carries the new columns: the update triggers (0002 and 0009, hand-written: drizzle-kit does not
-- model triggers) watch them too, so a reload that only adds a translation or a source stage still reaches the feed
-- and the data version.
DROP TRIGGER sources_feed_update;
--> statement-breakpoint
CREATE TRIGGER sources_feed_update AFTER UPDATE ON sources WHEN OLD.title IS NOT NEW.title OR OLD.document_number IS NOT NEW.document_number OR OLD.issuer IS NOT NEW.issuer OR OLD.published_on IS NOT NEW.published_on OR OLD.urls IS NOT NEW.urls OR OLD.note IS NOT NEW.note OR OLD.note_zh IS NOT NEW.note_zh BEGIN
  DELETE FROM change_log WHERE entity = 'source' AND entity_id = NEW.id;
  INSERT INTO change_log (entity, entity_id, op, changed_at) VALUES ('source', NEW.id, 'upsert', strftime('%Y-%m-%dT%H:%M:%fZ','now'));
END;
--> statement-breakpoint
DROP TRIGGER lists_feed_update;
--> statement-breakpoint
CREATE TRIGGER lists_feed_update AFTER UPDATE ON lists WHEN OLD.name IS NOT NEW.name OR OLD.name_en IS NOT NEW.name_en OR OLD.level IS NOT NEW.level OR OLD.kind IS NOT NEW.kind OR OLD.province IS NOT NEW.province OR OLD.issuer IS NOT NEW.issuer OR OLD.published_on IS NOT NEW.published_on OR OLD.document_title IS NOT NEW.document_title OR OLD.document_number IS NOT NEW.document_number OR OLD.source_id IS NOT NEW.source_id OR OLD.source_url IS NOT NEW.source_url OR OLD.official_count IS NOT NEW.official_count OR OLD.town_count IS NOT NEW.town_count OR OLD.complete IS NOT NEW.complete OR OLD.note IS NOT NEW.note OR OLD.position IS NOT NEW.position OR OLD.note_zh IS NOT NEW.note_zh BEGIN
  DELETE FROM change_log WHERE entity = 'list' AND entity_id = NEW.id;
  INSERT INTO change_log (entity, entity_id, op, changed_at) VALUES ('list', NEW.id, 'upsert', strftime('%Y-%m-%dT%H:%M:%fZ','now'));
END;
--> statement-breakpoint
DROP TRIGGER towns_feed_update;
--> statement-breakpoint
CREATE TRIGGER towns_feed_update AFTER UPDATE ON towns WHEN OLD.name IS NOT NEW.name OR OLD.name_pinyin IS NOT NEW.name_pinyin OR OLD.province IS NOT NEW.province OR OLD.city IS NOT NEW.city OR OLD.county IS NOT NEW.county OR OLD.industry IS NOT NEW.industry OR OLD.note IS NOT NEW.note OR OLD.division_code IS NOT NEW.division_code OR OLD.derived_city IS NOT NEW.derived_city OR OLD.derived_county IS NOT NEW.derived_county OR OLD.note_zh IS NOT NEW.note_zh BEGIN
  DELETE FROM change_log WHERE entity = 'town' AND entity_id = NEW.id;
  INSERT INTO change_log (entity, entity_id, op, changed_at) VALUES ('town', NEW.id, 'upsert', strftime('%Y-%m-%dT%H:%M:%fZ','now'));
END;
--> statement-breakpoint
DROP TRIGGER memberships_feed_update;
--> statement-breakpoint
CREATE TRIGGER memberships_feed_update AFTER UPDATE ON memberships WHEN OLD.listed_as IS NOT NEW.listed_as OR OLD.position IS NOT NEW.position OR OLD.confidence IS NOT NEW.confidence OR OLD.source_urls IS NOT NEW.source_urls OR OLD.note IS NOT NEW.note OR OLD.current_status IS NOT NEW.current_status OR OLD.current_since IS NOT NEW.current_since OR OLD.note_zh IS NOT NEW.note_zh OR OLD.source_stage IS NOT NEW.source_stage OR OLD.source_stage_date IS NOT NEW.source_stage_date BEGIN
  DELETE FROM change_log WHERE entity = 'membership' AND entity_id = NEW.town_id || '/' || NEW.list_id;
  INSERT INTO change_log (entity, entity_id, op, changed_at) VALUES ('membership', NEW.town_id || '/' || NEW.list_id, 'upsert', strftime('%Y-%m-%dT%H:%M:%fZ','now'));
END;
--> statement-breakpoint
DROP TRIGGER status_events_feed_update;
--> statement-breakpoint
CREATE TRIGGER status_events_feed_update AFTER UPDATE ON status_events WHEN OLD.membership_id IS NOT NEW.membership_id OR OLD.town_id IS NOT NEW.town_id OR OLD.list_id IS NOT NEW.list_id OR OLD.status IS NOT NEW.status OR OLD.status_raw IS NOT NEW.status_raw OR OLD.effective_date IS NOT NEW.effective_date OR OLD.date_precision IS NOT NEW.date_precision OR OLD.effective_on IS NOT NEW.effective_on OR OLD.date_note IS NOT NEW.date_note OR OLD.source_id IS NOT NEW.source_id OR OLD.confidence IS NOT NEW.confidence OR OLD.source_urls IS NOT NEW.source_urls OR OLD.note IS NOT NEW.note OR OLD.supersedes_id IS NOT NEW.supersedes_id OR OLD.recorded_at IS NOT NEW.recorded_at OR OLD.recorded_by IS NOT NEW.recorded_by OR OLD.note_zh IS NOT NEW.note_zh BEGIN
  DELETE FROM change_log WHERE entity = 'event' AND entity_id = CAST(NEW.id AS TEXT);
  INSERT INTO change_log (entity, entity_id, op, changed_at) VALUES ('event', CAST(NEW.id AS TEXT), 'upsert', strftime('%Y-%m-%dT%H:%M:%fZ','now'));
END;
--> statement-breakpoint
DROP TRIGGER reported_figures_feed_update;
--> statement-breakpoint
CREATE TRIGGER reported_figures_feed_update AFTER UPDATE ON reported_figures WHEN OLD.level IS NOT NEW.level OR OLD.province IS NOT NEW.province OR OLD.issuer IS NOT NEW.issuer OR OLD.effective_date IS NOT NEW.effective_date OR OLD.date_precision IS NOT NEW.date_precision OR OLD.date_note IS NOT NEW.date_note OR OLD.event_type IS NOT NEW.event_type OR OLD.list_id IS NOT NEW.list_id OR OLD.list_name IS NOT NEW.list_name OR OLD.figure IS NOT NEW.figure OR OLD.count IS NOT NEW.count OR OLD.detail IS NOT NEW.detail OR OLD.source_id IS NOT NEW.source_id OR OLD.confidence IS NOT NEW.confidence OR OLD.source_urls IS NOT NEW.source_urls OR OLD.note IS NOT NEW.note OR OLD.detail_zh IS NOT NEW.detail_zh OR OLD.note_zh IS NOT NEW.note_zh BEGIN
  DELETE FROM change_log WHERE entity = 'figure' AND entity_id = CAST(NEW.id AS TEXT);
  INSERT INTO change_log (entity, entity_id, op, changed_at) VALUES ('figure', CAST(NEW.id AS TEXT), 'upsert', strftime('%Y-%m-%dT%H:%M:%fZ','now'));
END;
