import { asc, eq } from 'drizzle-orm';
import { alias } from 'drizzle-orm/sqlite-core';
import type { Db } from '../client.ts';
import { lists, sources, statusEvents, towns } from '../schema.ts';

const correction = alias(statusEvents, 'correction');

/** Events with their list, source and correction; `townId` narrows them to one town. */
function eventsQuery(db: Db, townId?: string) {
  const query = db
    .select({
      event: statusEvents,
      townName: towns.name,
      listName: lists.name,
      sourceTitle: sources.title,
      sourceNumber: sources.documentNumber,
      supersededBy: correction.id,
    })
    .from(statusEvents)
    .innerJoin(towns, eq(towns.id, statusEvents.townId))
    .innerJoin(lists, eq(lists.id, statusEvents.listId))
    .leftJoin(sources, eq(sources.id, statusEvents.sourceId))
    .leftJoin(correction, eq(correction.supersedesId, statusEvents.id));
  return townId ? query.where(eq(statusEvents.townId, townId)) : query;
}

/** A town's events oldest first; undated events (effective_on NULL) sort first, as SQLite orders NULLs. */
export async function selectTownEvents(db: Db, townId: string) {
  return eventsQuery(db, townId).orderBy(asc(statusEvents.effectiveOn), asc(lists.position), asc(statusEvents.id));
}

/** Every town's events, town by town, each town's oldest first: the whole status history as one table. */
export async function selectAllEvents(db: Db) {
  return eventsQuery(db).orderBy(asc(statusEvents.townId), asc(statusEvents.effectiveOn), asc(lists.position), asc(statusEvents.id));
}

export type EventRow = Awaited<ReturnType<typeof selectTownEvents>>[number];
