import type { z } from '@hono/zod-openapi';
import type { Db } from '../../db/client.ts';
import { type SurveyRow, selectLatestVersionIds, selectSurveyList, selectVersions } from '../../db/queries/surveys.ts';
import { selectWaves, type WaveRow } from '../../db/queries/waves.ts';
import { AppError } from '../../errors.ts';
import type { SurveyDefinition } from '../../schemas/survey-definition.ts';
import type { SurveySchema, SurveySummarySchema, WaveSchema } from '../../schemas/surveys.ts';
import { knownDefinition, rememberDefinition } from './known-surveys.ts';

export type SurveySummary = z.infer<typeof SurveySummarySchema>;
export type Survey = z.infer<typeof SurveySchema>;
export type Wave = z.infer<typeof WaveSchema>;

/** Whether a wave accepts answers at `now`: from its opening (inclusive) to its closing (exclusive). */
export function isOpen(wave: Pick<WaveRow, 'opensAt' | 'closesAt'>, now: Date): boolean {
  const t = now.toISOString();
  return wave.opensAt <= t && (!wave.closesAt || t < wave.closesAt);
}

export function waveStatus(wave: Pick<WaveRow, 'opensAt' | 'closesAt'>, now: Date): Wave['status'] {
  if (isOpen(wave, now)) return 'open';
  return wave.opensAt > now.toISOString() ? 'scheduled' : 'closed';
}

/** The wave in question at `now`: the one open, else the next to open, else the last to have closed. */
export function currentWave(waves: WaveRow[], now: Date): WaveRow | null {
  const t = now.toISOString();
  return (
    waves.find((w) => isOpen(w, now)) ??
    waves.filter((w) => w.opensAt > t).sort((a, b) => a.opensAt.localeCompare(b.opensAt))[0] ??
    waves.slice().sort((a, b) => b.opensAt.localeCompare(a.opensAt))[0] ??
    null
  );
}

/** The wave before `wave` in its survey (the one that opened last before it), whose results are shown beside it. */
export function previousWave(waves: WaveRow[], wave: WaveRow): WaveRow | null {
  return (
    waves.filter((w) => w.surveyId === wave.surveyId && w.opensAt < wave.opensAt).sort((a, b) => b.opensAt.localeCompare(a.opensAt))[0] ??
    null
  );
}

export function waveOf(wave: WaveRow, now: Date): Wave {
  return {
    id: wave.id,
    survey_id: wave.surveyId,
    version_id: wave.versionId,
    name: { zh: wave.name, en: wave.nameEn },
    opens_at: wave.opensAt,
    closes_at: wave.closesAt,
    publication: wave.publication,
    status: waveStatus(wave, now),
  };
}

/** Definitions of questionnaire versions, from this isolate's copies where it has them (a version never changes). */
export async function definitionsOf(db: Db, versionIds: string[]): Promise<Map<string, SurveyDefinition>> {
  const found = new Map<string, SurveyDefinition>();
  const missing: string[] = [];
  for (const id of new Set(versionIds)) {
    const known = knownDefinition(id);
    if (known) found.set(id, known);
    else missing.push(id);
  }
  for (const v of await selectVersions(db, missing)) {
    rememberDefinition(v.id, v.definition as SurveyDefinition);
    found.set(v.id, v.definition as SurveyDefinition);
  }
  return found;
}

/** The surveys (or one), each with its waves and the questionnaire of the wave in question at `now`. */
async function surveyRows(db: Db, now: Date, id?: string): Promise<SurveyRow[]> {
  const [surveys, waves, latest] = await Promise.all([selectSurveyList(db, id), selectWaves(db, id), selectLatestVersionIds(db)]);
  const current = new Map(
    surveys.map((s) => [
      s.id,
      currentWave(
        waves.filter((w) => w.surveyId === s.id),
        now,
      ),
    ]),
  );
  const versionOf = (surveyId: string) => current.get(surveyId)?.versionId ?? latest.get(surveyId)!;
  const definitions = await definitionsOf(
    db,
    surveys.map((s) => versionOf(s.id)),
  );
  return surveys.map((s) => {
    const definition = definitions.get(versionOf(s.id))!;
    return {
      ...s,
      wave: current.get(s.id) ?? null,
      waves: waves.filter((w) => w.surveyId === s.id),
      versionId: versionOf(s.id),
      latestVersionId: latest.get(s.id)!,
      version: definition.version,
      definition,
    };
  });
}

function summary(row: SurveyRow, now: Date): SurveySummary {
  const wave = row.wave;
  return {
    id: row.id,
    audience: row.audience as SurveySummary['audience'],
    version: row.version,
    version_id: row.versionId,
    title: row.definition.title,
    window: { opens_at: wave?.opensAt ?? null, closes_at: wave?.closesAt ?? null, open: wave ? isOpen(wave, now) : false },
    wave: wave ? waveOf(wave, now) : null,
  };
}

export async function listSurveys(db: Db, now = new Date()): Promise<SurveySummary[]> {
  return (await surveyRows(db, now)).map((row) => summary(row, now));
}

/** The survey with its waves and the questionnaire of its wave in question; throws `survey-not-found`. */
export async function findSurvey(db: Db, id: string, now = new Date()): Promise<SurveyRow> {
  const [row] = await surveyRows(db, now, id);
  if (!row) throw new AppError('survey-not-found', `No survey has the id "${id}". GET /api/v1/surveys lists them.`);
  return row;
}

/** The questionnaire of the survey's wave in question (open now, else the next), ready to render. */
export async function getSurvey(db: Db, id: string, now = new Date()): Promise<Survey> {
  const row = await findSurvey(db, id, now);
  return {
    ...summary(row, now),
    description: row.definition.description,
    dimensions: row.definition.dimensions,
    sections: row.definition.sections,
  };
}

/** A survey's waves, in the order they open. */
export async function listWaves(db: Db, id: string, now = new Date()): Promise<Wave[]> {
  const row = await findSurvey(db, id, now);
  return row.waves.map((w) => waveOf(w, now));
}
