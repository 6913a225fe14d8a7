import { eq, inArray, or, sql } from 'drizzle-orm';
import type { Db } from '../client.ts';
import { adminIdempotency, lists, memberships, sources, statusEvents, towns } from '../schema.ts';

/** Every town's id, name and province: what an import matches its `town` column against. */
export async function selectTownNames(db: Db) {
  return db.select({ id: towns.id, name: towns.name, province: towns.province }).from(towns);
}

export async function selectListsByIds(db: Db, ids: string[]) {
  return ids.length ? db.select().from(lists).where(inArray(lists.id, ids)) : [];
}

export async function selectTownsByIds(db: Db, ids: string[]) {
  return ids.length
    ? db
        .select()
        .from(towns)
        .where(sql`${towns.id} IN (SELECT value FROM json_each(${JSON.stringify(ids)}))`)
    : [];
}

/** Sources by id or by document number (文号), as a notice's rows may give either. */
export async function selectSourcesByRef(db: Db, refs: string[]) {
  if (!refs.length) return [];
  const json = JSON.stringify(refs);
  return db
    .select()
    .from(sources)
    .where(
      or(
        sql`${sources.id} IN (SELECT value FROM json_each(${json}))`,
        sql`${sources.documentNumber} IN (SELECT value FROM json_each(${json}))`,
      ),
    );
}

/** The memberships of the given town/list pairs and all their events, in one transaction. */
export async function selectMembershipState(db: Db, pairs: { townId: string; listId: string }[]) {
  const json = JSON.stringify(pairs.map((p) => [p.townId, p.listId]));
  const match = sql`(town_id, list_id) IN (SELECT json_extract(value, '$[0]'), json_extract(value, '$[1]') FROM json_each(${json}))`;
  const [membershipRows, eventRows, maxIds] = await db.batch([
    db.select().from(memberships).where(match),
    db.select().from(statusEvents).where(sql`${statusEvents.membershipId} IN (SELECT id FROM memberships WHERE ${match})`),
    db
      .select({
        membership: sql<number>`(SELECT coalesce(max(id), 0) FROM memberships)`,
        event: sql<number>`(SELECT coalesce(max(id), 0) FROM status_events)`,
      })
      .from(sql`(SELECT 1)`),
  ]);
  return { membershipRows, eventRows, maxMembershipId: maxIds[0]!.membership, maxEventId: maxIds[0]!.event };
}

export async function selectAdminIdempotency(db: Db, key: string) {
  return db.select().from(adminIdempotency).where(eq(adminIdempotency.key, key)).get();
}
