import { asc, eq, sql } from 'drizzle-orm';
import type { Db } from '../client.ts';
import { listProvinceCounts, lists, sources } from '../schema.ts';

const listColumns = {
  list: lists,
  sourceTitle: sources.title,
  sourceNumber: sources.documentNumber,
};

export type ListRow = typeof lists.$inferSelect & { sourceTitle: string | null; sourceNumber: string | null };

function flatten(row: { list: typeof lists.$inferSelect; sourceTitle: string | null; sourceNumber: string | null }): ListRow {
  return { ...row.list, sourceTitle: row.sourceTitle, sourceNumber: row.sourceNumber };
}

export async function selectLists(db: Db): Promise<ListRow[]> {
  const rows = await db.select(listColumns).from(lists).leftJoin(sources, eq(sources.id, lists.sourceId)).orderBy(asc(lists.position));
  return rows.map(flatten);
}

export async function selectList(db: Db, id: string): Promise<ListRow | undefined> {
  const row = await db.select(listColumns).from(lists).leftJoin(sources, eq(sources.id, lists.sourceId)).where(eq(lists.id, id)).get();
  return row && flatten(row);
}

export async function selectProvinceCounts(db: Db, listId: string) {
  return db.select().from(listProvinceCounts).where(eq(listProvinceCounts.listId, listId)).orderBy(sql`rowid`);
}
