import type { Context, MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { config } from '../config.ts';
import type { AppEnv } from '../env.ts';
import { AppError } from '../errors.ts';
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
 * What a public write needs from the request and the platform, the same for
 * the JSON API and the site's forms: the client network (only
 * CF-Connecting-IP is trusted), the rate limiter, Turnstile when configured,
 * and the clock.
 */
export function abuseControls(c: Context<AppEnv>, idempotencyKey: string): AbuseControls {
  return {
    idempotencyKey,
    clientAddress: c.req.header('CF-Connecting-IP') ?? '127.0.0.1',
    limiter: c.env.SUBMISSION_LIMITER,
    turnstileSecret: config(c.env).turnstileSecret,
    now: new Date(),
  };
}

/** What a questionnaire submission needs: the abuse controls, the survey, and the enterprise waves' secrets. */
export function submitContext(c: Context<AppEnv>, surveyId: string, idempotencyKey: string): SubmitContext {
  return { ...abuseControls(c, idempotencyKey), surveyId, enterpriseSecrets: () => config(c.env).enterpriseWaveSecrets };
}
