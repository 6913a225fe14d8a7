import type { Db } from '../db/client.ts';
import { selectChangePage } from '../db/queries/changes.ts';
import type { Change, Entity } from '../schemas/changes.ts';
import { eventRecord, figureRecord, listRecord, membershipRecord, sourceRecord, townRecord } from './records.ts';

export interface ChangePage {
  items: Change[];
  next_since: string;
  has_more: boolean;
}

/**
 * Changes after `since`, oldest first. Each record appears at its latest
 * change only, with its current value, so replaying the feed from 0 and
 * applying every `upsert` and `delete` gives exactly the current data.
 */
export async function listChanges(db: Db, since: number, limit: number): Promise<ChangePage> {
  const rows = await selectChangePage(db, since, limit);
  const records = new Map<string, Change['data']>();
  const put = (entity: Entity, id: string, data: NonNullable<Change['data']>) => records.set(`${entity}:${id}`, data);
  for (const s of rows.sourceRows) put('source', s.id, sourceRecord(s));
  for (const l of rows.listRows) put('list', l.id, listRecord(l, rows.countRows));
  for (const t of rows.townRows) put('town', t.id, townRecord(t));
  for (const m of rows.membershipRows) put('membership', `${m.townId}/${m.listId}`, membershipRecord(m));
  for (const e of rows.eventRows) put('event', String(e.id), eventRecord(e));
  for (const f of rows.figureRows) put('figure', String(f.id), figureRecord(f));

  const page = rows.changes.slice(0, limit);
  const items = page.map((c): Change => {
    const data = c.op === 'delete' ? null : (records.get(`${c.entity}:${c.entityId}`) ?? null);
    // Read in the same transaction, an upserted record always exists; null here would mean the triggers missed a delete.
    return {
      seq: c.seq,
      entity: c.entity as Entity,
      id: c.entityId,
      op: data === null ? 'delete' : 'upsert',
      changed_at: c.changedAt,
      data,
    };
  });
  return { items, next_since: String(page.at(-1)?.seq ?? since), has_more: rows.changes.length > limit };
}
