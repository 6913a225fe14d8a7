import type { z } from '@hono/zod-openapi';
import type { Db } from '../db/client.ts';
import { decodeCursor, encodeCursor } from '../db/cursor.ts';
import { type EventRow, selectAllEvents, selectTownEvents } from '../db/queries/events.ts';
import type { TownFilter } from '../db/queries/town-filter.ts';
import { selectTownJson, selectTownPageJson } from '../db/queries/town-json.ts';
import { type MembershipRow, SORT_KEYS, selectMemberships, selectTown, selectTownPage, type TownRow } from '../db/queries/towns.ts';
import { AppError } from '../errors.ts';
import { beijingDate } from '../lib/beijing-date.ts';
import { precisionOf } from '../lib/dates.ts';
import type { EventSchema, MembershipRowSchema, MembershipsQuery, TownListQuery, TownSchema, TownSummarySchema } from '../schemas/towns.ts';
import { assertListFilter } from './lists.ts';
import { divisionFields, eventRecord } from './records.ts';
import { sourceRef } from './source-ref.ts';

export type TownSummary = z.infer<typeof TownSummarySchema>;
export type Town = z.infer<typeof TownSchema>;
export type StatusEvent = z.infer<typeof EventSchema>;

/** The validated query of /towns, without the output format. */
export type TownQuery = Omit<z.infer<typeof TownListQuery>, 'format'>;

export interface Page<T> {
  items: T[];
  total: number;
  next_cursor: string | null;
}

export function toFilter(q: Omit<TownQuery, 'sort' | 'limit' | 'cursor'>): TownFilter {
  return {
    list: q.list,
    status: q.status,
    province: q.province,
    city: q.city,
    county: q.county,
    level: q.level,
    q: q.q,
    asOf: q.as_of,
    divisionCode: q.division_code,
  };
}

function summary(town: TownRow, memberships: MembershipRow[]): TownSummary {
  return {
    id: town.id,
    name: town.name,
    name_pinyin: town.namePinyin,
    province: town.province,
    city: town.city,
    county: town.county,
    industry: town.industry,
    ...divisionFields(town),
    memberships: memberships.map((m) => ({
      list_id: m.listId,
      list_name: m.listName,
      level: m.level as TownSummary['memberships'][number]['level'],
      status: m.status as TownSummary['memberships'][number]['status'],
      status_since: m.statusSince,
      source_stage: m.sourceStage as TownSummary['memberships'][number]['source_stage'],
      source_stage_date: m.sourceStageDate,
    })),
  };
}

async function withMemberships(db: Db, rows: TownRow[], asOf?: string): Promise<TownSummary[]> {
  const memberships = await selectMemberships(
    db,
    rows.map((r) => r.id),
    asOf,
  );
  return rows.map((t) =>
    summary(
      t,
      memberships.filter((m) => m.townId === t.id),
    ),
  );
}

/**
 * One page of towns matching the filters, with the cursor of the next page: one D1 statement
 * (db/queries/town-json.ts). An unknown list is a 400 before a bad cursor is, as it always was.
 */
export async function listTowns(db: Db, query: TownQuery): Promise<Page<TownSummary>> {
  let after: string[] | undefined;
  if (query.cursor !== undefined) {
    after = decodeCursor(query.cursor, query.sort, SORT_KEYS[query.sort].length) ?? undefined;
    if (!after) {
      await assertListFilter(db, query.list);
      throw new AppError('invalid-cursor', 'The cursor is not one this API gave for this sort order; start again without it.', {
        errors: [{ name: 'cursor', in: 'query', code: 'invalid', detail: 'Malformed or made for another sort order' }],
      });
    }
  }
  const page = await selectTownPageJson(db, toFilter(query), query.sort, query.limit, after);
  // An unknown list is refused as before; only then is it looked up again, for the same 400.
  if (page.listKnown === 0) await assertListFilter(db, query.list);
  return {
    items: JSON.parse(page.items) as TownSummary[],
    total: page.total,
    next_cursor: page.next === null ? null : encodeCursor(query.sort, JSON.parse(page.next) as string[]),
  };
}

