import type { z } from '@hono/zod-openapi';
import type { Db } from '../db/client.ts';
import { type ListRow, selectList, selectLists, selectProvinceCounts } from '../db/queries/lists.ts';
import { AppError } from '../errors.ts';
import type { ListDetailSchema, ListSchema } from '../schemas/lists.ts';
import { listRecord } from './records.ts';
import { sourceRef } from './source-ref.ts';

export type List = z.infer<typeof ListSchema>;
export type ListDetail = z.infer<typeof ListDetailSchema>;

/** The public list: its record with the source document's title joined in for the id. */
function toList(row: ListRow): List {
  const { source_id: _id, province_counts: _counts, ...record } = listRecord(row, []);
  return { ...record, source: sourceRef(row.sourceId, row.sourceTitle, row.sourceNumber) };
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
  return { ...toList(row), province_counts: listRecord(row, counts).province_counts };
}

/** For the `list` query filter: an unknown list is a 400 naming the parameter, never an empty page. */
export async function assertListFilter(db: Db, id: string | undefined): Promise<void> {
  if (id !== undefined && !(await selectList(db, id))) {
    throw new AppError('invalid-parameter', `No list has the id "${id}". GET /api/v1/lists gives every list.`, {
      errors: [{ name: 'list', in: 'query', code: 'not-found', detail: `Unknown list "${id}"` }],
    });
  }
}
