import { type SQL, sql } from 'drizzle-orm';
import type { Db } from '../client.ts';
import { meta, towns } from '../schema.ts';
import {
  answers,
  decoyReceipts,
  duplicateSignals,
  enterpriseClaims,
  honeypotCatches,
  idempotencyKeys,
  publishedAnswers,
  publishedDimensions,
  publishedResponses,
  responses,
  rollupWaveAnswers,
  rollupWaveDimensions,
  rollupWaveResponses,
  surveys,
  surveyVersions,
  surveyWaves,
} from '../survey-schema.ts';
import { type Compiled, compile, runCompiledBatch, valuesFor } from './batch.ts';

export interface SubmissionWrite {
  id: string;
  surveyId: string;
  /** The wave the answers are for; stored only if it is still open at `submittedAt` and asks `surveyVersionId`. */
  waveId: string;
  /** The version the answers were checked against. */
  surveyVersionId: string;
  /** The wave's publication rule as read; stored only if the wave still has it (it decides which statements run). */
  publication: string;
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
  /** The enterprise's claim on (code, town) in this wave (services/surveys/enterprise-claim.ts), or null. */
  claimHash: string | null;
  /** The hash of (wave, day, network, answers) that marks a probable duplicate, or null where none is kept. */
  duplicateHash: string | null;
}

type Placeholder =
  | keyof SubmissionWrite
  | 'answerRows'
  | 'countedRows'
  | 'dimensionRows'
  | 'contactJson'
  | 'key'
  | 'day'
  | 'receipt'
  | 'versionId'
  | 'at';
const $ = (name: Placeholder) => sql.placeholder(name);

/** The wave published live in steps of 10 (the other rule, `after_close`, publishes the rollups as they stand). */
export const LIVE_IN_STEPS = 'live_in_steps';

/** This response counts in the results: it was stored and is not a probable duplicate. */
const COUNTED = sql`(SELECT probable_duplicate FROM ${responses} WHERE id = ${$('id')}) = 0`;

/*
 * The statements of a submission, built once: this is the service's busiest
 * write, and building its queries per request cost more CPU than running them.
 * D1 compiles every statement of a batch afresh, and compiling costs more than
 * running them (a submission writes a few dozen rows), so a submission runs
 * only the statements that can change something for it (see `statementsOf`),
 * each written to compile small: few subqueries, no clause that cannot apply.
 *
 * The response row is stored only if, inside the transaction, its wave is
 * still open at `submittedAt`, still asks the version the answers were
 * checked against and still has the publication rule that chose the
 * statements; otherwise its survey_version_id is NULL and the whole batch
 * fails (SURVEY_CHANGED). A town that does not exist fails the foreign key, a
 * used key or an enterprise's second answer in the wave a unique index. So
 * the caller may check the answers against a copy of the questionnaire it kept.
 *
 * A probable duplicate is stored (nothing is dropped) but counted apart. When
 * a town's count in a wave published live reaches a multiple of 10, its
 * rollups are copied to the published tables in the same transaction.
 *
 * Answers and rollups bind their rows as one JSON parameter each, so a
 * submission is the same few statements however long the questionnaire.
 */
const responseRow = (probableDuplicate: SQL) =>
  compile(sql`INSERT INTO ${responses} (id, survey_version_id, wave_id, town_id, submitted_at, contact, probable_duplicate) VALUES (${$('id')},
      (SELECT w.version_id FROM ${surveyWaves} w
        WHERE w.id = ${$('waveId')} AND w.survey_id = ${$('surveyId')} AND w.version_id = ${$('surveyVersionId')} AND w.publication = ${$('publication')}
          AND w.opens_at <= ${$('submittedAt')} AND (w.closes_at IS NULL OR ${$('submittedAt')} < w.closes_at)),
      ${$('waveId')}, ${$('townId')}, ${$('submittedAt')}, ${$('contactJson')}, ${probableDuplicate})`);
