import { sql, type SQL } from 'drizzle-orm';

/** An event counts for a status unless a later correction supersedes it. */
export const ACTIVE_EVENT = sql.raw('NOT EXISTS (SELECT 1 FROM status_events s WHERE s.supersedes_id = e.id)');

function latestActive(column: 'status' | 'effective_date'): SQL {
  return sql`(SELECT e.${sql.raw(column)} FROM status_events e WHERE e.membership_id = memberships.id AND ${ACTIVE_EVENT} ORDER BY e.effective_on DESC, e.id DESC LIMIT 1)`;
}

/** `column IN (ids)` with one bound parameter however many ids, or always true for a full recompute. */
function inScope(column: string, listIds: readonly string[] | 'all'): SQL {
  return listIds === 'all' ? sql`1 = 1` : sql`${sql.raw(column)} IN (SELECT value FROM json_each(${JSON.stringify(listIds)}))`;
}

/**
 * Statements that bring the rollups of `listIds` in line with their events and
 * memberships: each membership's current status (its latest event not
 * superseded), each list's and province's town count, and whether the list is
 * complete. The loader (for all lists) and every admin write (for the lists it
 * touched) run the same statements, in the same batch as their writes, so a
 * rollup never disagrees with the rows it sums. The change-feed triggers
 * record only rows whose values actually change.
 */
export function listRollupStatements(listIds: readonly string[] | 'all'): SQL[] {
  return [
    sql`UPDATE memberships SET current_status = ${latestActive('status')}, current_since = ${latestActive('effective_date')}
        WHERE ${inScope('memberships.list_id', listIds)}
          AND EXISTS (SELECT 1 FROM status_events e WHERE e.membership_id = memberships.id AND ${ACTIVE_EVENT})`,
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
