import type { ErrorCode, FieldProblem } from '../errors.ts';
import { currentScope } from '../lib/request-scope.ts';

/** Status and title of each error code; the `type` URI is derived from the code and never changes. */
export const PROBLEMS: Record<ErrorCode, { status: number; title: string }> = {
  'invalid-parameter': { status: 400, title: 'Invalid request parameter' },
  'invalid-path': { status: 400, title: 'Invalid path' },
  'invalid-cursor': { status: 400, title: 'Invalid pagination cursor' },
  'list-not-found': { status: 404, title: 'List not found' },
  'town-not-found': { status: 404, title: 'Town not found' },
  'not-found': { status: 404, title: 'Not found' },
  'snapshot-gone': { status: 410, title: 'Snapshot no longer served' },
  'method-not-allowed': { status: 405, title: 'Method not allowed' },
  'survey-not-found': { status: 404, title: 'Survey not found' },
  'survey-closed': { status: 409, title: 'Survey closed' },
  'already-answered': { status: 409, title: 'Already answered' },
  'already-decided': { status: 409, title: 'Already decided' },
  'consent-required': { status: 400, title: 'Consent required' },
  'invalid-answers': { status: 400, title: 'Invalid answers' },
  'idempotency-key-reused': { status: 422, title: 'Idempotency-Key reused with another request' },
  'idempotency-in-progress': { status: 409, title: 'Request with this Idempotency-Key in progress' },
  'rate-limited': { status: 429, title: 'Too many requests' },
  'submission-rejected': { status: 400, title: 'Submission rejected' },
  'verification-failed': { status: 403, title: 'Human verification failed' },
  unauthorized: { status: 401, title: 'Authentication required' },
  forbidden: { status: 403, title: 'Forbidden' },
  'payload-too-large': { status: 413, title: 'Payload too large' },
  'unsupported-media-type': { status: 415, title: 'Unsupported media type' },
  'already-exists': { status: 409, title: 'Already exists' },
  'unknown-reference': { status: 422, title: 'Unknown reference' },
  'write-rejected': { status: 422, title: 'Write rejected by the rules of the lists' },
  'service-unavailable': { status: 503, title: 'Service temporarily unavailable' },
  'internal-error': { status: 500, title: 'Internal error' },
};

export const PROBLEM_CONTENT_TYPE = 'application/problem+json; charset=utf-8';

export function problemType(code: ErrorCode): string {
  return `urn:tesexiaozhen:problem:${code}`;
}

export interface ProblemBody {
  type: string;
  title: string;
  status: number;
  detail: string;
  instance?: string;
  errors?: FieldProblem[];
  /** The request's id (X-Request-Id, and every log line of the request): what a client quotes when reporting it. */
  request_id?: string;
}

/**
 * An RFC 9457 problem response, with the id of the request being served (an extension member). The id comes from
 * the request scope (lib/request-scope.ts), so the many callers without the request's context need not pass it;
 * outside a request (a unit test of a bare handler) there is none and the member is left out.
 */
export function problemResponse(
  code: ErrorCode,
  detail: string,
  options: { instance?: string; errors?: FieldProblem[]; headers?: Record<string, string> } = {},
): Response {
  const { status, title } = PROBLEMS[code];
  const body: ProblemBody = { type: problemType(code), title, status, detail };
  if (options.instance) body.instance = options.instance;
  if (options.errors?.length) body.errors = options.errors;
  const requestId = currentScope()?.id;
  if (requestId) body.request_id = requestId;
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'Content-Type': PROBLEM_CONTENT_TYPE, 'Cache-Control': 'no-store', ...options.headers },
  });
}
