ALTER TABLE `towns` ADD `division_code` text;--> statement-breakpoint
ALTER TABLE `towns` ADD `derived_city` text;--> statement-breakpoint
ALTER TABLE `towns` ADD `derived_county` text;--> statement-breakpoint
CREATE INDEX `towns_division_idx` ON `towns` (`division_code`,`name_pinyin`,`id`);--> statement-breakpoint
-- The change feed carries the new columns: the update trigger of towns (0002, hand-written: drizzle-kit does not
-- model triggers) watches them too, so a reload that only adds or corrects a code still reaches the feed and the data version.
DROP TRIGGER towns_feed_update;
--> statement-breakpoint
CREATE TRIGGER towns_feed_update AFTER UPDATE ON towns WHEN OLD.name IS NOT NEW.name OR OLD.name_pinyin IS NOT NEW.name_pinyin OR OLD.province IS NOT NEW.province OR OLD.city IS NOT NEW.city OR OLD.county IS NOT NEW.county OR OLD.industry IS NOT NEW.industry OR OLD.note IS NOT NEW.note OR OLD.division_code IS NOT NEW.division_code OR OLD.derived_city IS NOT NEW.derived_city OR OLD.derived_county IS NOT NEW.derived_county BEGIN
  DELETE FROM change_log WHERE entity = 'town' AND entity_id = NEW.id;
  INSERT INTO change_log (entity, entity_id, op, changed_at) VALUES ('town', NEW.id, 'upsert', strftime('%Y-%m-%dT%H:%M:%fZ','now'));
END;
