import { parseSourceDate } from '../../worker/lib/dates.ts';
import { bilingualNote } from './notes.ts';
import type { SourceRegistry } from './source-registry.ts';
import { blank, splitUrls } from './text.ts';
import type { DatasetFigure, EventFileConfig, Row } from './types.ts';

/**
 * A row of an event file that names no town (where event-files.json says
 * `figures_when_town_empty`): a figure a notice reports without naming the
 * towns (`count_affected`), kept as the source writes it.
 */
export function figureFromRow(id: number, config: EventFileConfig, row: Row, sources: SourceRegistry): DatasetFigure {
  const date = parseSourceDate(row[config.date_column]);
  const figure = blank(row.count_affected);
  const listName = blank(row[config.list_column ?? '']);
  return {
    id,
    level: blank(row.level) ?? 'national',
    province: blank(row.province),
    issuer: blank(row.issuer),
    effectiveDate: date.date,
    datePrecision: date.precision,
    dateNote: date.note,
    eventType: blank(row.event_type) ?? blank(row.status) ?? 'report',
    listId: listName ? (config.list_aliases?.[listName] ?? null) : null,
    listName,
    figure,
    count: figure && /^\d+$/.test(figure) ? Number(figure) : null,
    detail: blank(row.detail),
    detailZh: bilingualNote(row, ['detail']).zh,
    sourceId: sources.cite(row[config.document_column ?? ''], { issuer: blank(row.issuer), urls: splitUrls(row.source_urls) }),
    confidence: blank(row.confidence),
    sourceUrls: splitUrls(row.source_urls),
    note: blank(row.note),
    noteZh: bilingualNote(row, ['note']).zh,
  };
}
