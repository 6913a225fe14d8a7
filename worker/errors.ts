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
 * English `detail` stays for developers).
 */
export const FIELD_PROBLEM_CODES = [
  /** Not sent, or a consent that must be given is not. */
  'required',
  /** Sent, but not a value it may have (a type, a format, a choice outside the allowed ones). */
  'invalid',
  /** A field, question or option the request must not carry: it does not exist there. */
  'unknown',
  /** The same choice twice. */
  'duplicate',
  /** Below a minimum: of a size, a length or a number. */
  'too-small',
  /** Above a maximum: of a size, a length or a number. */
  'too-big',
  /** Names something that does not exist (a town, list, source, wave, version). */
  'not-found',
  /** Collides with what is stored: an id already used, an overlapping wave, a change the stored responses forbid. */
  'conflict',
] as const;
export type FieldProblemCode = (typeof FIELD_PROBLEM_CODES)[number];

/** One problem with one request field, reported in `errors[]`. */
export interface FieldProblem {
  /** Parameter or body field, e.g. `limit` or `answers.q3`. */
  name: string;
  in: 'query' | 'path' | 'header' | 'body';
  /** Its kind, always given, so a client can word every problem itself. */
  code: FieldProblemCode;
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
