import type { Hook } from '@hono/zod-openapi';
import { FIELD_PROBLEM_CODES, type FieldProblem, type FieldProblemCode } from '../errors.ts';
import { problemResponse } from './problem.ts';

const WHERE: Record<string, FieldProblem['in']> = { query: 'query', param: 'path', header: 'header', json: 'body', form: 'body' };

interface Issue {
  code: string;
  path: PropertyKey[];
  message: string;
  keys?: string[];
  params?: Record<string, unknown>;
}

/** How to send what is missing, where a bare "required" would leave a developer guessing. */
const HOW_TO_SEND: Record<string, string> = {
  'idempotency-key':
    'Missing: send an Idempotency-Key header with a new unique value (8–200 printable ASCII characters, e.g. a UUID) for each submission, and the same value only to retry it.',
};

/** Zod says "Invalid input: expected string, received undefined" of a field that was not sent at all. */
function missing(issue: Issue): boolean {
  return issue.code === 'invalid_type' && /received undefined$/.test(issue.message);
}

/**
 * The kind of problem a zod issue is. A schema's own check (a custom issue) names its kind in
 * `params.code`, since zod cannot tell a missing field from any other refusal of a refinement.
 */
function codeOf(issue: Issue): FieldProblemCode {
  if (missing(issue)) return 'required';
  const own = issue.params?.code;
  if ((FIELD_PROBLEM_CODES as readonly unknown[]).includes(own)) return own as FieldProblemCode;
  if (issue.code === 'too_small') return 'too-small';
  if (issue.code === 'too_big') return 'too-big';
  return 'invalid';
}

/** Zod issues as `errors[]` entries that name the parameter, in words a developer can act on. */
export function fieldProblems(issues: Issue[], target: string): FieldProblem[] {
  const where = WHERE[target] ?? 'body';
  return issues.flatMap((issue) => {
    if (issue.code === 'unrecognized_keys' && issue.keys)
      return issue.keys.map((key) => ({ name: key, in: where, code: 'unknown' as const, detail: 'Unknown parameter' }));
    const name = issue.path.map(String).join('.') || target;
    const detail = missing(issue)
      ? (HOW_TO_SEND[name] ?? `Missing: this ${where === 'body' ? 'field' : `${where} parameter`} is required`)
      : issue.message;
    return [{ name, in: where, code: codeOf(issue), detail }];
  });
}

/** "Invalid as_of: Must be a real calendar date…", or each parameter with its problem when there are several. */
export function problemDetail(errors: FieldProblem[]): string {
  if (errors.length === 1) return `Invalid ${errors[0]!.name}: ${errors[0]!.detail}`;
  return `${errors.length} invalid parameters: ${errors.map((e) => `${e.name}: ${e.detail}`).join('; ')}`;
}

/** The one validation-error format of every route: 400 problem+json naming each bad parameter. */
export const validationHook: Hook<unknown, never, string, unknown> = (result, c) => {
  if (result.success) return;
  const errors = fieldProblems(result.error.issues as Issue[], result.target);
  return problemResponse('invalid-parameter', problemDetail(errors), {
    instance: new URL(c.req.url).pathname,
    errors,
  });
};
