import { fillPlaceholders, sql } from 'drizzle-orm';
import type { Db } from '../client.ts';
import { compile, runCompiledBatch, type Compiled } from './batch.ts';
import { meta, towns } from '../schema.ts';
import { answers, decoyReceipts, honeypotCatches, idempotencyKeys, responses, rollupAnswers, rollupDimensions, rollupResponses, surveys, surveyVersions } from '../survey-schema.ts';

export interface SubmissionWrite {
  id: string;
  surveyId: string;
  /** The version the answers were checked against; stored only if it is still the survey's current one. */
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

const $ = (name: keyof SubmissionWrite | 'answerRows' | 'countedRows' | 'dimensionRows' | 'contactJson' | 'key' | 'day' | 'receipt' | 'versionId') => sql.placeholder(name);

/**
 * The statements of a submission, built once: this is the service's busiest
 * write, and building seven queries per request cost more CPU than running them.
 *
 * The response row is stored only if, inside the transaction, its version is
 * still the survey's current one and the survey is open at `submittedAt`;
 * otherwise its survey_version_id is NULL and the whole batch fails
 * (SURVEY_CHANGED). A town that does not exist fails the foreign key. So the
 * caller may check the answers against a copy of the survey it kept, and
 * never store them against a survey that has closed or changed since.
 *
 * Answers and rollups bind their rows as one JSON parameter each, so a
 * submission is seven statements however long the questionnaire.
 */
const STATEMENTS = [
  sql`INSERT INTO ${responses} (id, survey_version_id, town_id, submitted_at, contact) VALUES (${$('id')},
      (SELECT v.id FROM ${surveys} s JOIN ${surveyVersions} v ON v.survey_id = s.id
        WHERE s.id = ${$('surveyId')} AND v.id = ${$('surveyVersionId')}
          AND v.version = (SELECT MAX(version) FROM survey_versions WHERE survey_id = s.id)
          AND (s.opens_at IS NULL OR s.opens_at <= ${$('submittedAt')}) AND (s.closes_at IS NULL OR ${$('submittedAt')} < s.closes_at)),
      ${$('townId')}, ${$('submittedAt')}, ${$('contactJson')})`,
  sql`INSERT INTO ${answers} (response_id, question_id, value)
      SELECT ${$('id')}, json_extract(value, '$[0]'), json_extract(value, '$[1]') FROM json_each(${$('answerRows')})`,
  sql`INSERT INTO ${rollupResponses} (survey_version_id, town_id, n) VALUES (${$('surveyVersionId')}, ${$('townId')}, 1)
      ON CONFLICT (survey_version_id, town_id) DO UPDATE SET n = rollup_responses.n + 1`,
  // `WHERE true` tells SQLite's parser that ON CONFLICT belongs to the INSERT, not to a join.
  sql`INSERT INTO ${rollupAnswers} (survey_version_id, town_id, question_id, value, n)
      SELECT ${$('surveyVersionId')}, ${$('townId')}, json_extract(value, '$[0]'), json_extract(value, '$[1]'), 1
      FROM json_each(${$('countedRows')}) WHERE true
      ON CONFLICT (survey_version_id, town_id, question_id, value) DO UPDATE SET n = rollup_answers.n + 1`,
  sql`INSERT INTO ${rollupDimensions} (survey_version_id, town_id, dimension, n, sum, sum_squares)
      SELECT ${$('surveyVersionId')}, ${$('townId')}, json_extract(value, '$[0]'), 1, json_extract(value, '$[1]'), json_extract(value, '$[1]') * json_extract(value, '$[1]')
      FROM json_each(${$('dimensionRows')}) WHERE true
      ON CONFLICT (survey_version_id, town_id, dimension) DO UPDATE SET
        n = rollup_dimensions.n + 1, sum = rollup_dimensions.sum + excluded.sum, sum_squares = rollup_dimensions.sum_squares + excluded.sum_squares`,
  sql`INSERT INTO ${idempotencyKeys} (key, fingerprint, response_id, created_at) VALUES (${$('idempotencyKey')}, ${$('fingerprint')}, ${$('id')}, ${$('submittedAt')})`,
  // Results caches (ETags) follow this version, so a new response is never hidden behind a stale copy.
  sql`INSERT INTO ${meta} (key, value, updated_at) VALUES ('results_version', ${$('id')}, ${$('submittedAt')})
      ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at`,
].map(compile);

/** The response, its answers, every rollup it changes, its Idempotency-Key and the results version, as one D1 batch: all of it is stored, or none. */
export async function writeSubmission(db: Db, w: SubmissionWrite): Promise<void> {
  const values = {
    ...w,
    contactJson: w.contact ? JSON.stringify(w.contact) : null,
    answerRows: JSON.stringify(w.answers.map((a) => [a.questionId, a.value])),
    countedRows: JSON.stringify(w.counted.map((a) => [a.questionId, a.value])),
    dimensionRows: JSON.stringify(w.dimensions.map((d) => [d.dimension, d.score])),
  };
  await runCompiledBatch(db, STATEMENTS.map((statement) => [statement, values]));
}

/** How D1 words the refusal of the guarded response row above. */
export const SURVEY_CHANGED = /NOT NULL constraint failed: responses\.survey_version_id/;

/** A statement built once, with this request's values. */
function bound(db: Db, compiled: Compiled, values: Record<string, unknown>): D1PreparedStatement {
  return db.$client.prepare(compiled.sql).bind(...fillPlaceholders(compiled.params, values));
}

/** What the stored receipt of an Idempotency-Key says. */
export interface StoredReceipt {
  fingerprint: string;
  receipt: string;
  survey_id: string;
  version_id: string;
  town_id: string;
  submitted_at: string;
}

/** Everything a submission must know from D1 before it may spend the client's budget. */
export interface SubmissionState {
  /** The response this Idempotency-Key already stored (or the decoy it answered with), if any. */
  stored: StoredReceipt | null;
  /** The survey's window and current version, or null when there is no such survey. */
  survey: { opensAt: string | null; closesAt: string | null; versionId: string } | null;
  townExists: boolean;
}

/**
 * One statement, one round trip: whether the key was used, the survey's
 * window and current version, and whether the town exists. A submission reads
 * this before the rate limiter, so that a retry, an unknown town or a closed
 * survey is answered without spending a client's budget; the write batch
 * checks the survey and the town again, in its transaction.
 */
const STATE = compile(sql`SELECT
  COALESCE(
    (SELECT json_object('fingerprint', k.fingerprint, 'receipt', r.id, 'survey_id', v.survey_id, 'version_id', r.survey_version_id,
                        'town_id', r.town_id, 'submitted_at', r.submitted_at)
       FROM ${idempotencyKeys} k JOIN ${responses} r ON r.id = k.response_id JOIN ${surveyVersions} v ON v.id = r.survey_version_id
       WHERE k.key = ${$('key')}),
    (SELECT json_object('fingerprint', d.fingerprint, 'receipt', d.receipt, 'survey_id', d.survey_id, 'version_id', d.version_id,
                        'town_id', d.town_id, 'submitted_at', d.submitted_at)
       FROM ${decoyReceipts} d WHERE d.key = ${$('key')})) AS stored,
  (SELECT json_object('opensAt', s.opens_at, 'closesAt', s.closes_at,
                      'versionId', (SELECT v.id FROM ${surveyVersions} v WHERE v.survey_id = s.id ORDER BY v.version DESC LIMIT 1))
     FROM ${surveys} s WHERE s.id = ${$('surveyId')}) AS survey,
  EXISTS (SELECT 1 FROM ${towns} t WHERE t.id = ${$('townId')}) AS town_exists`);

export async function readSubmissionState(db: Db, values: { key: string; surveyId: string; townId: string }): Promise<SubmissionState> {
  const row = await bound(db, STATE, values).first<{ stored: string | null; survey: string | null; town_exists: number }>();
  return {
    stored: row?.stored ? (JSON.parse(row.stored) as StoredReceipt) : null,
    survey: row?.survey ? JSON.parse(row.survey) : null,
    townExists: row?.town_exists === 1,
  };
}

const CATCH = compile(sql`INSERT INTO ${honeypotCatches} (day, survey_id, n) VALUES (${$('day')}, ${$('surveyId')}, 1)
  ON CONFLICT (day, survey_id) DO UPDATE SET n = honeypot_catches.n + 1`);
const DECOY = compile(sql`INSERT INTO ${decoyReceipts} (key, fingerprint, receipt, survey_id, version_id, town_id, submitted_at)
  VALUES (${$('key')}, ${$('fingerprint')}, ${$('receipt')}, ${$('surveyId')}, ${$('versionId')}, ${$('townId')}, ${$('submittedAt')})`);

/** A submission caught by the honeypot: counted (the day in UTC) and its receipt kept, in one batch; nothing of its answers. */
export async function writeDecoy(db: Db, d: { key: string; fingerprint: string; receipt: string; surveyId: string; versionId: string; townId: string; submittedAt: string }): Promise<void> {
  await db.$client.batch([bound(db, CATCH, { day: d.submittedAt.slice(0, 10), surveyId: d.surveyId }), bound(db, DECOY, d)]);
}

/** The town a receipt is for, whether it stored a response or answered a decoy: the receipt page shows both alike. */
const RECEIPT = compile(sql`SELECT id, town_id AS townId FROM ${responses} WHERE id = ${$('receipt')}
  UNION ALL SELECT receipt, town_id FROM ${decoyReceipts} WHERE receipt = ${$('receipt')} LIMIT 1`);

export async function selectReceipt(db: Db, receipt: string): Promise<{ id: string; townId: string } | null> {
  return (await bound(db, RECEIPT, { receipt }).first<{ id: string; townId: string }>()) ?? null;
}
