import type { z } from '@hono/zod-openapi';
import type { Db } from '../../db/client.ts';
import { SURVEY_CHANGED, writeSubmission } from '../../db/queries/submissions.ts';
import { selectIdempotencyKey, type SurveyRow } from '../../db/queries/surveys.ts';
import { selectTown } from '../../db/queries/towns.ts';
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
  /** True when the Idempotency-Key had already stored this submission. */
  replayed: boolean;
}

/** The parts of the body that make it "the same request"; tokens and the honeypot differ between retries. */
async function fingerprintOf(surveyId: string, s: Submission): Promise<string> {
  const canonical = JSON.stringify([surveyId, s.town_id, Object.entries(s.answers).sort(([a], [b]) => a.localeCompare(b)), s.consent, s.respondent ?? null]);
  return sha256Hex(canonical);
}

async function replay(db: Db, key: string, fingerprint: string): Promise<SubmitResult | null> {
  const stored = await selectIdempotencyKey(db, key);
  if (!stored) return null;
  if (stored.fingerprint !== fingerprint) {
    throw new AppError('idempotency-key-reused', 'This Idempotency-Key was used for a different submission. Use a new key for a new submission.');
  }
  const r = stored.response;
  return {
    replayed: true,
    receipt: { receipt: r.id, survey_id: stored.versionSurveyId, version_id: r.surveyVersionId, town_id: r.townId, submitted_at: r.submittedAt },
  };
}

/** D1's words for a write refused by a constraint (not a fault of D1 itself). */
function refusedBy(err: unknown, what: RegExp = /constraint failed/): boolean {
  return err instanceof Error && what.test(err.message + String((err as { cause?: unknown }).cause ?? ''));
}

/** The honeypot, the per-network limit and Turnstile: whether this request may submit at all. */
async function admit(submission: Submission, ctx: SubmitContext): Promise<void> {
  if (submission.website) throw new AppError('submission-rejected', 'The submission was rejected.');
  if (ctx.limiter) {
    const { success } = await ctx.limiter.limit({ key: await ctx.clientKey() });
    if (!success) throw new AppError('rate-limited', 'Too many submissions from your network; please wait a minute.', { headers: { 'Retry-After': '60' } });
  }
  if (ctx.turnstileSecret) await verifyTurnstile(ctx.turnstileSecret, submission.turnstile_token, ctx.idempotencyKey);
}

/** Checks the consent and the answers against `survey` and stores the response (the write re-checks the survey). */
async function store(db: Db, submission: Submission, ctx: SubmitContext, fingerprint: string, survey: SurveyRow): Promise<SubmitResult> {
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
  const receipt: Receipt = {
    receipt: `r-${crypto.randomUUID()}`,
    survey_id: survey.id,
    version_id: survey.versionId,
    town_id: submission.town_id,
    submitted_at: ctx.now.toISOString(),
  };
  await writeSubmission(db, {
    id: receipt.receipt,
    surveyId: survey.id,
    surveyVersionId: survey.versionId,
    townId: submission.town_id,
    submittedAt: receipt.submitted_at,
    contact: contact as Record<string, string> | null,
    answers: answers.flatMap((a) => a.values.map((value) => ({ questionId: a.question.id, value }))),
    counted: answers.filter((a) => a.question.type !== 'text').flatMap((a) => a.values.map((value) => ({ questionId: a.question.id, value }))),
    dimensions: [...dimensionScores(answers)].map(([dimension, score]) => ({ dimension, score })),
    idempotencyKey: ctx.idempotencyKey,
    fingerprint,
  });
  return { receipt, replayed: false };
}

/**
 * Validates and stores one questionnaire response. Safe to repeat: the same
 * Idempotency-Key and body return the first receipt and store nothing more.
 *
 * Most submissions cost one D1 batch: the answers are checked against this
 * isolate's copy of the survey, and the batch itself refuses them if that
 * copy is out of date (closed, new version), if the town does not exist, or if
 * the key was already used. Anything refused starts again on the careful
 * path, which reads everything from D1 first and explains the refusal.
 */
export async function submitResponse(db: Db, submission: Submission, ctx: SubmitContext): Promise<SubmitResult> {
  const fingerprint = await fingerprintOf(ctx.surveyId, submission);
  try {
    await admit(submission, ctx);
  } catch (err) {
    // A retry of a stored submission still gets its receipt, even when the retry itself is not admitted.
    const previous = await replay(db, ctx.idempotencyKey, fingerprint);
    if (previous) return previous;
    throw err;
  }

  const known = knownSurvey(ctx.surveyId);
  if (known && isOpen(known, ctx.now)) {
    try {
      return await store(db, submission, ctx, fingerprint, known);
    } catch (err) {
      if (!(err instanceof AppError) && !refusedBy(err)) throw err;
    }
  }

  // The careful path: the stored receipt of a retry first, then the survey and the town as D1 has them now.
  // A survey that closes or takes a new version between this read and the write is read again.
  for (let attempt = 1; ; attempt++) {
    const previous = await replay(db, ctx.idempotencyKey, fingerprint);
    if (previous) return previous;
    const survey = await findSurvey(db, ctx.surveyId);
    if (!(await selectTown(db, submission.town_id))) {
      throw new AppError('town-not-found', `No town has the id "${submission.town_id}".`, { errors: [{ name: 'town_id', in: 'body', detail: 'Unknown town' }] });
    }
    if (!isOpen(survey, ctx.now)) {
      throw new AppError('survey-closed', `The survey "${survey.id}" does not accept answers now (open ${survey.opensAt ?? 'any time'} to ${survey.closesAt ?? 'no end'}).`);
    }
    try {
      return await store(db, submission, ctx, fingerprint, survey);
    } catch (err) {
      // A concurrent request with the same key won the race: its batch committed, ours rolled back whole.
      if (refusedBy(err, /UNIQUE constraint failed: idempotency_keys/)) {
        const winner = await replay(db, ctx.idempotencyKey, fingerprint);
        if (winner) return winner;
        throw new AppError('idempotency-in-progress', 'A request with this Idempotency-Key is in progress; retry shortly.', { headers: { 'Retry-After': '1' } });
      }
      if (!refusedBy(err, SURVEY_CHANGED)) throw err;
      if (attempt === 3) throw new AppError('service-unavailable', 'The survey is being changed; retry shortly.', { headers: { 'Retry-After': '1' } });
    }
  }
}
