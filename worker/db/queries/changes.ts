import { asc, desc, eq, gt, inArray, type SQL, sql } from 'drizzle-orm';
import type { Db } from '../client.ts';
import { changeLog, listProvinceCounts, lists, memberships, reportedFigures, sources, statusEvents, towns } from '../schema.ts';

/**
 * One page of the change feed and the current rows it names, read in one
 * batch (a single transaction), so a page never mixes two states of the data.
 * Every lookup is by primary or unique key.
 */
export async function selectChangePage(db: Db, since: number, limit: number) {
  const page = sql`SELECT seq FROM change_log WHERE seq > ${since} ORDER BY seq LIMIT ${limit + 1}`;
  const idsOf = (entity: string): SQL => sql`SELECT entity_id FROM change_log WHERE entity = ${entity} AND seq IN (${page})`;
  const [changes, sourceRows, listRows, countRows, townRows, membershipRows, eventRows, figureRows] = await db.batch([
    db
      .select()
      .from(changeLog)
      .where(gt(changeLog.seq, since))
      .orderBy(asc(changeLog.seq))
      .limit(limit + 1),
    db
      .select()
      .from(sources)
      .where(sql`${sources.id} IN (${idsOf('source')})`),
    db
      .select()
      .from(lists)
      .where(sql`${lists.id} IN (${idsOf('list')})`),
    db
      .select()
      .from(listProvinceCounts)
      .where(sql`${listProvinceCounts.listId} IN (${idsOf('list')})`)
      .orderBy(sql`rowid`),
    db
      .select()
      .from(towns)
      .where(sql`${towns.id} IN (${idsOf('town')})`),
    db
      .select()
      .from(memberships)
      .where(
        sql`(${memberships.townId}, ${memberships.listId}) IN (SELECT substr(entity_id, 1, instr(entity_id, '/') - 1), substr(entity_id, instr(entity_id, '/') + 1) FROM (${idsOf('membership')}))`,
      ),
    db
      .select()
      .from(statusEvents)
      .where(sql`${statusEvents.id} IN (SELECT CAST(entity_id AS INTEGER) FROM (${idsOf('event')}))`),
    db
      .select()
      .from(reportedFigures)
      .where(sql`${reportedFigures.id} IN (SELECT CAST(entity_id AS INTEGER) FROM (${idsOf('figure')}))`),
  ]);
  return { changes, sourceRows, listRows, countRows, townRows, membershipRows, eventRows, figureRows };
}

/** The latest changes of the given kinds, newest first: what the Atom feed shows. */
export async function selectLatestChanges(db: Db, entities: string[], limit: number) {
  return db.select().from(changeLog).where(inArray(changeLog.entity, entities)).orderBy(desc(changeLog.seq)).limit(limit);
}

/** Events with the names an Atom entry shows. */
export async function selectEventsForFeed(db: Db, ids: number[]) {
  if (!ids.length) return [];
  return db
    .select({
      event: statusEvents,
      townName: towns.name,
      province: towns.province,
      listName: lists.name,
      sourceTitle: sources.title,
      sourceNumber: sources.documentNumber,
    })
    .from(statusEvents)
    .innerJoin(towns, eq(towns.id, statusEvents.townId))
    .innerJoin(lists, eq(lists.id, statusEvents.listId))
    .leftJoin(sources, eq(sources.id, statusEvents.sourceId))
    .where(inArray(statusEvents.id, ids));
}

export async function selectListsForFeed(db: Db, ids: string[]) {
  return ids.length ? db.select().from(lists).where(inArray(lists.id, ids)) : [];
}
