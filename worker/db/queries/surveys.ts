import { and, asc, eq, gt, inArray, lte, sql } from 'drizzle-orm';
import type { SurveyDefinition } from '../../schemas/survey-definition.ts';
import type { Db } from '../client.ts';
import { answers, responses, surveys, surveyVersions } from '../survey-schema.ts';
import type { WaveRow } from './waves.ts';

export interface SurveyRow {
  id: string;
  audience: string;
  /** The wave in question now: the one open, else the next to open, else the last (null while the survey has none). */
  wave: WaveRow | null;
  /** Every wave of the survey, in the order they open. */
  waves: WaveRow[];
  /** The questionnaire version of `wave` (the highest version while there is no wave). */
  versionId: string;
  /** The survey's highest questionnaire version, which a new wave asks unless told otherwise. */
  latestVersionId: string;
  version: number;
  definition: SurveyDefinition;
}

/** The surveys, in their order (a handful of rows). */
export async function selectSurveyList(db: Db, id?: string) {
  const query = db.select({ id: surveys.id, audience: surveys.audience }).from(surveys);
  return id ? query.where(eq(surveys.id, id)) : query.orderBy(asc(surveys.position));
}

/** The highest version of each survey: what a survey without any wave shows. */
export async function selectLatestVersionIds(db: Db): Promise<Map<string, string>> {
  const rows = await db
    .select({ surveyId: surveyVersions.surveyId, id: surveyVersions.id })
    .from(surveyVersions)
    .where(
      sql`${surveyVersions.version} = (SELECT MAX(v2.version) FROM survey_versions v2 WHERE v2.survey_id = ${surveyVersions.surveyId})`,
    );
  return new Map(rows.map((r) => [r.surveyId, r.id]));
}

export async function selectVersions(db: Db, ids: string[]) {
  if (!ids.length) return [];
  return db.select().from(surveyVersions).where(inArray(surveyVersions.id, ids));
}

/** When a wave's first and last responses arrived (null when it has none): the span a rescheduled wave must keep. */
export async function selectFirstAndLastResponse(db: Db, waveId: string): Promise<{ first: string | null; last: string | null }> {
  const row = await db.get<{ first: string | null; last: string | null }>(
    sql`SELECT MIN(submitted_at) AS first, MAX(submitted_at) AS last FROM responses WHERE wave_id = ${waveId}`,
  );
  return row ?? { first: null, last: null };
}

/** Every questionnaire version id (a handful of rows). */
export async function selectVersionIds(db: Db): Promise<string[]> {
  return (await db.select({ id: surveyVersions.id }).from(surveyVersions)).map((r) => r.id);
}

/** A page of a survey's responses with their answers, in receipt order, for the admin export (submitted up to `upTo`, when given). */
export async function selectResponsePage(db: Db, surveyId: string, afterId: string | null, limit: number, upTo?: string) {
  const page = await db
    .select({ response: responses })
    .from(responses)
    .innerJoin(surveyVersions, eq(surveyVersions.id, responses.surveyVersionId))
    .where(
      and(
        eq(surveyVersions.surveyId, surveyId),
        afterId ? gt(responses.id, afterId) : undefined,
        upTo ? lte(responses.submittedAt, upTo) : undefined,
      ),
    )
    .orderBy(asc(responses.id))
    .limit(limit);
  const ids = page.map((p) => p.response.id);
  const rows = ids.length
    ? await db
        .select()
        .from(answers)
        .where(sql`${answers.responseId} IN (SELECT value FROM json_each(${JSON.stringify(ids)}))`)
    : [];
  return page.map((p) => ({ ...p.response, answers: rows.filter((a) => a.responseId === p.response.id) }));
}
