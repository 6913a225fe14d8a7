import type { Context, MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { AppError } from '../errors.ts';
import type { AppEnv } from '../env.ts';
import { log } from '../lib/log.ts';
import { clientKey } from '../services/surveys/client-key.ts';
import type { AbuseControls } from '../services/surveys/admit.ts';
import type { SubmitContext } from '../services/surveys/submit.ts';

/** The largest submission body, the same for the JSON API and the site's form (a questionnaire is a few KB). */
export const SUBMISSION_MAX_BYTES = 64 * 1024;

/** The JSON API's limit on a public write (a questionnaire's answers, a suggestion): a 413 problem beyond 64 KB. */
export function submissionBodyLimit(what: string): MiddlewareHandler {
  return bodyLimit({
    maxSize: SUBMISSION_MAX_BYTES,
    onError: () => {
      throw new AppError('payload-too-large', `${what} may not exceed 64 KB.`);
    },
  });
}

/**
 * The publication threshold from MIN_SAMPLE, 10 unless set: never below 10,
 * the step in which waves published live move, so that configuration cannot
 * publish a group smaller than the step that protects its respondents.
 */
export function minSample(env: { MIN_SAMPLE?: string }): number {
  const n = Number.parseInt(env.MIN_SAMPLE ?? '', 10);
  return Number.isFinite(n) && n >= 10 ? n : 10;
}

/**
 * What a public write needs from the request and the platform, the same for
 * the JSON API and the site's forms: the client network (only
 * CF-Connecting-IP is trusted), the rate limiter, Turnstile when configured,
 * and the clock.
 */
export function abuseControls(c: Context<AppEnv>, idempotencyKey: string): AbuseControls {
  const db = c.var.db;
  const now = new Date();
  const address = c.req.header('CF-Connecting-IP') ?? '127.0.0.1';
  return {
    idempotencyKey,
    clientKey: () => clientKey(db, address, now),
    limiter: c.env.SUBMISSION_LIMITER,
    turnstileSecret: c.env.TURNSTILE_SECRET || undefined,
    now,
  };
}

/** What a questionnaire submission needs: the abuse controls, the survey, and the enterprise waves' secrets. */
export function submitContext(c: Context<AppEnv>, surveyId: string, idempotencyKey: string): SubmitContext {
  return { ...abuseControls(c, idempotencyKey), surveyId, enterpriseSecrets: c.env.ENTERPRISE_WAVE_SECRETS };
}

/**
 * The Turnstile widget the site's questionnaires show, or null when
 * submissions are not verified (no TURNSTILE_SECRET). The site key is public
 * configuration (TURNSTILE_SITE_KEY); a secret without it is a mistake that
 * would refuse every answer, so the form then says it cannot be sent.
 */
export function turnstileWidget(env: { TURNSTILE_SECRET?: string; TURNSTILE_SITE_KEY?: string }): { siteKey: string } | null {
  if (!env.TURNSTILE_SECRET) return null;
  const siteKey = env.TURNSTILE_SITE_KEY?.trim() ?? '';
  if (!siteKey) log('error', 'TURNSTILE_SECRET is set but TURNSTILE_SITE_KEY is not: the questionnaires cannot be sent');
  return { siteKey };
}
