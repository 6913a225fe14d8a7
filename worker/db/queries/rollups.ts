import { sql, type SQL } from 'drizzle-orm';
import type { Db } from '../client.ts';
import { towns } from '../schema.ts';
import { membershipConditions, statusOf, townConditions, type TownFilter } from './town-filter.ts';

export interface RollupSet {
  responses: { key: string; versionId: string; n: number }[];
  dimensions: { key: string; versionId: string; dimension: string; n: number; sum: number; sumSquares: number }[];
  answers: { key: string; versionId: string; questionId: string; value: string; n: number }[];
}

export type ResultsGroup = 'all' | 'province' | 'list' | 'status';

/** The rollups of one town: a primary-key lookup per version, whatever the number of responses. */
export async function selectTownRollups(db: Db, townId: string, versionIds: string[]): Promise<RollupSet> {
  const versions = JSON.stringify(versionIds);
  const where = sql`survey_version_id IN (SELECT value FROM json_each(${versions})) AND town_id = ${townId}`;
  const [responses, dimensions, answers] = await Promise.all([
    db.all<RollupSet['responses'][number]>(sql`SELECT town_id AS key, survey_version_id AS versionId, n FROM rollup_responses WHERE ${where}`),
    db.all<RollupSet['dimensions'][number]>(sql`SELECT town_id AS key, survey_version_id AS versionId, dimension, n, sum, sum_squares AS sumSquares FROM rollup_dimensions WHERE ${where}`),
    db.all<RollupSet['answers'][number]>(sql`SELECT town_id AS key, survey_version_id AS versionId, question_id AS questionId, value, n FROM rollup_answers WHERE ${where}`),
  ]);
  return { responses, dimensions, answers };
}

/**
 * Rollups summed per group of towns. The work grows with the number of towns
 * that have responses, never with the number of responses.
 */
export async function selectGroupedRollups(db: Db, filter: TownFilter, group: ResultsGroup): Promise<RollupSet> {
  const byMembership = group === 'list' || group === 'status';
  const key: SQL = group === 'all' ? sql`'all'` : group === 'province' ? sql`${towns.province}` : group === 'list' ? sql`m.list_id` : statusOf(filter.asOf);
  const join = byMembership
    ? sql`JOIN towns ON towns.id = r.town_id JOIN memberships m ON m.town_id = towns.id JOIN lists l ON l.id = m.list_id`
    : sql`JOIN towns ON towns.id = r.town_id`;
  const where = byMembership ? sql`${townConditions(filter)} AND ${membershipConditions(filter)} AND ${key} IS NOT NULL` : sql`${townConditions(filter)}`;
  const [responses, dimensions, answers] = await Promise.all([
    db.all<RollupSet['responses'][number]>(sql`SELECT ${key} AS key, r.survey_version_id AS versionId, SUM(r.n) AS n FROM rollup_responses r ${join} WHERE ${where} GROUP BY 1, 2`),
    db.all<RollupSet['dimensions'][number]>(
      sql`SELECT ${key} AS key, r.survey_version_id AS versionId, r.dimension, SUM(r.n) AS n, SUM(r.sum) AS sum, SUM(r.sum_squares) AS sumSquares FROM rollup_dimensions r ${join} WHERE ${where} GROUP BY 1, 2, 3`,
    ),
    db.all<RollupSet['answers'][number]>(
      sql`SELECT ${key} AS key, r.survey_version_id AS versionId, r.question_id AS questionId, r.value, SUM(r.n) AS n FROM rollup_answers r ${join} WHERE ${where} GROUP BY 1, 2, 3, 4`,
    ),
  ]);
  return { responses, dimensions, answers };
}
