import type { z } from '@hono/zod-openapi';
import type { Db } from '../../db/client.ts';
import { type RollupSet, selectGroupedRollups, selectTownRollups, type WaveSources } from '../../db/queries/rollups.ts';
import { selectSurveyList } from '../../db/queries/surveys.ts';
import type { TownFilter } from '../../db/queries/town-filter.ts';
import { selectTown } from '../../db/queries/towns.ts';
import { selectWaves, type WaveRow } from '../../db/queries/waves.ts';
import { AppError } from '../../errors.ts';
import type { ResultsGroup } from '../../lib/results-group.ts';
import type { GroupedSatisfactionSchema, SurveyResultSchema, TownSatisfactionSchema } from '../../schemas/satisfaction.ts';
import type { SurveyDefinition } from '../../schemas/survey-definition.ts';
import { assertListFilter } from '../lists.ts';
import { definitionsOf, previousWave, waveOf } from './definitions.ts';
import { beyondIntervals, publishedDistribution, publishedNps, resultsSource, SMALL_SAMPLE, wholePercentages } from './disclosure.ts';
import { importancePerformance } from './ipa.ts';
import { meanWithInterval } from './statistics.ts';

export type SurveyResult = z.infer<typeof SurveyResultSchema>;
export type TownSatisfaction = z.infer<typeof TownSatisfactionSchema>;
export type GroupedSatisfaction = z.infer<typeof GroupedSatisfactionSchema>;
type DimensionResult = SurveyResult['dimensions'][number];

const round1 = (x: number) => Math.round(x * 10) / 10;

/** The waves to report at `now`, newest first within each survey (in the surveys' order), and where each one's figures come from. */
async function reportedWaves(db: Db, now: Date, only?: string) {
  const [surveys, waves] = await Promise.all([selectSurveyList(db), selectWaves(db)]);
  const order = new Map(surveys.map((s, i) => [s.id, i]));
  const opened = waves
    .filter((w) => w.opensAt <= now.toISOString() && (!only || w.id === only))
    .sort((a, b) => order.get(a.surveyId)! - order.get(b.surveyId)! || b.opensAt.localeCompare(a.opensAt));
  if (only && !opened.length)
    throw new AppError('invalid-parameter', `No wave "${only}" has opened yet. GET /api/v1/surveys/{id}/waves lists them.`, {
      errors: [{ name: 'wave', in: 'query', code: 'not-found', detail: 'Unknown wave, or not open yet' }],
    });
  // The previous wave of each is read too, for the comparison beside it.
  const compared = new Map(opened.map((w) => [w.id, previousWave(waves, w)]));
  const read = [...new Map([...opened, ...[...compared.values()].filter((w): w is WaveRow => w !== null)].map((w) => [w.id, w])).values()];
  const sources: WaveSources = { final: [], steps: [] };
  for (const w of read) {
    const source = resultsSource(w, now);
    if (source) sources[source].push(w.id);
  }
  const definitions = await definitionsOf(
    db,
    read.map((w) => w.versionId),
  );
  return { opened, compared, sources, definitions };
}

/** One wave's published results in one group, with everything the disclosure rules withhold left out. */
function waveResult(
  wave: WaveRow,
  definition: SurveyDefinition,
  rollups: RollupSet,
  key: string,
  minSample: number,
  now: Date,
  published: boolean,
): SurveyResult {
  const counts = rollups.responses.find((r) => r.key === key && r.waveId === wave.id);
  const responses = published ? (counts?.n ?? 0) : 0;
  const base = {
    survey_id: wave.surveyId,
    wave_id: wave.id,
    wave: waveOf(wave, now),
    version_id: wave.versionId,
    published,
    responses,
    duplicates_excluded_percent: published && counts ? wholePercentages([counts.n, counts.duplicates])[1]! : null,
    small_sample: responses < SMALL_SAMPLE,
  };
  if (!published || responses < minSample) return { ...base, suppressed: true, dimensions: [], nps: null, distributions: [], ipa: null };
  const questions = definition.sections.flatMap((s) => s.questions);
  const countsOf = (questionId: string) =>
    new Map(rollups.answers.filter((a) => a.key === key && a.waveId === wave.id && a.questionId === questionId).map((a) => [a.value, a.n]));
  const dimensions = definition.dimensions.map((d): DimensionResult => {
    const row = rollups.dimensions.find((r) => r.key === key && r.waveId === wave.id && r.dimension === d.id);
    const none = {
      dimension: d.id,
      label: d.label,
      n: row?.n ?? 0,
      score: null,
      ci_low: null,
      ci_high: null,
      previous: null,
      change: null,
      beyond_ci: null,
    };
    if (!row || row.n < minSample) return { ...none, suppressed: true };
    const est = meanWithInterval(row.n, row.sum, row.sumSquares);
    return {
      ...none,
      suppressed: false,
      score: round1(est.mean),
      ci_low: est.ciLow === null ? null : round1(est.ciLow),
      ci_high: est.ciHigh === null ? null : round1(est.ciHigh),
    };
  });
  const npsQuestion = questions.find((q) => q.type === 'nps');
  return {
    ...base,
    suppressed: false,
    dimensions,
    nps: npsQuestion ? publishedNps(npsQuestion.id, countsOf(npsQuestion.id), minSample) : null,
    distributions: questions.flatMap((q) => publishedDistribution(q, countsOf(q.id), minSample) ?? []),
    ipa: ipaOf(definition, dimensions),
  };
}

