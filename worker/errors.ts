/**
 * Every error the service reports on purpose. Services throw these; the HTTP
 * layer (http/problem.ts) turns the code into problem+json once.
 */
export type ErrorCode =
  | 'invalid-parameter'
  | 'invalid-path'
  | 'invalid-cursor'
  | 'list-not-found'
  | 'town-not-found'
  | 'not-found'
  | 'snapshot-gone'
  | 'method-not-allowed'
  | 'survey-not-found'
  | 'survey-closed'
  | 'already-answered'
  | 'already-decided'
  | 'consent-required'
  | 'invalid-answers'
  | 'idempotency-key-reused'
  | 'idempotency-in-progress'
  | 'rate-limited'
  | 'submission-rejected'
  | 'verification-failed'
  | 'unauthorized'
  | 'forbidden'
  | 'payload-too-large'
  | 'unsupported-media-type'
  | 'already-exists'
  | 'unknown-reference'
  | 'write-rejected'
  | 'service-unavailable'
  | 'internal-error';

/**
 * What kind of problem a field has, for a client that says it in its own words (the site translates it; the
 * English `detail` stays for developers): not sent, not a value it may have, naming something that does not
 * exist, chosen twice, below a minimum or above a maximum (of a size, a length or a number).
 */
export const FIELD_PROBLEM_CODES = ['required', 'invalid', 'unknown', 'duplicate', 'too-small', 'too-big'] as const;
export type FieldProblemCode = (typeof FIELD_PROBLEM_CODES)[number];

/** One problem with one request field, reported in `errors[]`. */
export interface FieldProblem {
  /** Parameter or body field, e.g. `limit` or `answers.q3`. */
  name: string;
  in: 'query' | 'path' | 'header' | 'body';
  /** Given by request validation and by the check of a questionnaire's answers; other problems say it in `detail` only. */
  code?: FieldProblemCode;
  detail: string;
}

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly detail: string;
  readonly errors?: FieldProblem[];
  readonly headers?: Record<string, string>;

  constructor(code: ErrorCode, detail: string, extra: { errors?: FieldProblem[]; headers?: Record<string, string> } = {}) {
    super(detail);
    this.name = 'AppError';
    this.code = code;
    this.detail = detail;
    this.errors = extra.errors;
    this.headers = extra.headers;
  }
}
