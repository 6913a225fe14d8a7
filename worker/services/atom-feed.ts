import type { Db } from '../db/client.ts';
import { selectEventsForFeed, selectLatestChanges, selectListsForFeed } from '../db/queries/changes.ts';

/** A status event with the names an entry shows: town, province, list and source document. */
export type FeedEvent = Awaited<ReturnType<typeof selectEventsForFeed>>[number];
/** A list as it is now, with its counts. */
export type FeedList = Awaited<ReturnType<typeof selectListsForFeed>>[number];

/** One change of the feed, newest first: when it was made (and its place in the change log) and what it is about. */
export type FeedChange = { seq: number; changedAt: string } & ({ entity: 'event'; event: FeedEvent } | { entity: 'list'; list: FeedList });

const ENTRIES = 50;

/**
 * The latest changes people care about: status events (a town approved,
 * warned, eliminated…) and lists (published or edited), each with the facts
 * its feed entry says. Deleted records have no entry. The words are the
 * renderer's (open-data/atom.ts).
 */
export async function latestFeedChanges(db: Db): Promise<{ updated: string | null; changes: FeedChange[] }> {
  const changes = (await selectLatestChanges(db, ['event', 'list'], ENTRIES)).filter((c) => c.op === 'upsert');
  const [events, lists] = await Promise.all([
    selectEventsForFeed(
      db,
      changes.filter((c) => c.entity === 'event').map((c) => Number(c.entityId)),
    ),
    selectListsForFeed(
      db,
      changes.filter((c) => c.entity === 'list').map((c) => c.entityId),
    ),
  ]);
  const eventById = new Map(events.map((e) => [String(e.event.id), e]));
  const listById = new Map(lists.map((l) => [l.id, l]));
  const found: FeedChange[] = [];
  for (const c of changes) {
    const at = { seq: c.seq, changedAt: c.changedAt };
    if (c.entity === 'event') {
      const event = eventById.get(c.entityId);
      if (event) found.push({ ...at, entity: 'event', event });
    } else {
      const list = listById.get(c.entityId);
      if (list) found.push({ ...at, entity: 'list', list });
    }
  }
  return { updated: changes[0]?.changedAt ?? null, changes: found };
}