/** A response with a duplicate signal: a probable duplicate when the signal is already there. */
const SIGNALLED_RESPONSE_ROW = responseRow(sql`EXISTS (SELECT 1 FROM ${duplicateSignals} WHERE hash = ${$('duplicateHash')})`);
/** A response without one (the enterprise questionnaire keeps its claims instead): never a probable duplicate. */
const RESPONSE_ROW = responseRow(sql`0`);
/** The enterprise questionnaire's claim: a second answer of the enterprise for the town in the wave fails its key. */
const CLAIM = compile(sql`INSERT INTO ${enterpriseClaims} (hash, wave_id) VALUES (${$('claimHash')}, ${$('waveId')})`);
/** The public questionnaire's duplicate signal, after the response row that looked it up. */
const SIGNAL = compile(sql`INSERT OR IGNORE INTO ${duplicateSignals} (hash) VALUES (${$('duplicateHash')})`);
const ANSWERS_AND_ROLLUPS = [
  sql`INSERT INTO ${answers} (response_id, question_id, value)
      SELECT ${$('id')}, json_extract(value, '$[0]'), json_extract(value, '$[1]') FROM json_each(${$('answerRows')})`,
  // The count and the probable duplicates, read from the response row just stored (1 or 0 each).
  sql`INSERT INTO ${rollupWaveResponses} (wave_id, town_id, n, duplicates)
      SELECT wave_id, town_id, probable_duplicate = 0, probable_duplicate <> 0 FROM ${responses} WHERE id = ${$('id')}
      ON CONFLICT (wave_id, town_id) DO UPDATE SET n = n + excluded.n, duplicates = duplicates + excluded.duplicates`,
  // `WHERE` before ON CONFLICT also tells SQLite's parser that ON CONFLICT belongs to the INSERT, not to a join.
  sql`INSERT INTO ${rollupWaveAnswers} (wave_id, town_id, question_id, value, n)
      SELECT ${$('waveId')}, ${$('townId')}, json_extract(value, '$[0]'), json_extract(value, '$[1]'), 1
      FROM json_each(${$('countedRows')}) WHERE ${COUNTED}
      ON CONFLICT (wave_id, town_id, question_id, value) DO UPDATE SET n = n + 1`,
  sql`INSERT INTO ${rollupWaveDimensions} (wave_id, town_id, dimension, n, sum, sum_squares)
      SELECT ${$('waveId')}, ${$('townId')}, json_extract(value, '$[0]'), 1, json_extract(value, '$[1]'), json_extract(value, '$[1]') * json_extract(value, '$[1]')
      FROM json_each(${$('dimensionRows')}) WHERE ${COUNTED}
      ON CONFLICT (wave_id, town_id, dimension) DO UPDATE SET n = n + 1, sum = sum + excluded.sum, sum_squares = sum_squares + excluded.sum_squares`,
].map(compile);
/**
 * The town's published state made a copy of its rollups when this submission made its count a multiple of 10 (the
 * town's row of the responses rollup, joined first, is the gate: no other row is read when it is not a step). Each
 * table in one REPLACE, which copies exactly without deleting first because a town's published rows are always a
 * subset of its rollup rows: they are only ever copied from them, and nothing deletes a rollup row (counts only grow).
 */
const stepOf = (rollup: SQL, columns: SQL) =>
  sql`SELECT ${columns} FROM ${rollupWaveResponses} s JOIN ${rollup} r ON r.wave_id = s.wave_id AND r.town_id = s.town_id
      WHERE s.wave_id = ${$('waveId')} AND s.town_id = ${$('townId')} AND s.n % 10 = 0 AND ${COUNTED}`;
