import type { z } from '@hono/zod-openapi';
import type { Db } from '../db/client.ts';
import { selectStats } from '../db/queries/stats.ts';
import type { StatsGroup } from '../lib/stats-group.ts';
import type { StatsSchema } from '../schemas/stats.ts';
import { assertListFilter } from './lists.ts';
import { type TownQuery, toFilter } from './towns.ts';

export type Stats = z.infer<typeof StatsSchema>;

/**
 * Counts per group, set beside the official numbers where a notice gives
 * them, so that a reader sees at once where our copy falls short.
 */
export async function getStats(db: Db, query: Omit<TownQuery, 'sort' | 'limit' | 'cursor'> & { group_by: StatsGroup }): Promise<Stats> {
  const read = await selectStats(db, toFilter(query), query.group_by);
  // An unknown list is refused as before; only then is it looked up again, for the same 400.
  if (read.listKnown === 0) await assertListFilter(db, query.list);
  const { rows, towns, memberships } = read;
  const official = new Map<string, number>();
  const labels = new Map<string, string>();
  // Every list's name and count (by list), or the notice's count of each province of the list (by province with `list`).
  for (const [key, label, count] of read.official) {
    if (label !== null) labels.set(key, label);
    if (count !== null) official.set(key, count);
  }
  // Only counts taken over the whole list are comparable with the official numbers.
  const comparable =
    !query.status &&
    !query.as_of &&
    !query.q &&
    !query.city &&
    !query.county &&
    !query.division_code &&
    (query.group_by !== 'list' || !query.province);
  // A group the notice names but we hold no row of is still shown, with its whole count missing.
  const groups = comparable
    ? [...rows, ...[...official.keys()].filter((k) => !rows.some((r) => r.key === k)).map((key) => ({ key, towns: 0, memberships: 0 }))]
    : rows;
  return {
    group_by: query.group_by,
    as_of: query.as_of ?? null,
    total_towns: towns,
    total_memberships: memberships,
    groups: groups.map((r) => {
      const count = comparable ? (official.get(r.key) ?? null) : null;
      return {
        key: r.key,
        label: labels.get(r.key) ?? null,
        towns: r.towns,
        memberships: r.memberships,
        official_count: count,
        missing: count === null ? null : count - r.memberships,
      };
    }),
  };
}
