import { type SQL, sql } from 'drizzle-orm';
import type { Db } from '../client.ts';
import { towns } from '../schema.ts';
import { membershipConditions, statusOf, type TownFilter, townConditions } from './town-filter.ts';

export interface RollupSet {
  responses: { key: string; waveId: string; n: number; duplicates: number }[];
  dimensions: { key: string; waveId: string; dimension: string; n: number; sum: number; sumSquares: number }[];
  answers: { key: string; waveId: string; questionId: string; value: string; n: number }[];
}

import type { ResultsGroup } from '../../lib/results-group.ts';

/**
 * What is read for each wave: `final` its rollups as they stand (a closed
 * wave that publishes after closing), `steps` the per-town states published
 * at each 10th response (a wave published live). Waves not yet published are
 * not asked for at all.
 */
export interface WaveSources {
  final: string[];
  steps: string[];
}

const TABLES = {
  final: {
    responses: sql.raw('rollup_wave_responses'),
    dimensions: sql.raw('rollup_wave_dimensions'),
    answers: sql.raw('rollup_wave_answers'),
  },
  steps: { responses: sql.raw('published_responses'), dimensions: sql.raw('published_dimensions'), answers: sql.raw('published_answers') },
} as const;

const inWaves = (ids: string[]) => sql`r.wave_id IN (SELECT value FROM json_each(${JSON.stringify(ids)}))`;

/** The same query over each source that has waves, as one UNION ALL: one round trip per kind of rollup. */
async function fromSources<T>(db: Db, waves: WaveSources, query: (t: (typeof TABLES)['final'], waveIds: string[]) => SQL): Promise<T[]> {
  const parts = (['final', 'steps'] as const).filter((s) => waves[s].length).map((s) => query(TABLES[s], waves[s]));
  if (!parts.length) return [];
  return db.all<T>(sql.join(parts, sql` UNION ALL `));
}

/** The published rollups of one town: primary-key lookups, whatever the number of responses. */
export async function selectTownRollups(db: Db, townId: string, waves: WaveSources): Promise<RollupSet> {
  const where = (ids: string[]) => sql`${inWaves(ids)} AND r.town_id = ${townId}`;
  const [responses, dimensions, answers] = await Promise.all([
    fromSources<RollupSet['responses'][number]>(
      db,
      waves,
      (t, ids) => sql`SELECT r.town_id AS key, r.wave_id AS waveId, r.n, r.duplicates FROM ${t.responses} r WHERE ${where(ids)}`,
    ),
    fromSources<RollupSet['dimensions'][number]>(
      db,
      waves,
      (t, ids) =>
        sql`SELECT r.town_id AS key, r.wave_id AS waveId, r.dimension, r.n, r.sum, r.sum_squares AS sumSquares FROM ${t.dimensions} r WHERE ${where(ids)}`,
    ),
    fromSources<RollupSet['answers'][number]>(
      db,
      waves,
      (t, ids) =>
        sql`SELECT r.town_id AS key, r.wave_id AS waveId, r.question_id AS questionId, r.value, r.n FROM ${t.answers} r WHERE ${where(ids)}`,
    ),
  ]);
  return { responses, dimensions, answers };
}

/**
 * Published rollups summed per group of towns (each town once per group).
 * Only towns that are published
 * themselves (at least `minSample` responses in the wave) are summed, so any
 * difference between two published groups is made of whole published towns:
 * it never isolates fewer than `minSample` respondents. Within such a town,
 * only what the town publishes is summed: a dimension that `minSample`
 * respondents rated, a question that `minSample` answered (not counting "not
 * applicable"). A town withholds the others (say, the one resident among nine
 * visitors who rated jobs), and a group that summed them would give them away
 * to anyone subtracting the town's neighbours. The work grows with
 * the number of towns that have responses, never with the number of responses.
 */
export async function selectGroupedRollups(
  db: Db,
  filter: TownFilter,
  group: ResultsGroup,
  waves: WaveSources,
  minSample: number,
): Promise<RollupSet> {
  // Each town once per group: a town on two lists with the same status counts once in that status.
  const groups =
    group === 'list' || group === 'status'
      ? sql`(SELECT DISTINCT ${group === 'list' ? sql`m.list_id` : statusOf(filter.asOf)} AS key, m.town_id FROM memberships m JOIN lists l ON l.id = m.list_id JOIN towns ON towns.id = m.town_id
             WHERE ${townConditions(filter)} AND ${membershipConditions(filter)})`
      : sql`(SELECT ${group === 'all' ? sql`'all'` : sql`${towns.province}`} AS key, towns.id AS town_id FROM towns WHERE ${townConditions(filter) ?? sql`1 = 1`})`;
  const from = (t: (typeof TABLES)['final'], table: SQL, ids: string[]) =>
    sql`FROM ${table} r JOIN ${groups} g ON g.town_id = r.town_id
        WHERE ${inWaves(ids)} AND g.key IS NOT NULL
          AND EXISTS (SELECT 1 FROM ${t.responses} p WHERE p.wave_id = r.wave_id AND p.town_id = r.town_id AND p.n >= ${minSample})`;
  const [responses, dimensions, answers] = await Promise.all([
    fromSources<RollupSet['responses'][number]>(
      db,
      waves,
      (t, ids) =>
        sql`SELECT g.key AS key, r.wave_id AS waveId, SUM(r.n) AS n, SUM(r.duplicates) AS duplicates ${from(t, t.responses, ids)} GROUP BY 1, 2`,
    ),
    fromSources<RollupSet['dimensions'][number]>(
      db,
      waves,
      (t, ids) =>
        sql`SELECT g.key AS key, r.wave_id AS waveId, r.dimension, SUM(r.n) AS n, SUM(r.sum) AS sum, SUM(r.sum_squares) AS sumSquares ${from(t, t.dimensions, ids)}
            AND r.n >= ${minSample} GROUP BY 1, 2, 3`,
    ),
    fromSources<RollupSet['answers'][number]>(
      db,
      waves,
      (t, ids) =>
        sql`SELECT g.key AS key, r.wave_id AS waveId, r.question_id AS questionId, r.value, SUM(r.n) AS n ${from(t, t.answers, ids)}
            AND (SELECT SUM(b.n) FROM ${t.answers} b WHERE b.wave_id = r.wave_id AND b.town_id = r.town_id AND b.question_id = r.question_id AND b.value <> 'na') >= ${minSample}
          GROUP BY 1, 2, 3, 4`,
    ),
  ]);
  return { responses, dimensions, answers };
}
