import type { z } from '@hono/zod-openapi';
import type { Db } from '../../db/client.ts';
import { readSubmissionState, SURVEY_CHANGED, writeDecoy, writeSubmission, type StoredReceipt, type SubmissionState, type SubmissionWrite } from '../../db/queries/submissions.ts';
import type { SurveyRow } from '../../db/queries/surveys.ts';
import { AppError } from '../../errors.ts';
import type { ReceiptSchema, SubmissionSchema } from '../../schemas/surveys.ts';
import { findSurvey, isOpen } from './definitions.ts';
import { knownSurvey } from './known-surveys.ts';
import { dimensionScores } from './statistics.ts';
import { verifyTurnstile } from './turnstile.ts';
import { validateAnswers } from './validate-answers.ts';
import { sha256Hex } from '../../lib/hash.ts';

export type Submission = z.infer<typeof SubmissionSchema>;
export type Receipt = z.infer<typeof ReceiptSchema>;

export interface SubmitContext {
  surveyId: string;
  idempotencyKey: string;
  /** Salted hash of the client network; see client-key.ts. */
  clientKey: () => Promise<string>;
  limiter?: RateLimit;
  turnstileSecret?: string;
  now: Date;
}

export interface SubmitResult {
  receipt: Receipt;
  /** True when the Idempotency-Key had already stored this submission (or answered it as a decoy). */
  replayed: boolean;
}

/** The parts of the body that make it "the same request"; tokens and the honeypot differ between retries. */
async function fingerprintOf(surveyId: string, s: Submission): Promise<string> {
  const canonical = JSON.stringify([surveyId, s.town_id, Object.entries(s.answers).sort(([a], [b]) => a.localeCompare(b)), s.consent, s.respondent ?? null]);
  return sha256Hex(canonical);
}

/** The receipt a key already stored, or 422 when that key stored another submission. */
function replayOf(stored: StoredReceipt, fingerprint: string): SubmitResult {
  if (stored.fingerprint !== fingerprint) {
    throw new AppError('idempotency-key-reused', 'This Idempotency-Key was used for a different submission. Use a new key for a new submission.');
  }
  const { fingerprint: _, ...receipt } = stored;
  return { receipt, replayed: true };
}

/** D1's words for a write refused by a constraint (not a fault of D1 itself). */
function refusedBy(err: unknown, what: RegExp = /constraint failed/): boolean {
  return err instanceof Error && what.test(err.message + String((err as { cause?: unknown }).cause ?? ''));
}

/**
 * The survey as D1 has it now: its window from `state`, its definition from
 * this isolate's copy when that is still the current version (a version's
 * definition never changes), otherwise read again.
 */
async function currentSurvey(db: Db, id: string, state: SubmissionState): Promise<SurveyRow> {
  if (!state.survey?.versionId) return findSurvey(db, id); // throws survey-not-found
  const known = knownSurvey(id);
  const row = known?.versionId === state.survey.versionId ? known : await findSurvey(db, id);
  return { ...row, opensAt: state.survey.opensAt, closesAt: state.survey.closesAt };
}

/** The survey, town and window checks: each refusal explained, before anything is spent. */
function checkTarget(survey: SurveyRow, submission: Submission, state: SubmissionState, now: Date): void {
  if (!state.townExists) {
    throw new AppError('town-not-found', `No town has the id "${submission.town_id}".`, { errors: [{ name: 'town_id', in: 'body', detail: 'Unknown town' }] });
  }
  if (!isOpen(survey, now)) {
    throw new AppError('survey-closed', `The survey "${survey.id}" does not accept answers now (open ${survey.opensAt ?? 'any time'} to ${survey.closesAt ?? 'no end'}).`);
  }
}

/** Checks the consent and the answers against `survey`: the rows to store, or a 400 naming every problem. */
function prepare(submission: Submission, survey: SurveyRow): Pick<SubmissionWrite, 'contact' | 'answers' | 'counted' | 'dimensions'> {
  if (!submission.consent.participation) {
    throw new AppError('consent-required', 'Answers are stored only with the respondent\'s consent (consent.participation = true).', {
      errors: [{ name: 'consent.participation', in: 'body', detail: 'Must be true' }],
    });
  }
  const contact = submission.respondent && Object.values(submission.respondent).some((v) => v?.trim()) ? submission.respondent : null;
  if (contact && !submission.consent.contact) {
    throw new AppError('consent-required', 'Contact details are accepted only with consent to be contacted (consent.contact = true).', {
      errors: [{ name: 'consent.contact', in: 'body', detail: 'Must be true to send respondent details' }],
    });
  }
  const { answers, problems } = validateAnswers(survey.definition, submission.answers);
  if (problems.length) {
    throw new AppError('invalid-answers', `${problems.length} answer(s) need attention: ${problems.map((p) => p.name).join(', ')}.`, { errors: problems });
  }
  return {
    contact: contact as Record<string, string> | null,
    answers: answers.flatMap((a) => a.values.map((value) => ({ questionId: a.question.id, value }))),
    counted: answers.filter((a) => a.question.type !== 'text').flatMap((a) => a.values.map((value) => ({ questionId: a.question.id, value }))),
    dimensions: [...dimensionScores(answers)].map(([dimension, score]) => ({ dimension, score })),
  };
}

