import type { Context, MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { csrf } from 'hono/csrf';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { AppEnv } from '../worker/env.ts';
import { SUBMISSION_MAX_BYTES } from '../worker/http/survey-context.ts';
import { problemStatus } from './error-pages.tsx';

/** Why a posted form was refused before it could be read. */
export type Refusal = 'forbidden' | 'tooLarge' | 'badForm';

/** The page a form's route answers a refusal with: its own words, and the way back to its form. */
export type Refuse = (c: Context<AppEnv>, status: ContentfulStatusCode, kind: Refusal) => Promise<Response>;

const csrfCheck = csrf();

/** hono's csrf() (same origin, or Sec-Fetch-Site: same-origin), answered with a 403 page instead of an exception. */
export function sameSiteOnly(refuse: Refuse): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    let allowed = false;
    try {
      await csrfCheck(c, async () => {
        allowed = true;
      });
    } catch (err) {
      if (!(err instanceof HTTPException && err.status === 403)) throw err;
    }
    if (!allowed) return refuse(c, problemStatus('forbidden'), 'forbidden');
    await next();
  };
}

/** The JSON API's body limit (a streamed body is counted as it arrives), answered with a 413 page. */
export function withinLimit(refuse: Refuse): MiddlewareHandler<AppEnv> {
  return bodyLimit({
    maxSize: SUBMISSION_MAX_BYTES,
    onError: (c) => refuse(c as Context<AppEnv>, problemStatus('payload-too-large'), 'tooLarge'),
  });
}
