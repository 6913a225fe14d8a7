import { isStatus } from '../../worker/lib/statuses.ts';
import { bilingualNote } from './notes.ts';
import type { SourceRegistry } from './source-registry.ts';
import { blank } from './text.ts';
import type { DatasetList, Row } from './types.ts';
import { DataError } from './vocabulary.ts';

/**
 * A row of lists.csv: one published list, its document (cited in `sources`)
 * and the status that puts a town on it. Its town count and completeness are
 * counted once every file is read (build-dataset.ts).
 */
export function listFromRow(row: Row, position: number, sources: SourceRegistry): DatasetList {
  const entry = (row.entry_status ?? '').trim();
  if (!isStatus(entry)) throw new DataError(`lists.csv ${row.id}: entry_status "${entry}" is not a status code`);
  const sourceUrl = blank(row.source_url);
  return {
    id: row.id!,
    name: row.name!,
    nameEn: row.name_en!,
    level: row.level!,
    kind: row.kind!,
    province: blank(row.province),
    issuer: blank(row.issuer),
    publishedOn: blank(row.published_on),
    documentTitle: blank(row.document_title),
    documentNumber: blank(row.document_number),
    sourceId: sources.cite(row.document_title, {
      issuer: blank(row.issuer),
      publishedOn: blank(row.published_on),
      documentNumber: blank(row.document_number),
      urls: sourceUrl ? [sourceUrl] : [],
    }),
    sourceUrl,
    officialCount: blank(row.official_count) === null ? null : Number(row.official_count),
    townCount: 0,
    complete: false,
    note: blank(row.note),
    noteZh: bilingualNote(row, ['note']).zh,
    position,
    entryStatus: entry,
  };
}
