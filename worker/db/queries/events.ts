import { asc, eq } from 'drizzle-orm';
import { alias } from 'drizzle-orm/sqlite-core';
import type { Db } from '../client.ts';
import { lists, sources, statusEvents } from '../schema.ts';

const correction = alias(statusEvents, 'correction');

/** A town's events oldest first; undated events (effective_on NULL) sort first, as SQLite orders NULLs. */
export async function selectTownEvents(db: Db, townId: string) {
  return db
    .select({
      event: statusEvents,
      listName: lists.name,
      sourceTitle: sources.title,
      sourceNumber: sources.documentNumber,
      supersededBy: correction.id,
    })
    .from(statusEvents)
    .innerJoin(lists, eq(lists.id, statusEvents.listId))
    .leftJoin(sources, eq(sources.id, statusEvents.sourceId))
    .leftJoin(correction, eq(correction.supersedesId, statusEvents.id))
    .where(eq(statusEvents.townId, townId))
    .orderBy(asc(statusEvents.effectiveOn), asc(lists.position), asc(statusEvents.id));
}

export type EventRow = Awaited<ReturnType<typeof selectTownEvents>>[number];