const PUBLISH_STEP = [
  sql`REPLACE INTO ${publishedResponses} (wave_id, town_id, n, duplicates)
      SELECT wave_id, town_id, n, duplicates FROM ${rollupWaveResponses} WHERE wave_id = ${$('waveId')} AND town_id = ${$('townId')} AND n % 10 = 0 AND ${COUNTED}`,
  sql`REPLACE INTO ${publishedAnswers} (wave_id, town_id, question_id, value, n) ${stepOf(sql`${rollupWaveAnswers}`, sql`r.wave_id, r.town_id, r.question_id, r.value, r.n`)}`,
  sql`REPLACE INTO ${publishedDimensions} (wave_id, town_id, dimension, n, sum, sum_squares)
      ${stepOf(sql`${rollupWaveDimensions}`, sql`r.wave_id, r.town_id, r.dimension, r.n, r.sum, r.sum_squares`)}`,
].map(compile);
const KEY_AND_VERSION = [
  sql`INSERT INTO ${idempotencyKeys} (key, fingerprint, response_id, created_at) VALUES (${$('idempotencyKey')}, ${$('fingerprint')}, ${$('id')}, ${$('submittedAt')})`,
  // Results caches (ETags) follow this version, so a new response is never hidden behind a stale copy.
  sql`REPLACE INTO ${meta} (key, value, updated_at) VALUES ('results_version', ${$('id')}, ${$('submittedAt')})`,
].map(compile);

/**
 * The statements this submission needs, in this order: the response row; the enterprise's claim or the duplicate
 * signal, whichever it has; the answers and the rollups; the published state, in a wave published live only (in
 * the other, a step is never taken); the Idempotency-Key and the results version.
 */
export function statementsOf(w: Pick<SubmissionWrite, 'claimHash' | 'duplicateHash' | 'publication'>): Compiled[] {
  return [
    w.duplicateHash === null ? RESPONSE_ROW : SIGNALLED_RESPONSE_ROW,
    ...(w.claimHash === null ? [] : [CLAIM]),
    ...(w.duplicateHash === null ? [] : [SIGNAL]),
    ...ANSWERS_AND_ROLLUPS,
    ...(w.publication === LIVE_IN_STEPS ? PUBLISH_STEP : []),
    ...KEY_AND_VERSION,
  ];
}

/** The response, its answers, every rollup and published state it changes, its claims, its Idempotency-Key and the results version, as one D1 batch: all of it is stored, or none. */
export async function writeSubmission(db: Db, w: SubmissionWrite): Promise<void> {
  const values = {
    ...w,
    contactJson: w.contact ? JSON.stringify(w.contact) : null,
    answerRows: JSON.stringify(w.answers.map((a) => [a.questionId, a.value])),
    countedRows: JSON.stringify(w.counted.map((a) => [a.questionId, a.value])),
    dimensionRows: JSON.stringify(w.dimensions.map((d) => [d.dimension, d.score])),
  };
  await runCompiledBatch(
    db,
    statementsOf(w).map((statement) => [statement, values]),
  );
}

/** How D1 words the refusal of the guarded response row above. */
export const SURVEY_CHANGED = /NOT NULL constraint failed: responses\.survey_version_id/;
/** How D1 words an enterprise's second answer for a town in a wave. */
export const ALREADY_CLAIMED = /UNIQUE constraint failed: enterprise_claims\.hash/;

/** A statement built once, with this request's values. */
function bound(db: Db, compiled: Compiled, values: Record<string, unknown>): D1PreparedStatement {
  return db.$client.prepare(compiled.sql).bind(...valuesFor(compiled, values));
}

/** What the stored receipt of an Idempotency-Key says. */
export interface StoredReceipt {
  fingerprint: string;
  receipt: string;
  survey_id: string;
  wave_id: string;
  version_id: string;
  town_id: string;
  submitted_at: string;
}

/** The wave of a survey open at an instant, as a submission needs it. */
export interface OpenWave {
  id: string;
  versionId: string;
  publication: string;
  opensAt: string;
  closesAt: string | null;
}

/** Everything a submission must know from D1 before it may spend the client's budget. */
export interface SubmissionState {
  /** The response this Idempotency-Key already stored (or the decoy it answered with), if any. */
  stored: StoredReceipt | null;
  surveyExists: boolean;
  /** The survey's wave open at the submission's instant, or null when none is. */
  wave: OpenWave | null;
  townExists: boolean;
}

/**
 * One statement, one round trip: whether the key was used, the survey's wave
 * open now, and whether the town exists. A submission reads this before the
 * rate limiter, so that a retry, an unknown town or a closed survey is
 * answered without spending a client's budget; the write batch checks the
 * wave and the town again, in its transaction.
 */