/** The importance–performance analysis of a questionnaire that asks the importance of each function, from its published scores. */
function ipaOf(definition: SurveyDefinition, dimensions: DimensionResult[]): SurveyResult['ipa'] {
  const importance = definition.dimensions.filter((d) => d.kind === 'importance');
  if (!importance.length) return null;
  const estimate = (id: string | undefined) => {
    const d = dimensions.find((x) => x.dimension === id);
    return d && !d.suppressed && d.score !== null ? { n: d.n, mean: d.score, ci_low: d.ci_low, ci_high: d.ci_high } : null;
  };
  const functions = definition.dimensions.filter((d) => (d.kind ?? 'satisfaction') === 'satisfaction' && d.function === d.id);
  return importancePerformance(
    functions.map((f) => ({
      function: f.id,
      label: f.label,
      satisfaction: estimate(f.id),
      importance: estimate(importance.find((i) => i.function === f.id)?.id),
    })),
  );
}

/** Each dimension beside the same dimension of the previous wave, where both are published. */
function compare(current: SurveyResult, previous: SurveyResult | null): SurveyResult {
  if (!previous || previous.suppressed) return current;
  return {
    ...current,
    dimensions: current.dimensions.map((d) => {
      const before = previous.dimensions.find((p) => p.dimension === d.dimension);
      if (d.score === null || !before || before.score === null) return d;
      return {
        ...d,
        previous: { wave_id: previous.wave_id, score: before.score, ci_low: before.ci_low, ci_high: before.ci_high },
        change: round1(d.score - before.score),
        beyond_ci: beyondIntervals(d, before),
      };
    }),
  };
}

/** The results of every reported wave for one key (a town or a group), each beside its previous wave. */
function resultsFor(
  key: string,
  waves: Awaited<ReturnType<typeof reportedWaves>>,
  rollups: RollupSet,
  minSample: number,
  now: Date,
): SurveyResult[] {
  const published = (w: WaveRow) => waves.sources.final.includes(w.id) || waves.sources.steps.includes(w.id);
  const of = (w: WaveRow) => waveResult(w, waves.definitions.get(w.versionId)!, rollups, key, minSample, now, published(w));
  return waves.opened.map((w) => {
    const before = waves.compared.get(w.id);
    return compare(of(w), before ? of(before) : null);
  });
}

/** A town's satisfaction results per wave and dimension, as the publication rules allow them at `now`. */
export async function townSatisfaction(
  db: Db,
  townId: string,
  minSample: number,
  options: { wave?: string; now?: Date } = {},
): Promise<TownSatisfaction> {
  const now = options.now ?? new Date();
  if (!(await selectTown(db, townId))) throw new AppError('town-not-found', `No town has the id "${townId}".`);
  const waves = await reportedWaves(db, now, options.wave);
  const rollups = await selectTownRollups(db, townId, waves.sources);
  return { town_id: townId, min_sample: minSample, surveys: resultsFor(townId, waves, rollups, minSample, now) };
}

/** Results of groups of towns (by province, list or status), with the town filters of /towns: sums of the published towns only. */
export async function groupedSatisfaction(
  db: Db,
  filter: TownFilter,
  group: ResultsGroup,
  minSample: number,
  options: { wave?: string; now?: Date } = {},
): Promise<GroupedSatisfaction> {
  const now = options.now ?? new Date();
  await assertListFilter(db, filter.list);
  const waves = await reportedWaves(db, now, options.wave);
  const rollups = await selectGroupedRollups(db, filter, group, waves.sources, minSample);
  const keys = [...new Set(rollups.responses.map((r) => r.key))].sort();
  return {
    group_by: group,
    min_sample: minSample,
    groups: keys.map((key) => ({ key, surveys: resultsFor(key, waves, rollups, minSample, now) })),
  };
}