/**
 * Turnstile, then the per-network limit: the last gate before the write, so
 * that only a submission that is valid and about to be stored spends the
 * client's budget (the limiter binding can only consume, never peek).
 */
async function admit(submission: Submission, ctx: SubmitContext): Promise<void> {
  if (ctx.turnstileSecret) await verifyTurnstile(ctx.turnstileSecret, submission.turnstile_token, ctx.idempotencyKey);
  if (ctx.limiter) {
    const { success } = await ctx.limiter.limit({ key: await ctx.clientKey() });
    if (!success) throw new AppError('rate-limited', 'Too many submissions from your network; please wait a minute.', { headers: { 'Retry-After': '60' } });
  }
}

/**
 * A bot that filled the honeypot is answered exactly as if it had been stored
 * (a refusal would teach it to leave the field empty): it went through every
 * check and spent its budget like a real submission, and gets a receipt of the
 * same form. Only the catch is counted and the receipt kept (no answers), so
 * that what follows behaves as after a stored submission: a retry is a replay,
 * another body under the key is a 422, and the receipt page finds it.
 */
async function decoy(db: Db, submission: Submission, ctx: SubmitContext, fingerprint: string, survey: SurveyRow, receipt: Receipt): Promise<SubmitResult> {
  await writeDecoy(db, { key: ctx.idempotencyKey, fingerprint, receipt: receipt.receipt, surveyId: survey.id, versionId: survey.versionId, townId: submission.town_id, submittedAt: receipt.submitted_at });
  return { receipt, replayed: false };
}

/**
 * Validates and stores one questionnaire response. Safe to repeat: the same
 * Idempotency-Key and body return the first receipt and store nothing more.
 *
 * A submission costs one read and one write batch. The read (a single
 * statement) finds a retry's receipt, the survey's window and version and
 * the town, so that a retry, a 422, an unknown town, a closed survey and
 * invalid answers are all answered before the rate limiter, which counts
 * only what is about to be stored. The answers are checked against this
 * isolate's copy of the questionnaire when it is still the current version.
 * The write batch checks the version, the window, the town and the key again
 * in its own transaction; when one changed in between it is refused whole,
 * and the submission starts again from the read (without spending twice).
 */
export async function submitResponse(db: Db, submission: Submission, ctx: SubmitContext): Promise<SubmitResult> {
  const fingerprint = await fingerprintOf(ctx.surveyId, submission);
  let admitted = false;
  for (let attempt = 1; ; attempt++) {
    const state = await readSubmissionState(db, { key: ctx.idempotencyKey, surveyId: ctx.surveyId, townId: submission.town_id });
    if (state.stored) return replayOf(state.stored, fingerprint);
    const survey = await currentSurvey(db, ctx.surveyId, state);
    checkTarget(survey, submission, state, ctx.now);
    const rows = prepare(submission, survey);
    if (!admitted) await admit(submission, ctx);
    admitted = true;

    const receipt: Receipt = {
      receipt: `r-${crypto.randomUUID()}`,
      survey_id: survey.id,
      version_id: survey.versionId,
      town_id: submission.town_id,
      submitted_at: ctx.now.toISOString(),
    };
    try {
      if (submission.website) return await decoy(db, submission, ctx, fingerprint, survey, receipt);
      await writeSubmission(db, { ...rows, id: receipt.receipt, surveyId: survey.id, surveyVersionId: survey.versionId, townId: submission.town_id, submittedAt: receipt.submitted_at, idempotencyKey: ctx.idempotencyKey, fingerprint });
      return { receipt, replayed: false };
    } catch (err) {
      // A concurrent request with the same key won the race: its batch committed, ours rolled back whole.
      if (refusedBy(err, /UNIQUE constraint failed: (idempotency_keys|decoy_receipts)\.key/)) {
        const winner = await readSubmissionState(db, { key: ctx.idempotencyKey, surveyId: ctx.surveyId, townId: submission.town_id });
        if (winner.stored) return replayOf(winner.stored, fingerprint);
        throw new AppError('idempotency-in-progress', 'A request with this Idempotency-Key is in progress; retry shortly.', { headers: { 'Retry-After': '1' } });
      }
      // The survey closed or took a new version, or the town went, since the read: read again and explain.
      if (!refusedBy(err, SURVEY_CHANGED) && !refusedBy(err, /FOREIGN KEY constraint failed/)) throw err;
      if (attempt === 3) throw new AppError('service-unavailable', 'The survey is being changed; retry shortly.', { headers: { 'Retry-After': '1' } });
    }
  }
}
