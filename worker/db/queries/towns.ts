import { and, asc, desc, eq, type SQL, sql } from 'drizzle-orm';
import type { TownSort } from '../../lib/town-sort.ts';
import type { Db } from '../client.ts';
import { lists, memberships, towns } from '../schema.ts';
import { statusOf, statusSinceOf, type TownFilter, townConditions } from './town-filter.ts';
export type TownRow = typeof towns.$inferSelect;

/** Columns of each sort, in order; the last is always the id so that keys are unique. */
export const SORT_KEYS: Record<TownSort, (keyof TownRow)[]> = {
  name: ['namePinyin', 'id'],
  '-name': ['namePinyin', 'id'],
  province: ['province', 'namePinyin', 'id'],
  id: ['id'],
};

function keysetAfter(sort: TownSort, after: string[]): SQL {
  const columns = SORT_KEYS[sort].map((k) => towns[k]);
  const op = sort === '-name' ? sql`<` : sql`>`;
  return sql`(${sql.join(columns, sql`, `)}) ${op} (${sql.join(
    after.map((v) => sql`${v}`),
    sql`, `,
  )})`;
}

/** One page of towns in keyset order: `limit` rows after the key `after`. */
export async function selectTownPage(db: Db, filter: TownFilter, sort: TownSort, limit: number, after?: string[]): Promise<TownRow[]> {
  const order = SORT_KEYS[sort].map((k) => (sort === '-name' ? desc(towns[k]) : asc(towns[k])));
  return db
    .select()
    .from(towns)
    .where(and(townConditions(filter), after ? keysetAfter(sort, after) : undefined))
    .orderBy(...order)
    .limit(limit);
}

export async function selectTown(db: Db, id: string): Promise<TownRow | undefined> {
  return db.select().from(towns).where(eq(towns.id, id)).get();
}

export interface MembershipRow {
  townId: string;
  listId: string;
  listName: string;
  level: string;
  status: string | null;
  statusSince: string | null;
  listedAs: string | null;
  confidence: string | null;
  sourceUrls: string[];
  note: string | null;
  noteZh: string | null;
  sourceStage: string | null;
  sourceStageDate: string | null;
}

/**
 * The lists each of `townIds` is on, in list order, with the status on the
 * as-of date. One bound parameter for any number of towns (json_each), so a
 * 500-town page stays within D1's 100-parameter limit.
 */
export async function selectMemberships(db: Db, townIds: string[], asOf?: string): Promise<MembershipRow[]> {
  if (townIds.length === 0) return [];
  const rows = await db
    .select({
      townId: sql<string>`m.town_id`,
      listId: sql<string>`m.list_id`,
      listName: lists.name,
      level: lists.level,
      status: statusOf(asOf),
      statusSince: statusSinceOf(asOf),
      listedAs: sql<string | null>`m.listed_as`,
      confidence: sql<string | null>`m.confidence`,
      sourceUrls: sql<string>`m.source_urls`,
      note: sql<string | null>`m.note`,
      noteZh: sql<string | null>`m.note_zh`,
      sourceStage: sql<string | null>`m.source_stage`,
      sourceStageDate: sql<string | null>`m.source_stage_date`,
    })
    .from(sql`${memberships} AS m`)
    .innerJoin(lists, sql`${lists.id} = m.list_id`)
    .where(sql`m.town_id IN (SELECT value FROM json_each(${JSON.stringify(townIds)}))`)
    .orderBy(asc(lists.position));
  return rows.filter((r) => r.status !== null).map((r) => ({ ...r, sourceUrls: JSON.parse(r.sourceUrls) as string[] }));
}
