import type { z } from '@hono/zod-openapi';
import type { Db } from '../../db/client.ts';
import { selectGroupedRollups, selectTownRollups, type ResultsGroup, type RollupSet } from '../../db/queries/rollups.ts';
import { selectSurveys, selectVersionIds, selectVersions, type SurveyRow } from '../../db/queries/surveys.ts';
import { selectTown } from '../../db/queries/towns.ts';
import type { TownFilter } from '../../db/queries/town-filter.ts';
import { AppError } from '../../errors.ts';
import type { SurveyDefinition } from '../../schemas/survey-definition.ts';
import type { GroupedSatisfactionSchema, SurveyResultSchema, TownSatisfactionSchema } from '../../schemas/satisfaction.ts';
import { meanWithInterval, netPromoterScore } from './statistics.ts';
import { assertListFilter } from '../lists.ts';

export type SurveyResult = z.infer<typeof SurveyResultSchema>;
export type TownSatisfaction = z.infer<typeof TownSatisfactionSchema>;
export type GroupedSatisfaction = z.infer<typeof GroupedSatisfactionSchema>;

const round1 = (x: number) => Math.round(x * 10) / 10;

/** One survey version's results in one group, with everything below `minSample` withheld. */
function surveyResult(definition: SurveyDefinition, versionId: string, rollups: RollupSet, key: string, minSample: number): SurveyResult {
  const responses = rollups.responses.find((r) => r.key === key && r.versionId === versionId)?.n ?? 0;
  const base = { survey_id: definition.id, version_id: versionId, responses };
  if (responses < minSample) return { ...base, suppressed: true, dimensions: [], nps: null, distributions: [] };
  const questions = definition.sections.flatMap((s) => s.questions);
  const dimensions = definition.dimensions.map((d) => {
    const row = rollups.dimensions.find((r) => r.key === key && r.versionId === versionId && r.dimension === d.id);
    if (!row || row.n < minSample) return { dimension: d.id, label: d.label, n: row?.n ?? 0, suppressed: true, score: null, ci_low: null, ci_high: null };
    const est = meanWithInterval(row.n, row.sum, row.sumSquares);
    return {
      dimension: d.id,
      label: d.label,
      n: row.n,
      suppressed: false,
      score: round1(est.mean),
      ci_low: est.ciLow === null ? null : round1(est.ciLow),
      ci_high: est.ciHigh === null ? null : round1(est.ciHigh),
    };
  });
  const countsOf = (questionId: string) =>
    new Map(rollups.answers.filter((a) => a.key === key && a.versionId === versionId && a.questionId === questionId).map((a) => [a.value, a.n]));
  const npsQuestion = questions.find((q) => q.type === 'nps');
  const npsCounts = npsQuestion ? countsOf(npsQuestion.id) : new Map<string, number>();
  const nps = npsQuestion ? netPromoterScore(npsCounts) : null;
  const distributions = questions
    .filter((q) => q.type !== 'text')
    .map((q) => ({ question_id: q.id, counts: [...countsOf(q.id)].map(([value, n]) => ({ value, n })).sort((a, b) => a.value.localeCompare(b.value, 'en', { numeric: true })) }))
    .filter((d) => d.counts.reduce((sum, c) => sum + c.n, 0) >= minSample);
  return {
    ...base,
    suppressed: false,
    dimensions,
    nps: npsQuestion && nps && nps.n >= minSample ? { question_id: npsQuestion.id, ...nps, score: round1(nps.score) } : null,
    distributions,
  };
}

/** Definitions of the versions to report: the current ones come with the surveys; only older ones are read. */
async function definitionsOf(db: Db, versionIds: string[], surveys: SurveyRow[]): Promise<Map<string, SurveyDefinition>> {
  const known = new Map(surveys.map((s) => [s.versionId, s.definition]));
  const older = await selectVersions(db, versionIds.filter((id) => !known.has(id)));
  for (const v of older) known.set(v.id, v.definition as SurveyDefinition);
  return known;
}

/** Versions to report: every current version, and any older one that has responses. */
function versionsToReport(current: string[], rollups: RollupSet): string[] {
  return [...new Set([...current, ...rollups.responses.map((r) => r.versionId)])].sort();
}

/** A town's satisfaction results per survey version and dimension. */
export async function townSatisfaction(db: Db, townId: string, minSample: number): Promise<TownSatisfaction> {
  if (!(await selectTown(db, townId))) throw new AppError('town-not-found', `No town has the id "${townId}".`);
  const [surveys, versionIds] = await Promise.all([selectSurveys(db), selectVersionIds(db)]);
  const rollups = await selectTownRollups(db, townId, versionIds);
  const versions = versionsToReport(surveys.map((s) => s.versionId), rollups);
  const definitions = await definitionsOf(db, versions, surveys);
  return {
    town_id: townId,
    min_sample: minSample,
    surveys: versions.map((v) => surveyResult(definitions.get(v)!, v, rollups, townId, minSample)),
  };
}

/** Results of groups of towns (by province, list or status), with the town filters of /towns. */
export async function groupedSatisfaction(db: Db, filter: TownFilter, group: ResultsGroup, minSample: number): Promise<GroupedSatisfaction> {
  await assertListFilter(db, filter.list);
  const rollups = await selectGroupedRollups(db, filter, group);
  const surveys = await selectSurveys(db);
  const versions = versionsToReport(surveys.map((s) => s.versionId), rollups);
  const definitions = await definitionsOf(db, versions, surveys);
  const keys = [...new Set(rollups.responses.map((r) => r.key))].sort();
  return {
    group_by: group,
    min_sample: minSample,
    groups: keys.map((key) => ({ key, surveys: versions.map((v) => surveyResult(definitions.get(v)!, v, rollups, key, minSample)) })),
  };
}
