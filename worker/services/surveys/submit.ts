import type { z } from '@hono/zod-openapi';
import type { WaveSecrets } from '../../config.ts';
import type { Db } from '../../db/client.ts';
import { refusedBy } from '../../db/errors.ts';
import {
  ALREADY_CLAIMED,
  type OpenWave,
  readSubmissionState,
  type StoredReceipt,
  SURVEY_CHANGED,
  type SubmissionState,
  type SubmissionWrite,
  writeDecoy,
  writeSubmission,
} from '../../db/queries/submissions.ts';
import { selectWaves } from '../../db/queries/waves.ts';
import { AppError } from '../../errors.ts';
import { sha256Hex } from '../../lib/hash.ts';
import type { SurveyDefinition } from '../../schemas/survey-definition.ts';
import type { ReceiptSchema, SubmissionSchema } from '../../schemas/surveys.ts';
import { type AbuseControls, type Admission, admit, withClientKey } from './admit.ts';
import { definitionsOf } from './definitions.ts';
import { enterpriseClaim } from './enterprise-claim.ts';
import { dimensionScores } from './statistics.ts';
import { validateAnswers } from './validate-answers.ts';

export type Submission = z.infer<typeof SubmissionSchema>;
export type Receipt = z.infer<typeof ReceiptSchema>;

export interface SubmitContext extends AbuseControls {
  surveyId: string;
  /**
   * Each enterprise wave's key for the claims (ENTERPRISE_WAVE_SECRETS, services/surveys/enterprise-claim.ts), read
   * only when an enterprise answer needs it: a submission to another survey never meets a mistake in them.
   */
  enterpriseSecrets: () => WaveSecrets;
}

export interface SubmitResult {
  receipt: Receipt;
  /** True when the Idempotency-Key had already stored this submission (or answered it as a decoy). */
  replayed: boolean;
}

/** The parts of the body that make it "the same request"; tokens and the honeypot differ between retries. */
async function fingerprintOf(surveyId: string, s: Submission): Promise<string> {
  const canonical = JSON.stringify([
    surveyId,
    s.town_id,
    Object.entries(s.answers).sort(([a], [b]) => a.localeCompare(b)),
    s.consent,
    s.respondent ?? null,
  ]);
  return sha256Hex(canonical);
}

/** The receipt a key already stored, or 422 when that key stored another submission. */
function replayOf(stored: StoredReceipt, fingerprint: string): SubmitResult {
  if (stored.fingerprint !== fingerprint) {
    throw new AppError(
      'idempotency-key-reused',
      'This Idempotency-Key was used for a different submission. Use a new key for a new submission.',
    );
  }
  const { fingerprint: _, ...receipt } = stored;
  return { receipt, replayed: true };
}

/** "2026-11-01 08:00 (Beijing time)": when a wave opens or closes, as a respondent in China reads it. */
function beijingTime(instant: string): string {
  const local = new Date(Date.parse(instant) + 8 * 3600 * 1000).toISOString();
  return `${local.slice(0, 10)} ${local.slice(11, 16)} Beijing time (${instant} UTC)`;
}

/** 409 for a submission outside every open wave, saying when the survey does accept answers. */
async function noOpenWave(db: Db, surveyId: string, now: Date): Promise<AppError> {
  const waves = await selectWaves(db, surveyId);
  const t = now.toISOString();
  const next = waves.find((w) => w.opensAt > t);
  const last = waves.filter((w) => w.closesAt && w.closesAt <= t).at(-1);
  const parts = [`The survey "${surveyId}" has no wave open now, so it accepts no answers.`];
  if (next) parts.push(`The next wave, ${next.nameEn} (${next.id}), opens ${beijingTime(next.opensAt)}.`);
  if (last) parts.push(`The last, ${last.nameEn} (${last.id}), closed ${beijingTime(last.closesAt!)}.`);
  return new AppError('survey-closed', parts.join(' '));
}

/**
 * What the answers are for, as D1 has it now: the wave open now and its
 * questionnaire (from this isolate's copy where it has one: a version never
 * changes), with each refusal explained before anything is spent.
 */
