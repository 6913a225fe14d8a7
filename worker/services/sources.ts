import type { z } from '@hono/zod-openapi';
import type { Db } from '../db/client.ts';
import { selectFigures, selectSources } from '../db/queries/sources.ts';
import type { FigureSchema, SourceSchema } from '../schemas/sources.ts';
import { sourceRef } from './source-ref.ts';

export type Source = z.infer<typeof SourceSchema>;
export type Figure = z.infer<typeof FigureSchema>;

/** The official documents the data comes from. */
export async function listSources(db: Db): Promise<Source[]> {
  return (await selectSources(db)).map((s) => ({
    id: s.id,
    title: s.title,
    document_number: s.documentNumber,
    issuer: s.issuer,
    published_on: s.publishedOn,
    urls: s.urls,
    note: s.note,
  }));
}

/** Figures reported without naming the towns, to set beside the named rows. */
export async function listFigures(db: Db): Promise<Figure[]> {
  return (await selectFigures(db)).map(({ figure: f, sourceTitle, sourceNumber }) => ({
    id: f.id,
    level: f.level as Figure['level'],
    province: f.province,
    issuer: f.issuer,
    effective_date: f.effectiveDate,
    date_precision: f.datePrecision as Figure['date_precision'],
    date_note: f.dateNote,
    event_type: f.eventType,
    list_id: f.listId,
    list_name: f.listName,
    figure: f.figure,
    count: f.count,
    detail: f.detail,
    source: sourceRef(f.sourceId, sourceTitle, sourceNumber),
    confidence: f.confidence as Figure['confidence'],
    source_urls: f.sourceUrls,
    note: f.note,
  }));
}
