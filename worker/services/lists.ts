import type { z } from '@hono/zod-openapi';
import type { Db } from '../db/client.ts';
import { selectList, selectLists, selectProvinceCounts, type ListRow } from '../db/queries/lists.ts';
import { AppError } from '../errors.ts';
import type { ListDetailSchema, ListSchema } from '../schemas/lists.ts';
import { sourceRef } from './source-ref.ts';

export type List = z.infer<typeof ListSchema>;
export type ListDetail = z.infer<typeof ListDetailSchema>;

function toList(row: ListRow): List {
  return {
    id: row.id,
    name: row.name,
    name_en: row.nameEn,
    level: row.level as List['level'],
    kind: row.kind,
    province: row.province,
    issuer: row.issuer,
    published_on: row.publishedOn,
    document_title: row.documentTitle,
    document_number: row.documentNumber,
    source: sourceRef(row.sourceId, row.sourceTitle, row.sourceNumber),
    source_url: row.sourceUrl,
    official_count: row.officialCount,
    town_count: row.townCount,
    missing: row.officialCount === null ? null : row.officialCount - row.townCount,
    complete: row.complete,
    note: row.note,
  };
}

/** Every list, national first, in the order of data/lists.csv. */
export async function listLists(db: Db): Promise<List[]> {
  return (await selectLists(db)).map(toList);
}

/** Throws `list-not-found` for an unknown id. */
export async function getList(db: Db, id: string): Promise<ListDetail> {
  const row = await selectList(db, id);
  if (!row) throw new AppError('list-not-found', `No list has the id "${id}". GET /api/v1/lists gives every list.`);
  const counts = await selectProvinceCounts(db, id);
  return {
    ...toList(row),
    province_counts: counts.map((c) => ({
      province: c.province,
      official_count: c.officialCount,
      town_count: c.townCount,
      missing: c.officialCount - c.townCount,
    })),
  };
}

/** For the `list` query filter: an unknown list is a 400 naming the parameter, never an empty page. */
export async function assertListFilter(db: Db, id: string | undefined): Promise<void> {
  if (id !== undefined && !(await selectList(db, id))) {
    throw new AppError('invalid-parameter', `No list has the id "${id}". GET /api/v1/lists gives every list.`, {
      errors: [{ name: 'list', in: 'query', detail: `Unknown list "${id}"` }],
    });
  }
}