const STATE = compile(sql`SELECT
  COALESCE(
    (SELECT json_object('fingerprint', k.fingerprint, 'receipt', r.id, 'survey_id', v.survey_id, 'wave_id', r.wave_id, 'version_id', r.survey_version_id,
                        'town_id', r.town_id, 'submitted_at', r.submitted_at)
       FROM ${idempotencyKeys} k JOIN ${responses} r ON r.id = k.response_id JOIN ${surveyVersions} v ON v.id = r.survey_version_id
       WHERE k.key = ${$('key')}),
    (SELECT json_object('fingerprint', d.fingerprint, 'receipt', d.receipt, 'survey_id', d.survey_id, 'wave_id', d.wave_id, 'version_id', d.version_id,
                        'town_id', d.town_id, 'submitted_at', d.submitted_at)
       FROM ${decoyReceipts} d WHERE d.key = ${$('key')})) AS stored,
  EXISTS (SELECT 1 FROM ${surveys} s WHERE s.id = ${$('surveyId')}) AS survey_exists,
  (SELECT json_object('id', w.id, 'versionId', w.version_id, 'publication', w.publication, 'opensAt', w.opens_at, 'closesAt', w.closes_at)
     FROM ${surveyWaves} w WHERE w.survey_id = ${$('surveyId')} AND w.opens_at <= ${$('at')} AND (w.closes_at IS NULL OR ${$('at')} < w.closes_at)) AS wave,
  EXISTS (SELECT 1 FROM ${towns} t WHERE t.id = ${$('townId')}) AS town_exists`);

export async function readSubmissionState(
  db: Db,
  values: { key: string; surveyId: string; townId: string; at: string },
): Promise<SubmissionState> {
  const row = await bound(db, STATE, values).first<{
    stored: string | null;
    survey_exists: number;
    wave: string | null;
    town_exists: number;
  }>();
  return {
    stored: row?.stored ? (JSON.parse(row.stored) as StoredReceipt) : null,
    surveyExists: row?.survey_exists === 1,
    wave: row?.wave ? (JSON.parse(row.wave) as OpenWave) : null,
    townExists: row?.town_exists === 1,
  };
}

const CATCH = compile(sql`INSERT INTO ${honeypotCatches} (day, survey_id, n) VALUES (${$('day')}, ${$('surveyId')}, 1)
  ON CONFLICT (day, survey_id) DO UPDATE SET n = honeypot_catches.n + 1`);
const DECOY = compile(sql`INSERT INTO ${decoyReceipts} (key, fingerprint, receipt, survey_id, wave_id, version_id, town_id, submitted_at)
  VALUES (${$('key')}, ${$('fingerprint')}, ${$('receipt')}, ${$('surveyId')}, ${$('waveId')}, ${$('versionId')}, ${$('townId')}, ${$('submittedAt')})`);

/** A submission caught by the honeypot: counted (the day in UTC) and its receipt kept, in one batch; nothing of its answers. */
export async function writeDecoy(
  db: Db,
  d: {
    key: string;
    fingerprint: string;
    receipt: string;
    surveyId: string;
    waveId: string;
    versionId: string;
    townId: string;
    submittedAt: string;
  },
): Promise<void> {
  await db.$client.batch([bound(db, CATCH, { day: d.submittedAt.slice(0, 10), surveyId: d.surveyId }), bound(db, DECOY, d)]);
}

/** The town a receipt is for, whether it stored a response or answered a decoy: the receipt page shows both alike. */
const RECEIPT = compile(sql`SELECT id, town_id AS townId FROM ${responses} WHERE id = ${$('receipt')}
  UNION ALL SELECT receipt, town_id FROM ${decoyReceipts} WHERE receipt = ${$('receipt')} LIMIT 1`);

export async function selectReceipt(db: Db, receipt: string): Promise<{ id: string; townId: string } | null> {
  return (await bound(db, RECEIPT, { receipt }).first<{ id: string; townId: string }>()) ?? null;
}
