import { type SQL, sql } from 'drizzle-orm';

/** An event counts for a status unless a later correction supersedes it. */
export const ACTIVE_EVENT = sql.raw('NOT EXISTS (SELECT 1 FROM status_events s WHERE s.supersedes_id = e.id)');

/**
 * Beijing's date by the database's own clock. The loader's SQL file has no
 * bound parameters (scripts/data/to-sql.ts), so its rollups ask SQLite for the day.
 */
const DATABASE_TODAY = sql.raw(`date('now', '+8 hours')`);

/**
 * An event `e` is in effect on `today` (a Beijing date, `YYYY-MM-DD`) once its
 * last possible day has come. An event with no known date counts as in effect,
 * as it always has: it can only be older than the notice that reported it.
 */
export function inEffect(today?: string): SQL {
  return sql`(e.effective_on IS NULL OR e.effective_on <= ${today ?? DATABASE_TODAY})`;
}

function latestActive(column: 'status' | 'effective_date', today: string | undefined): SQL {
  return sql`(SELECT e.${sql.raw(column)} FROM status_events e WHERE e.membership_id = memberships.id AND ${ACTIVE_EVENT} AND ${inEffect(today)} ORDER BY e.effective_on DESC, e.id DESC LIMIT 1)`;
}

/** Each membership's current status and date: its latest event in effect `today` that no correction superseded. */
function currentStatusStatement(scope: SQL, today: string | undefined): SQL {
  return sql`UPDATE memberships SET current_status = ${latestActive('status', today)}, current_since = ${latestActive('effective_date', today)}
      WHERE ${scope}
        AND EXISTS (SELECT 1 FROM status_events e WHERE e.membership_id = memberships.id AND ${ACTIVE_EVENT} AND ${inEffect(today)})`;
}

/** `column IN (ids)` with one bound parameter however many ids, or always true for a full recompute. */
function inScope(column: string, listIds: readonly string[] | 'all'): SQL {
  return listIds === 'all' ? sql`1 = 1` : sql`${sql.raw(column)} IN (SELECT value FROM json_each(${JSON.stringify(listIds)}))`;
}

/**
 * Statements that bring the rollups of `listIds` in line with their events and
 * memberships: each membership's current status (its latest event in effect
 * `today` and not superseded), each list's and province's town count, and
 * whether the list is complete. The loader (for all lists) and every admin
 * write (for the lists it touched) run the same statements, in the same batch
 * as their writes, so a rollup never disagrees with the rows it sums. The
 * change-feed triggers record only rows whose values actually change.
 *
 * `today` is Beijing's date (the database's clock when omitted). An event
 * dated later is scheduled: it does not count yet, and `dueStatusStatements`
 * applies it when its day comes.
 */
export function listRollupStatements(listIds: readonly string[] | 'all', today?: string): SQL[] {
  return [
    currentStatusStatement(inScope('memberships.list_id', listIds), today),
    sql`UPDATE lists SET town_count = (SELECT count(*) FROM memberships m WHERE m.list_id = lists.id) WHERE ${inScope('lists.id', listIds)}`,
    sql`UPDATE list_province_counts SET town_count = (
          SELECT count(*) FROM memberships m JOIN towns t ON t.id = m.town_id
          WHERE m.list_id = list_province_counts.list_id AND t.province = list_province_counts.province)
        WHERE ${inScope('list_province_counts.list_id', listIds)}`,
    listCompleteStatement(listIds),
  ];
}

/** Whether each list holds exactly its official count, overall and per province; alone, after an edit of the count. */
export function listCompleteStatement(listIds: readonly string[] | 'all'): SQL {
  return sql`UPDATE lists SET complete = (official_count IS NOT NULL AND town_count = official_count
      AND NOT EXISTS (SELECT 1 FROM list_province_counts p WHERE p.list_id = lists.id AND p.town_count <> p.official_count))
    WHERE ${inScope('lists.id', listIds)}`;
}

/** The meta key holding the Beijing date the stored current statuses were last brought up to. */
export const STATUSES_AS_OF_KEY = 'statuses_as_of';

/** Memberships with an event whose day came after the last update and by `today`. */
const BECAME_DUE = (today: string) => sql`SELECT membership_id FROM status_events
    WHERE effective_on > coalesce((SELECT value FROM meta WHERE key = ${STATUSES_AS_OF_KEY}), '')
      AND effective_on <= ${today}`;

/**
 * One batch that brings the stored statuses up to `today` without any write by
 * staff (the Cron Trigger runs it, see worker/scheduled.ts): the memberships
 * with an event that has come into effect since the last run get their current
 * status again, and enter the change feed even where the status is unchanged
 * (a corrected event that came due), so that the data version moves and no
 * cache keeps showing the event as scheduled. Touches only those memberships,
 * so it costs nothing on a day nothing is due. The date never moves back.
 */
export function dueStatusStatements(today: string): SQL[] {
  const due = BECAME_DUE(today);
  return [
    currentStatusStatement(sql`memberships.id IN (${due})`, today),
    sql`DELETE FROM change_log WHERE entity = 'membership'
          AND entity_id IN (SELECT town_id || '/' || list_id FROM memberships WHERE id IN (${due}))`,
    sql`INSERT INTO change_log (entity, entity_id, op, changed_at)
          SELECT 'membership', town_id || '/' || list_id, 'upsert', strftime('%Y-%m-%dT%H:%M:%fZ','now') FROM memberships WHERE id IN (${due}) ORDER BY id`,
    sql`INSERT INTO meta (key, value) VALUES (${STATUSES_AS_OF_KEY}, ${today})
          ON CONFLICT(key) DO UPDATE SET value = excluded.value, updated_at = strftime('%Y-%m-%dT%H:%M:%fZ','now') WHERE excluded.value > meta.value`,
  ];
}
