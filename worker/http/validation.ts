import type { Hook } from '@hono/zod-openapi';
import type { FieldProblem } from '../errors.ts';
import { problemResponse } from './problem.ts';

const WHERE: Record<string, FieldProblem['in']> = { query: 'query', param: 'path', header: 'header', json: 'body', form: 'body' };

interface Issue {
  code: string;
  path: PropertyKey[];
  message: string;
  keys?: string[];
}

/** Zod issues as `errors[]` entries that name the parameter, in words a developer can act on. */
export function fieldProblems(issues: Issue[], target: string): FieldProblem[] {
  const where = WHERE[target] ?? 'body';
  return issues.flatMap((issue) =>
    issue.code === 'unrecognized_keys' && issue.keys
      ? issue.keys.map((key) => ({ name: key, in: where, detail: 'Unknown parameter' }))
      : [{ name: issue.path.map(String).join('.') || target, in: where, detail: issue.message }],
  );
}

/** The one validation-error format of every route: 400 problem+json naming each bad parameter. */
export const validationHook: Hook<unknown, never, string, unknown> = (result, c) => {
  if (result.success) return;
  const errors = fieldProblems(result.error.issues as Issue[], result.target);
  const names = [...new Set(errors.map((e) => e.name))].join(', ');
  return problemResponse('invalid-parameter', `Invalid ${names}: ${errors.map((e) => `${e.name}: ${e.detail}`).join('; ')}`, {
    instance: new URL(c.req.url).pathname,
    errors,
  });
};
