import type { z } from '@hono/zod-openapi';
import type { Db } from '../../db/client.ts';
import { writeSubmission } from '../../db/queries/submissions.ts';
import { selectIdempotencyKey } from '../../db/queries/surveys.ts';
import { selectTown } from '../../db/queries/towns.ts';
import { AppError } from '../../errors.ts';
import type { ReceiptSchema, SubmissionSchema } from '../../schemas/surveys.ts';
import { findSurvey, isOpen } from './definitions.ts';
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

/**
 * Validates and stores one questionnaire response. Safe to repeat: the same
 * Idempotency-Key and body return the first receipt and store nothing more.
 */
export async function submitResponse(db: Db, submission: Submission, ctx: SubmitContext): Promise<SubmitResult> {
  const fingerprint = await fingerprintOf(ctx.surveyId, submission);
  const previous = await replay(db, ctx.idempotencyKey, fingerprint);
  if (previous) return previous;

  if (submission.website) throw new AppError('submission-rejected', 'The submission was rejected.');
  if (ctx.limiter) {
    const { success } = await ctx.limiter.limit({ key: await ctx.clientKey() });
    if (!success) throw new AppError('rate-limited', 'Too many submissions from your network; please wait a minute.', { headers: { 'Retry-After': '60' } });
  }
  if (ctx.turnstileSecret) await verifyTurnstile(ctx.turnstileSecret, submission.turnstile_token, ctx.idempotencyKey);

  const survey = await findSurvey(db, ctx.surveyId);
  if (!(await selectTown(db, submission.town_id))) {
    throw new AppError('town-not-found', `No town has the id "${submission.town_id}".`, { errors: [{ name: 'town_id', in: 'body', detail: 'Unknown town' }] });
  }
  if (!isOpen(survey, ctx.now)) {
    throw new AppError('survey-closed', `The survey "${survey.id}" does not accept answers now (open ${survey.opensAt ?? 'any time'} to ${survey.closesAt ?? 'no end'}).`);
  }
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
  try {
    await writeSubmission(db, {
      id: receipt.receipt,
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
  } catch (err) {
    // A concurrent request with the same key won the race: its batch committed, ours rolled back whole.
    if (err instanceof Error && /UNIQUE constraint failed: idempotency_keys/.test(err.message + String((err as { cause?: unknown }).cause ?? ''))) {
      const winner = await replay(db, ctx.idempotencyKey, fingerprint);
      if (winner) return winner;
      throw new AppError('idempotency-in-progress', 'A request with this Idempotency-Key is in progress; retry shortly.', { headers: { 'Retry-After': '1' } });
    }
    throw err;
  }
  return { receipt, replayed: false };
}
