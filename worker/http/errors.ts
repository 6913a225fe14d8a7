import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { AppError } from '../errors.ts';
import { log } from '../lib/log.ts';
import { errorChain, loggable } from '../lib/loggable-error.ts';
import { problemResponse } from './problem.ts';

/** D1 says so when its queue is full or a query ran out of time: the client should come back later. */
const BUSY = /overloaded|storage operation exceeded timeout|Network connection lost|reset because its code was updated|transient issue/i;

/**
 * The only place errors become responses. Known errors keep their code; an
 * unknown one is logged and answered with a generic 500 that reveals nothing.
 */
export function handleError(err: Error, c: Context): Response {
  const instance = new URL(c.req.url).pathname;
  if (err instanceof AppError) {
    return problemResponse(err.code, err.detail, { instance, errors: err.errors, headers: err.headers });
  }
  if (err instanceof HTTPException) {
    const status = err.status;
    // hono's bodyLimit throws this when no onError of ours answers first: the body is too large, not malformed.
    if (status === 413) return problemResponse('payload-too-large', 'The request body is too large.', { instance });
    // A refusal (e.g. hono's csrf() on a cross-site form post) is not a malformed request.
    if (status === 403) return problemResponse('forbidden', err.message || 'This request is not allowed.', { instance });
    if (status >= 400 && status < 500) return problemResponse('invalid-parameter', err.message || 'Bad request.', { instance });
  }
  // D1's message may be drizzle's error's cause; and drizzle's message carries the query's values, never logged.
  const text = errorChain(err);
  // A bookmark is echoed from a client; D1 refusing one is the client's error, not ours.
  if (/bookmark/i.test(text)) {
    return problemResponse('invalid-parameter', 'The x-d1-bookmark header is not a bookmark this service gave.', {
      instance,
      errors: [{ name: 'x-d1-bookmark', in: 'header', code: 'invalid', detail: 'Unknown or malformed bookmark' }],
    });
  }
  if (BUSY.test(text)) {
    log('warn', 'database busy', { status: 503, error: text });
    return problemResponse('service-unavailable', 'The database is busy. Please retry shortly.', {
      instance,
      headers: { 'Retry-After': '2' },
    });
  }
  log('error', 'unhandled error', { status: 500, error: loggable(err) });
  return problemResponse('internal-error', 'An unexpected error occurred. It has been logged.', { instance });
}
