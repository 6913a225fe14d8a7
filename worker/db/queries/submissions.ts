import { sql } from 'drizzle-orm';
import type { BatchItem } from 'drizzle-orm/batch';
import type { Db } from '../client.ts';
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

/** Splits rows so that no statement binds more than D1's 100 parameters. */
function chunks<T>(rows: T[], columns: number): T[][] {
  const size = Math.floor(100 / columns);
  const out: T[][] = [];
  for (let i = 0; i < rows.length; i += size) out.push(rows.slice(i, i + size));
  return out;
}

/**
 * The response, its answers, every rollup it changes, its Idempotency-Key and
 * the results version, as one D1 batch: all of it is stored, or none.
 */
export async function writeSubmission(db: Db, w: SubmissionWrite): Promise<void> {
  const scope = { surveyVersionId: w.surveyVersionId, townId: w.townId };
  const statements: BatchItem<'sqlite'>[] = [
    db.insert(responses).values({ id: w.id, surveyVersionId: w.surveyVersionId, townId: w.townId, submittedAt: w.submittedAt, contact: w.contact }),
    ...chunks(w.answers, 3).map((rows) => db.insert(answers).values(rows.map((a) => ({ responseId: w.id, ...a })))),
    db
      .insert(rollupResponses)
      .values({ ...scope, n: 1 })
      .onConflictDoUpdate({ target: [rollupResponses.surveyVersionId, rollupResponses.townId], set: { n: sql`${rollupResponses.n} + 1` } }),
    ...chunks(w.counted, 5).map((rows) =>
      db
        .insert(rollupAnswers)
        .values(rows.map((a) => ({ ...scope, questionId: a.questionId, value: a.value, n: 1 })))
        .onConflictDoUpdate({
          target: [rollupAnswers.surveyVersionId, rollupAnswers.townId, rollupAnswers.questionId, rollupAnswers.value],
          set: { n: sql`${rollupAnswers.n} + 1` },
        }),
    ),
    ...chunks(w.dimensions, 6).map((rows) =>
      db
        .insert(rollupDimensions)
        .values(rows.map((d) => ({ ...scope, dimension: d.dimension, n: 1, sum: d.score, sumSquares: d.score * d.score })))
        .onConflictDoUpdate({
          target: [rollupDimensions.surveyVersionId, rollupDimensions.townId, rollupDimensions.dimension],
          set: {
            n: sql`${rollupDimensions.n} + 1`,
            sum: sql`${rollupDimensions.sum} + excluded.sum`,
            sumSquares: sql`${rollupDimensions.sumSquares} + excluded.sum_squares`,
          },
        }),
    ),
    db.insert(idempotencyKeys).values({ key: w.idempotencyKey, fingerprint: w.fingerprint, responseId: w.id, createdAt: w.submittedAt }),
    // Results caches (ETags) follow this version, so a new response is never hidden behind a stale copy.
    db
      .insert(meta)
      .values({ key: 'results_version', value: w.id })
      .onConflictDoUpdate({ target: meta.key, set: { value: w.id, updatedAt: w.submittedAt } }),
  ];
  await db.batch(statements as [BatchItem<'sqlite'>, ...BatchItem<'sqlite'>[]]);
}
