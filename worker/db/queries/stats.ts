import { type SQL, sql } from 'drizzle-orm';
import type { StatsGroup } from '../../lib/stats-group.ts';
import type { Db } from '../client.ts';
import { firstRow, placeholders, shapeOf } from '../compiled.ts';
import { type Bound, filterBinds, membershipConditions, placeConditions, statusOf, type TownFilter } from './town-filter.ts';

export interface StatsRow {
  key: string;
  towns: number;
  memberships: number;
}

/** A group the official numbers speak of: its key, its label (a list's name) and the notice's count, if any. */
export type OfficialEntry = [key: string, label: string | null, count: number | null];

export interface StatsRead {
  rows: StatsRow[];
  towns: number;
  memberships: number;
  /** Every list (grouping by list), or the notice's provinces of the `list` filter (by province); else none. */
  official: OfficialEntry[];
  /** Whether the `list` filter names a list (1), when there is one. */
  listKnown: number | null;
}

function groupKey(group: StatsGroup, asOf: Bound | undefined): SQL {
  switch (group) {
    case 'province':
      return sql`t.province`;
    case 'status':
      return statusOf(asOf);
    case 'list':
      return sql`m.list_id`;
    case 'level':
      return sql`l.level`;
  }
}

/** What the official numbers of `group` are read from, as a JSON array of OfficialEntry, in the notice's order. */
function officialJson(group: StatsGroup, list: Bound | undefined): SQL {
  if (group === 'list') return sql`(SELECT json_group_array(json_array(id, name, official_count) ORDER BY position) FROM lists)`;
  if (group === 'province' && list !== undefined) {
    // rowid: the order the notice prints them in, as the list endpoint gives them.
    return sql`(SELECT json_group_array(json_array(province, NULL, official_count) ORDER BY rowid) FROM list_province_counts WHERE list_id = ${list})`;
  }
  return sql`'[]'`;
}

/**
 * Counts of towns and town–list pairs per group, with the town filters applied to each membership, the totals, the
 * official numbers to set beside them and whether the `list` filter names a list: one D1 statement (issue 15), where
 * this took three to four.
 */
export async function selectStats(db: Db, filter: TownFilter, group: StatsGroup): Promise<StatsRead> {
  // `listId`: the list filter as given (an empty one too), to refuse an unknown list as before.
  const values = { ...filterBinds(filter), listId: filter.list };
  const build = () => {
    const p = placeholders(values);
    const place = placeConditions(p, {
      province: sql`t.province`,
      city: sql`t.city`,
      county: sql`t.county`,
      searchText: sql`t.search_text`,
      divisionCode: sql`t.division_code`,
    });
    const where = place ? sql`${membershipConditions(p)} AND ${place}` : membershipConditions(p);
    const listKnown = p.listId ? sql`(SELECT count(*) FROM lists WHERE lists.id = ${p.listId})` : sql`NULL`;
    return sql`WITH f AS (
        SELECT ${groupKey(group, p.asOf)} AS key, m.town_id FROM memberships m JOIN lists l ON l.id = m.list_id JOIN towns t ON t.id = m.town_id WHERE ${where})
      SELECT (SELECT COUNT(DISTINCT town_id) FROM f) AS towns, (SELECT COUNT(*) FROM f) AS memberships,
        (SELECT json_group_array(json_object('key', key, 'towns', towns, 'memberships', memberships) ORDER BY memberships DESC, key)
           FROM (SELECT key, COUNT(DISTINCT town_id) AS towns, COUNT(*) AS memberships FROM f GROUP BY key)) AS rows,
        ${officialJson(group, p.list)} AS official,
        ${listKnown} AS listKnown`;
  };
  const row = (await firstRow<{ towns: number; memberships: number; rows: string; official: string; listKnown: number | null }>(
    db,
    shapeOf('stats', values, group),
    build,
    values,
  ))!;
  return {
    rows: JSON.parse(row.rows) as StatsRow[],
    towns: row.towns,
    memberships: row.memberships,
    official: JSON.parse(row.official) as OfficialEntry[],
    listKnown: row.listKnown,
  };
}
