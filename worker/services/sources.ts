import type { z } from '@hono/zod-openapi';
import type { Db } from '../db/client.ts';
import { selectFigures, selectSources } from '../db/queries/sources.ts';
import type { FigureSchema, SourceSchema } from '../schemas/sources.ts';
import { figureRecord, sourceRecord } from './records.ts';
import { sourceRef } from './source-ref.ts';

export type Source = z.infer<typeof SourceSchema>;
export type Figure = z.infer<typeof FigureSchema>;

/** The official documents the data comes from. */
export async function listSources(db: Db): Promise<Source[]> {
  return (await selectSources(db)).map(sourceRecord);
}

/** Figures reported without naming the towns, to set beside the named rows. */
export async function listFigures(db: Db): Promise<Figure[]> {
  return (await selectFigures(db)).map(({ figure, sourceTitle, sourceNumber }) => {
    const { source_id: _id, ...record } = figureRecord(figure);
    return { ...record, source: sourceRef(figure.sourceId, sourceTitle, sourceNumber) };
  });
}
