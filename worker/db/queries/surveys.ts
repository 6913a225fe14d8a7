import { and, asc, eq, gt, inArray, lte, sql } from 'drizzle-orm';
import type { SurveyDefinition } from '../../schemas/survey-definition.ts';
import type { Db } from '../client.ts';
import { answers, responses, surveys, surveyVersions } from '../survey-schema.ts';

export interface SurveyRow {
  id: string;
  audience: string;
  opensAt: string | null;
  closesAt: string | null;
  versionId: string;
  version: number;
  definition: SurveyDefinition;
}

const currentVersion = sql<number>`(SELECT MAX(v2.version) FROM survey_versions v2 WHERE v2.survey_id = ${surveys.id})`;

function surveyQuery(db: Db) {
  return db
    .select({
      id: surveys.id,
      audience: surveys.audience,
      opensAt: surveys.opensAt,
      closesAt: surveys.closesAt,
      versionId: surveyVersions.id,
      version: surveyVersions.version,
      definition: surveyVersions.definition,
    })
    .from(surveys)
    .innerJoin(surveyVersions, and(eq(surveyVersions.surveyId, surveys.id), eq(surveyVersions.version, currentVersion)));
}

/** Every survey with its current (highest) version. */
export async function selectSurveys(db: Db): Promise<SurveyRow[]> {
  return (await surveyQuery(db).orderBy(asc(surveys.position))) as SurveyRow[];
}

export async function selectSurvey(db: Db, id: string): Promise<SurveyRow | undefined> {
  return (await surveyQuery(db).where(eq(surveys.id, id)).get()) as SurveyRow | undefined;
}

export async function selectVersions(db: Db, ids: string[]) {
  if (!ids.length) return [];
  return db.select().from(surveyVersions).where(inArray(surveyVersions.id, ids));
}

/** Every questionnaire version id (a handful of rows). */
export async function selectVersionIds(db: Db): Promise<string[]> {
  return (await db.select({ id: surveyVersions.id }).from(surveyVersions)).map((r) => r.id);
}

/** The update of a survey's window, to run in one batch with its audit entry (services/admin/survey-window.ts). */
export function surveyWindowUpdate(db: Db, id: string, opensAt: string | null, closesAt: string | null) {
  return db.update(surveys).set({ opensAt, closesAt }).where(eq(surveys.id, id));
}

/** A page of a survey's responses with their answers, in receipt order, for the admin export (submitted up to `upTo`, when given). */
export async function selectResponsePage(db: Db, surveyId: string, afterId: string | null, limit: number, upTo?: string) {
  const page = await db
    .select({ response: responses })
    .from(responses)
    .innerJoin(surveyVersions, eq(surveyVersions.id, responses.surveyVersionId))
    .where(and(eq(surveyVersions.surveyId, surveyId), afterId ? gt(responses.id, afterId) : undefined, upTo ? lte(responses.submittedAt, upTo) : undefined))
    .orderBy(asc(responses.id))
    .limit(limit);
  const ids = page.map((p) => p.response.id);
  const rows = ids.length
    ? await db.select().from(answers).where(sql`${answers.responseId} IN (SELECT value FROM json_each(${JSON.stringify(ids)}))`)
    : [];
  return page.map((p) => ({ ...p.response, answers: rows.filter((a) => a.responseId === p.response.id) }));
}

