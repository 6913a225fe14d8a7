import { asc, eq } from 'drizzle-orm';
import type { Db } from '../client.ts';
import { reportedFigures, sources } from '../schema.ts';

export async function selectSources(db: Db) {
  return db.select().from(sources).orderBy(asc(sources.publishedOn), asc(sources.id));
}

export async function selectFigures(db: Db) {
  return db
    .select({ figure: reportedFigures, sourceTitle: sources.title, sourceNumber: sources.documentNumber })
    .from(reportedFigures)
    .leftJoin(sources, eq(sources.id, reportedFigures.sourceId))
    .orderBy(asc(reportedFigures.effectiveDate), asc(reportedFigures.id));
}