async function target(
  db: Db,
  submission: Submission,
  state: SubmissionState,
  ctx: SubmitContext,
): Promise<{ wave: OpenWave; definition: SurveyDefinition }> {
  if (!state.surveyExists)
    throw new AppError('survey-not-found', `No survey has the id "${ctx.surveyId}". GET /api/v1/surveys lists them.`);
  if (!state.townExists) {
    throw new AppError('town-not-found', `No town has the id "${submission.town_id}".`, {
      errors: [{ name: 'town_id', in: 'body', code: 'not-found', detail: 'Unknown town' }],
    });
  }
  if (!state.wave) throw await noOpenWave(db, ctx.surveyId, ctx.now);
  const definition = (await definitionsOf(db, [state.wave.versionId])).get(state.wave.versionId)!;
  return { wave: state.wave, definition };
}

/**
 * An enterprise's claim on answering for this town in this wave: its code is
 * required by the enterprise questionnaire and refused by the public one, and
 * only the claim's keyed hash goes to the write (never the code itself).
 */
async function claimOf(submission: Submission, definition: SurveyDefinition, wave: OpenWave, ctx: SubmitContext): Promise<string | null> {
  const code = submission.enterprise_code;
  if (definition.audience !== 'enterprise') {
    if (code !== undefined)
      throw new AppError('invalid-parameter', 'enterprise_code belongs to the enterprise questionnaire only.', {
        errors: [{ name: 'enterprise_code', in: 'body', code: 'unknown', detail: 'Not asked by this questionnaire' }],
      });
    return null;
  }
  if (!code) {
    throw new AppError(
      'invalid-parameter',
      "The enterprise questionnaire needs the enterprise's unified social credit code (enterprise_code), to keep one answer per enterprise; it is never stored.",
      {
        errors: [
          { name: 'enterprise_code', in: 'body', code: 'required', detail: 'Required: the 18-character unified social credit code' },
        ],
      },
    );
  }
  return enterpriseClaim(ctx.enterpriseSecrets(), wave.id, code, submission.town_id);
}

/** Checks the consent and the answers against the questionnaire: the rows to store, or a 400 naming every problem. */
function prepare(
  submission: Submission,
  definition: SurveyDefinition,
): Pick<SubmissionWrite, 'contact' | 'answers' | 'counted' | 'dimensions'> {
  if (!submission.consent.participation) {
    throw new AppError('consent-required', "Answers are stored only with the respondent's consent (consent.participation = true).", {
      errors: [{ name: 'consent.participation', in: 'body', code: 'required', detail: 'Must be true' }],
    });
  }
  const contact = submission.respondent && Object.values(submission.respondent).some((v) => v?.trim()) ? submission.respondent : null;
  if (contact && !submission.consent.contact) {
    throw new AppError('consent-required', 'Contact details are accepted only with consent to be contacted (consent.contact = true).', {
      errors: [{ name: 'consent.contact', in: 'body', code: 'required', detail: 'Must be true to send respondent details' }],
    });
  }
  const { answers, problems } = validateAnswers(definition, submission.answers);
  if (problems.length) {
    throw new AppError('invalid-answers', `${problems.length} answer(s) need attention: ${problems.map((p) => p.name).join(', ')}.`, {
      errors: problems,
    });
  }
  return {
    contact: contact as Record<string, string> | null,
    answers: answers.flatMap((a) => a.values.map((value) => ({ questionId: a.question.id, value }))),
    counted: answers
      .filter((a) => a.question.type !== 'text')
      .flatMap((a) => a.values.map((value) => ({ questionId: a.question.id, value }))),
    dimensions: [...dimensionScores(answers)].map(([dimension, score]) => ({ dimension, score })),
  };
}

/**
 * A bot that filled the honeypot is answered exactly as if it had been stored
 * (a refusal would teach it to leave the field empty): it went through every
 * check and spent its budget like a real submission, and gets a receipt of the
 * same form. Only the catch is counted and the receipt kept (no answers), so
 * that what follows behaves as after a stored submission: a retry is a replay,
 * another body under the key is a 422, and the receipt page finds it.
 */
