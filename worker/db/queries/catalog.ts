import { eq, sql } from 'drizzle-orm';
import type { Db } from '../client.ts';
import { listProvinceCounts, lists, sources, towns } from '../schema.ts';

/** The statements and reads of the admin API's catalogue writes (services/admin/catalog.ts): sources, lists and towns. */

export async function selectSource(db: Db, id: string) {
  return db.select().from(sources).where(eq(sources.id, id)).get();
}

export function insertSource(db: Db, row: typeof sources.$inferInsert) {
  return db.insert(sources).values(row);
}

/** A list's row (or none) and its province counts in their stored order, in one round trip. */
export async function selectListAndCounts(db: Db, id: string) {
  return db.batch([
    db.select().from(lists).where(eq(lists.id, id)),
    db.select().from(listProvinceCounts).where(eq(listProvinceCounts.listId, id)).orderBy(sql`rowid`),
  ]);
}

/** A new list, placed after every other. */
export function insertList(db: Db, row: Omit<typeof lists.$inferInsert, 'position'>) {
  return db.insert(lists).values({ ...row, position: sql`(SELECT coalesce(max(position), 0) + 1 FROM lists)` as unknown as number });
}

export function updateListRow(db: Db, id: string, set: Partial<typeof lists.$inferInsert>) {
  return db.update(lists).set(set).where(eq(lists.id, id));
}

export function insertTown(db: Db, row: typeof towns.$inferInsert) {
  return db.insert(towns).values(row);
}