/**
 * Every town matching the filters, page by page in keyset order: for streamed
 * exports. The filters are checked before the first page, so a bad one is a
 * 400 and never a stream that breaks after its 200.
 */
export async function iterateTowns(
  db: Db,
  query: Omit<TownQuery, 'limit' | 'cursor'>,
  pageSize = 200,
): Promise<AsyncGenerator<TownSummary[]>> {
  await assertListFilter(db, query.list);
  const filter = toFilter(query);
  return (async function* () {
    let after: string[] | undefined;
    for (;;) {
      const rows = await selectTownPage(db, filter, query.sort, pageSize, after);
      if (rows.length) yield await withMemberships(db, rows, query.as_of);
      const last = rows.at(-1);
      if (rows.length < pageSize || !last) return;
      after = SORT_KEYS[query.sort].map((k) => String(last[k]));
    }
  })();
}

function notFound(id: string): AppError {
  return new AppError('town-not-found', `No town has the id "${id}". Search with GET /api/v1/towns?q=…`);
}

async function townOr404(db: Db, id: string): Promise<TownRow> {
  const town = await selectTown(db, id);
  if (!town) throw notFound(id);
  return town;
}

/** A town with every list it is on and its current status there: one D1 statement (db/queries/town-json.ts). */
export async function getTown(db: Db, id: string): Promise<Town> {
  const town = await selectTownJson(db, id);
  if (town === null) throw notFound(id);
  return JSON.parse(town) as Town;
}

/** A stored event as the API gives it, and whether it is still scheduled on `today`. */
function toStatusEvent({ event, listName, sourceTitle, sourceNumber, supersededBy }: EventRow, today: string): StatusEvent {
  const { town_id: _town, source_id: _source, ...record } = eventRecord(event);
  const scheduled = event.effectiveOn !== null && event.effectiveOn > today;
  return {
    ...record,
    list_name: listName,
    source: sourceRef(event.sourceId, sourceTitle, sourceNumber),
    superseded_by: supersededBy,
    scheduled,
  };
}

/**
 * A town's dated status events, oldest first, each with its source document,
 * and whether it is still scheduled on `today` (Beijing's date unless given).
 */
export async function getTownHistory(db: Db, id: string, today = beijingDate()): Promise<{ town_id: string; items: StatusEvent[] }> {
  await townOr404(db, id);
  const rows = await selectTownEvents(db, id);
  return { town_id: id, items: rows.map((row) => toStatusEvent(row, today)) };
}

/** A status event with the town it is about: a row of the whole status history. */
export type TownStatusEvent = StatusEvent & { town_id: string; town_name: string };

/** Every town's status events, town by town, oldest first within a town. */
export async function listStatusEvents(db: Db, today = beijingDate()): Promise<TownStatusEvent[]> {
  const rows = await selectAllEvents(db);
  return rows.map((row) => ({ town_id: row.event.townId, town_name: row.townName, ...toStatusEvent(row, today) }));
}

/** A town on a list: one row of the long-form memberships table. */
export type ListMembership = z.infer<typeof MembershipRowSchema>;

/**
 * Every town matching the filters, one row per list it is on. The list,
 * status and level filters also choose the rows: with `list`, only that
 * list's row of each town.
 */
export async function listMemberships(db: Db, query: Omit<z.infer<typeof MembershipsQuery>, 'format'>): Promise<ListMembership[]> {
  const rows: ListMembership[] = [];
  for await (const page of await iterateTowns(db, { ...query, sort: 'id' })) {
    for (const town of page) {
      for (const m of town.memberships) {
        if (
          (query.list && m.list_id !== query.list) ||
          (query.level && m.level !== query.level) ||
          (query.status && m.status !== query.status)
        )
          continue;
        rows.push({
          town_id: town.id,
          town_name: town.name,
          province: town.province,
          list_id: m.list_id,
          list_name: m.list_name,
          level: m.level,
          status: m.status,
          status_since: m.status_since,
          status_since_precision: precisionOf(m.status_since),
          source_stage: m.source_stage,
          source_stage_date: m.source_stage_date,
        });
      }
    }
  }
  return rows;
}
