import { sql, type SQL } from 'drizzle-orm';
import type { Db } from '../client.ts';
import { membershipConditions, placeConditions, statusOf, type TownFilter } from './town-filter.ts';

export type StatsGroup = 'province' | 'status' | 'list' | 'level';

export interface StatsRow {
  key: string;
  towns: number;
  memberships: number;
}

function groupKey(group: StatsGroup, asOf: string | undefined): SQL {
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

/** Counts of towns and town–list pairs per group, with the town filters applied to each membership. */
export async function selectStats(db: Db, filter: TownFilter, group: StatsGroup): Promise<{ rows: StatsRow[]; towns: number; memberships: number }> {
  const place = placeConditions(filter, { province: sql`t.province`, city: sql`t.city`, county: sql`t.county`, searchText: sql`t.search_text`, divisionCode: sql`t.division_code` });
  const where = place ? sql`${membershipConditions(filter)} AND ${place}` : membershipConditions(filter);
  const from = sql`FROM memberships m JOIN lists l ON l.id = m.list_id JOIN towns t ON t.id = m.town_id WHERE ${where}`;
  const [rows, totals] = await Promise.all([
    db.all<StatsRow>(sql`SELECT ${groupKey(group, filter.asOf)} AS key, COUNT(DISTINCT m.town_id) AS towns, COUNT(*) AS memberships ${from} GROUP BY 1 ORDER BY memberships DESC, key`),
    db.get<{ towns: number; memberships: number }>(sql`SELECT COUNT(DISTINCT m.town_id) AS towns, COUNT(*) AS memberships ${from}`),
  ]);
  return { rows, towns: totals?.towns ?? 0, memberships: totals?.memberships ?? 0 };
}
