import { sql } from 'drizzle-orm';
import type { Db } from '../client.ts';
import { jsonInsert, runBatch, type Statement } from './batch.ts';
import { meta } from '../schema.ts';
import { answers, idempotencyKeys, responses, rollupAnswers, rollupDimensions, rollupResponses } from '../survey-schema.ts';

export interface SubmissionWrite {
  id: string;
  surveyVersionId: string;
  townId: string;
  submittedAt: string;
  contact: Record<string, string> | null;
  /** Every stored value, text included. */
  answers: { questionId: string; value: string }[];
  /** Values counted in the distribution rollup (no free text). */
  counted: { questionId: string; value: string }[];
  dimensions: { dimension: string; score: number }[];
  idempotencyKey: string;
  fingerprint: string;
}

/**
 * The response, its answers, every rollup it changes, its Idempotency-Key and
 * the results version, as one D1 batch: all of it is stored, or none. Answers
 * and rollups bind their rows as one JSON parameter each, so a submission is
 * seven statements however long the questionnaire: D1 runs one query at a
 * time, and fewer statements per submission is more submissions per second.
 */
export async function writeSubmission(db: Db, w: SubmissionWrite): Promise<void> {
  const scope = { surveyVersionId: w.surveyVersionId, townId: w.townId };
  const statements: Statement[] = [
    db.insert(responses).values({ id: w.id, surveyVersionId: w.surveyVersionId, townId: w.townId, submittedAt: w.submittedAt, contact: w.contact }),
    ...jsonInsert(answers, w.answers.map((a) => ({ responseId: w.id, ...a }))),
    db
      .insert(rollupResponses)
      .values({ ...scope, n: 1 })
      .onConflictDoUpdate({ target: [rollupResponses.surveyVersionId, rollupResponses.townId], set: { n: sql`${rollupResponses.n} + 1` } }),
    // `WHERE true` tells SQLite's parser that ON CONFLICT belongs to the INSERT, not to a join.
    sql`INSERT INTO rollup_answers (survey_version_id, town_id, question_id, value, n)
        SELECT ${w.surveyVersionId}, ${w.townId}, json_extract(value, '$[0]'), json_extract(value, '$[1]'), 1
        FROM json_each(${JSON.stringify(w.counted.map((a) => [a.questionId, a.value]))}) WHERE true
        ON CONFLICT (survey_version_id, town_id, question_id, value) DO UPDATE SET n = rollup_answers.n + 1`,
    sql`INSERT INTO rollup_dimensions (survey_version_id, town_id, dimension, n, sum, sum_squares)
        SELECT ${w.surveyVersionId}, ${w.townId}, json_extract(value, '$[0]'), 1, json_extract(value, '$[1]'), json_extract(value, '$[1]') * json_extract(value, '$[1]')
        FROM json_each(${JSON.stringify(w.dimensions.map((d) => [d.dimension, d.score]))}) WHERE true
        ON CONFLICT (survey_version_id, town_id, dimension) DO UPDATE SET
          n = rollup_dimensions.n + 1, sum = rollup_dimensions.sum + excluded.sum, sum_squares = rollup_dimensions.sum_squares + excluded.sum_squares`,
    db.insert(idempotencyKeys).values({ key: w.idempotencyKey, fingerprint: w.fingerprint, responseId: w.id, createdAt: w.submittedAt }),
    // Results caches (ETags) follow this version, so a new response is never hidden behind a stale copy.
    db
      .insert(meta)
      .values({ key: 'results_version', value: w.id })
      .onConflictDoUpdate({ target: meta.key, set: { value: w.id, updatedAt: w.submittedAt } }),
  ];
  await runBatch(db, statements);
}
