import type { z } from '@hono/zod-openapi';
import type { Db } from '../../db/client.ts';
import { selectSurvey, selectSurveys, type SurveyRow } from '../../db/queries/surveys.ts';
import { AppError } from '../../errors.ts';
import type { SurveySchema, SurveySummarySchema } from '../../schemas/surveys.ts';
import { rememberSurvey } from './known-surveys.ts';

export type SurveySummary = z.infer<typeof SurveySummarySchema>;
export type Survey = z.infer<typeof SurveySchema>;

export function isOpen(row: Pick<SurveyRow, 'opensAt' | 'closesAt'>, now: Date): boolean {
  const t = now.toISOString();
  return (!row.opensAt || row.opensAt <= t) && (!row.closesAt || t < row.closesAt);
}

function summary(row: SurveyRow, now: Date): SurveySummary {
  return {
    id: row.id,
    audience: row.audience as SurveySummary['audience'],
    version: row.version,
    version_id: row.versionId,
    title: row.definition.title,
    window: { opens_at: row.opensAt, closes_at: row.closesAt, open: isOpen(row, now) },
  };
}

export async function listSurveys(db: Db, now = new Date()): Promise<SurveySummary[]> {
  return (await selectSurveys(db)).map((row) => summary(row, now));
}

/** The survey row with its current version; throws `survey-not-found`. */
export async function findSurvey(db: Db, id: string): Promise<SurveyRow> {
  const row = await selectSurvey(db, id);
  if (!row) throw new AppError('survey-not-found', `No survey has the id "${id}". GET /api/v1/surveys lists them.`);
  rememberSurvey(row);
  return row;
}

/** The current version of a questionnaire, ready to render. */
export async function getSurvey(db: Db, id: string, now = new Date()): Promise<Survey> {
  const row = await findSurvey(db, id);
  return { ...summary(row, now), description: row.definition.description, dimensions: row.definition.dimensions, sections: row.definition.sections };
}