async function decoy(db: Db, ctx: SubmitContext, fingerprint: string, receipt: Receipt): Promise<SubmitResult> {
  await writeDecoy(db, {
    key: ctx.idempotencyKey,
    fingerprint,
    receipt: receipt.receipt,
    surveyId: receipt.survey_id,
    waveId: receipt.wave_id,
    versionId: receipt.version_id,
    townId: receipt.town_id,
    submittedAt: receipt.submitted_at,
  });
  return { receipt, replayed: false };
}

/**
 * The mark of a probable duplicate (public survey only): a hash of the wave,
 * the day, the client network's key of the day (itself an HMAC under a salt
 * deleted the next day), the town and the answers. The same answers about the
 * same town from the same network on the same day in the wave give the same
 * hash; once the day's salt is gone, nobody can recompute it, and nothing in
 * it leads to a response. The town is in it because the results it protects
 * are a town's: the same answers about another town add nothing to the
 * first town's results, and are not a copy of that response.
 */
async function duplicateHash(
  audience: string,
  waveId: string,
  submission: Submission,
  ctx: Admission<SubmitContext>,
): Promise<string | null> {
  if (audience !== 'public') return null;
  const answers = Object.entries(submission.answers).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return sha256Hex(
    JSON.stringify(['duplicate', waveId, ctx.now.toISOString().slice(0, 10), await ctx.clientKey(), submission.town_id, answers]),
  );
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
export async function submitResponse(db: Db, submission: Submission, context: SubmitContext): Promise<SubmitResult> {
  const ctx = withClientKey(db, context);
  const fingerprint = await fingerprintOf(ctx.surveyId, submission);
  const read = () =>
    readSubmissionState(db, { key: ctx.idempotencyKey, surveyId: ctx.surveyId, townId: submission.town_id, at: ctx.now.toISOString() });
  let admitted = false;
  for (let attempt = 1; ; attempt++) {
    const state = await read();
    if (state.stored) return replayOf(state.stored, fingerprint);
    const { wave, definition } = await target(db, submission, state, ctx);
    const rows = prepare(submission, definition);
    const claimHash = await claimOf(submission, definition, wave, ctx);
    if (!admitted) await admit(ctx, submission.turnstile_token);
    admitted = true;

    const receipt: Receipt = {
      receipt: `r-${crypto.randomUUID()}`,
      survey_id: ctx.surveyId,
      wave_id: wave.id,
      version_id: wave.versionId,
      town_id: submission.town_id,
      submitted_at: ctx.now.toISOString(),
    };
    try {
      if (submission.website) return await decoy(db, ctx, fingerprint, receipt);
      await writeSubmission(db, {
        ...rows,
        id: receipt.receipt,
        surveyId: ctx.surveyId,
        waveId: wave.id,
        surveyVersionId: wave.versionId,
        publication: wave.publication,
        townId: submission.town_id,
        submittedAt: receipt.submitted_at,
        idempotencyKey: ctx.idempotencyKey,
        fingerprint,
        claimHash,
        duplicateHash: await duplicateHash(definition.audience, wave.id, submission, ctx),
      });
      return { receipt, replayed: false };
    } catch (err) {
      // A concurrent request with the same key won the race: its batch committed, ours rolled back whole.
      if (refusedBy(err, /UNIQUE constraint failed: (idempotency_keys|decoy_receipts)\.key/)) {
        const winner = await read();
        if (winner.stored) return replayOf(winner.stored, fingerprint);
        throw new AppError('idempotency-in-progress', 'A request with this Idempotency-Key is in progress; retry shortly.', {
          headers: { 'Retry-After': '1' },
        });
      }
      if (refusedBy(err, ALREADY_CLAIMED)) {
        throw new AppError(
          'already-answered',
          'This enterprise has already answered the questionnaire for this town in this wave. One answer per enterprise, town and wave is counted.',
          {
            errors: [{ name: 'enterprise_code', in: 'body', code: 'conflict', detail: 'Already answered for this town in this wave' }],
          },
        );
      }
      // The wave closed or changed, or the town went, since the read: read again and explain.
      if (!refusedBy(err, SURVEY_CHANGED) && !refusedBy(err, /FOREIGN KEY constraint failed/)) throw err;
      if (attempt === 3)
        throw new AppError('service-unavailable', 'The survey is being changed; retry shortly.', { headers: { 'Retry-After': '1' } });
    }
  }
}
