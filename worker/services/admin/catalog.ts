import type { Db } from '../../db/client.ts';
import { refusedBy } from '../../db/errors.ts';
import { runBatch } from '../../db/queries/batch.ts';
import { insertList, insertSource, insertTown, selectListAndCounts, selectSource, updateListRow } from '../../db/queries/catalog.ts';
import { listCompleteStatement } from '../../db/queries/list-rollups.ts';
import type { lists } from '../../db/schema.ts';
import { AppError } from '../../errors.ts';
import { hashHex } from '../../lib/hash.ts';
import { searchText } from '../../lib/search-text.ts';
import type { ListCreate, ListUpdate, SourceInput, TownCreate } from '../../schemas/admin.ts';
import { type ListRecord, listRecord, type SourceRecord, sourceRecord, type TownRecord, townRecord } from '../records.ts';
import { auditStatements, type WriteContext } from './audit.ts';

/** A duplicate primary key means another request created the record first. */
async function insertOnce(run: () => Promise<void>, what: string): Promise<void> {
  try {
    await run();
  } catch (err) {
    if (refusedBy(err, /UNIQUE constraint failed/)) throw new AppError('already-exists', `${what} already exists.`);
    throw err;
  }
}

/** The source a body refers to; a 422 naming `source_id` when there is none. */
async function referencedSource(db: Db, id: string) {
  const row = await selectSource(db, id);
  if (!row)
    throw new AppError('unknown-reference', `There is no source document ${id}. Create it with POST /api/v1/admin/sources.`, {
      errors: [{ name: 'source_id', in: 'body', code: 'not-found', detail: 'Unknown source' }],
    });
  return row;
}

/**
 * Records an official document. Its id is derived from its title and number,
 * so recording the same document twice returns the first record instead of a copy.
 */
export async function createSource(db: Db, ctx: WriteContext, input: SourceInput): Promise<{ created: boolean; source: SourceRecord }> {
  const id = `doc-${hashHex(`${input.title}|${input.document_number ?? ''}`, 10)}`;
  const existing = await selectSource(db, id);
  if (existing) return { created: false, source: sourceRecord(existing) };
  const row = {
    id,
    title: input.title,
    documentNumber: input.document_number,
    issuer: input.issuer,
    publishedOn: input.published_on,
    urls: input.urls,
    note: input.note,
    noteZh: null,
    origin: 'admin',
  };
  const source = sourceRecord(row);
  await insertOnce(
    () =>
      runBatch(db, [
        insertSource(db, row),
        ...auditStatements(ctx, [{ action: 'create', entity: 'source', entityId: id, before: null, after: source }]),
      ]),
    `Source ${id}`,
  );
  return { created: true, source };
}

async function listRecordOf(db: Db, id: string): Promise<ListRecord | null> {
  const [rows, counts] = await selectListAndCounts(db, id);
  return rows[0] ? listRecord(rows[0], counts) : null;
}

export async function createList(db: Db, ctx: WriteContext, input: ListCreate): Promise<ListRecord> {
  const source = await referencedSource(db, input.source_id);
  const row: Omit<typeof lists.$inferInsert, 'position'> = {
    id: input.id,
    name: input.name,
    nameEn: input.name_en,
    level: input.level,
    kind: input.kind,
    province: input.province,
    issuer: source.issuer,
    publishedOn: source.publishedOn,
    documentTitle: source.title,
    documentNumber: source.documentNumber,
    sourceId: source.id,
    sourceUrl: source.urls[0] ?? null,
    officialCount: input.official_count,
    townCount: 0,
    complete: input.official_count === 0,
    note: input.note,
    origin: 'admin',
  };
  await insertOnce(async () => {
    await runBatch(db, [
      insertList(db, row),
      ...auditStatements(ctx, [
        {
          action: 'create',
          entity: 'list',
          entityId: input.id,
          before: null,
          after: listRecord({ ...row, position: 0 } as typeof lists.$inferSelect, []),
        },
      ]),
    ]);
  }, `List ${input.id}`);
  return (await listRecordOf(db, input.id))!;
}

/** Changes a list's names, source, official count or note; the audit keeps both versions. */
export async function updateList(db: Db, ctx: WriteContext, id: string, input: ListUpdate): Promise<ListRecord> {
  const before = await listRecordOf(db, id);
  if (!before) throw new AppError('list-not-found', `There is no list ${id}.`);
  const set: Partial<typeof lists.$inferInsert> = {};
  if (input.name !== undefined) set.name = input.name;
  if (input.name_en !== undefined) set.nameEn = input.name_en;
  // A new note makes the old translation wrong: it is dropped rather than left to say something else.
  if (input.note !== undefined) Object.assign(set, { note: input.note, noteZh: null });
  if (input.official_count !== undefined) set.officialCount = input.official_count;
  if (input.source_id !== undefined) {
    const source = await referencedSource(db, input.source_id);
    Object.assign(set, {
      sourceId: source.id,
      documentTitle: source.title,
      documentNumber: source.documentNumber,
      issuer: source.issuer,
      publishedOn: source.publishedOn,
      sourceUrl: source.urls[0] ?? null,
    });
  }
  const after: ListRecord = {
    ...before,
    name: set.name ?? before.name,
    name_en: set.nameEn ?? before.name_en,
    note: input.note !== undefined ? input.note : before.note,
    note_zh: input.note !== undefined ? null : before.note_zh,
    official_count: input.official_count !== undefined ? input.official_count : before.official_count,
    source_id: set.sourceId ?? before.source_id,
    document_title: set.documentTitle ?? before.document_title,
    document_number: set.sourceId ? (set.documentNumber ?? null) : before.document_number,
    issuer: set.sourceId ? (set.issuer ?? null) : before.issuer,
    published_on: set.sourceId ? (set.publishedOn ?? null) : before.published_on,
    source_url: set.sourceId ? (set.sourceUrl ?? null) : before.source_url,
  };
  after.missing = after.official_count === null ? null : after.official_count - after.town_count;
  after.complete =
    after.official_count !== null && after.town_count === after.official_count && after.province_counts.every((p) => p.missing === 0);
  await runBatch(db, [
    updateListRow(db, id, set),
    // The official count decides whether the list is complete.
    listCompleteStatement([id]),
    ...auditStatements(ctx, [{ action: 'update', entity: 'list', entityId: id, before, after }]),
  ]);
  return after;
}

export async function createTown(db: Db, ctx: WriteContext, input: TownCreate): Promise<TownRecord> {
  const row = {
    id: input.id,
    name: input.name,
    namePinyin: input.name_pinyin,
    searchText: searchText(input.name, input.name_pinyin.split(' ')),
    province: input.province,
    city: input.city,
    county: input.county,
    industry: null,
    note: input.note,
    // Staff write one note in whatever language they use: it goes to `note`, and no translation is made up.
    noteZh: null,
    origin: 'admin',
    // Codes are matched by the loader against the official tables, which the worker does not carry.
    divisionCode: null,
    derivedCity: null,
    derivedCounty: null,
  };
  const town = townRecord(row);
  await insertOnce(
    () =>
      runBatch(db, [
        insertTown(db, row),
        ...auditStatements(ctx, [{ action: 'create', entity: 'town', entityId: input.id, before: null, after: town }]),
      ]),
    `Town ${input.id}`,
  );
  return town;
}
