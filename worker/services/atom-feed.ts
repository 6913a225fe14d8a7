import type { Db } from '../db/client.ts';
import { selectEventsForFeed, selectLatestChanges, selectListsForFeed } from '../db/queries/changes.ts';
import { STATUS_DESCRIPTIONS, isStatus } from '../lib/statuses.ts';

export interface FeedEntry {
  id: string;
  title: string;
  updated: string;
  link: string;
  summary: string;
}

const ENTRIES = 50;

/**
 * The latest changes people care about, as Atom entries: status events (a
 * town approved, warned, eliminated…) and lists (published or edited), in
 * Chinese with the source document named. Deleted records have no entry.
 */
export async function latestFeedEntries(db: Db, origin: string): Promise<{ updated: string | null; entries: FeedEntry[] }> {
  const changes = (await selectLatestChanges(db, ['event', 'list'], ENTRIES)).filter((c) => c.op === 'upsert');
  const [events, lists] = await Promise.all([
    selectEventsForFeed(db, changes.filter((c) => c.entity === 'event').map((c) => Number(c.entityId))),
    selectListsForFeed(db, changes.filter((c) => c.entity === 'list').map((c) => c.entityId)),
  ]);
  const eventById = new Map(events.map((e) => [String(e.event.id), e]));
  const listById = new Map(lists.map((l) => [l.id, l]));
  const entries: FeedEntry[] = [];
  for (const c of changes) {
    if (c.entity === 'event') {
      const row = eventById.get(c.entityId);
      if (!row) continue;
      const e = row.event;
      const status = isStatus(e.status) ? STATUS_DESCRIPTIONS[e.status].zh : e.status;
      const source = row.sourceTitle ? `依据：${row.sourceTitle}${row.sourceNumber ? `（${row.sourceNumber}）` : ''}。` : '';
      const correction = e.supersedesId ? `更正事件 ${e.supersedesId}。` : '';
      // The feed is written in Chinese: the Chinese note, else the English one.
      entries.push({
        id: `urn:tesexiaozhen:event:${e.id}`,
        title: `${row.townName}（${row.province}）：${status} — ${row.listName}`,
        updated: c.changedAt,
        link: `${origin}/towns/${encodeURIComponent(e.townId)}`,
        summary: `${e.effectiveDate ?? '日期不详'}，${row.townName}在「${row.listName}」中的状态：${status}。${correction}${source}${e.noteZh ?? e.note ?? ''}`,
      });
    } else {
      const l = listById.get(c.entityId);
      if (!l) continue;
      entries.push({
        id: `urn:tesexiaozhen:list:${l.id}:${c.seq}`,
        title: `名单：${l.name}（${l.townCount}${l.officialCount !== null ? ` / ${l.officialCount}` : ''} 个小镇）`,
        updated: c.changedAt,
        link: `${origin}/lists/${encodeURIComponent(l.id)}`,
        summary: `${l.name}（${l.nameEn}）${l.documentTitle ? `，${l.documentTitle}` : ''}${l.documentNumber ? `（${l.documentNumber}）` : ''}。已收录 ${l.townCount} 个小镇${l.officialCount !== null ? `，通知所列 ${l.officialCount} 个` : ''}。`,
      });
    }
  }
  return { updated: changes[0]?.changedAt ?? null, entries };
}
