import type { FieldProblem, FieldProblemCode } from '../../errors.ts';
import type { ImportProblem } from '../../schemas/admin.ts';

/**
 * Each import problem's own code as the kind of field problem it is, so a refused event write or import
 * says it in `errors[]` the way every other refusal does (the report keeps its finer code).
 */
const FIELD_CODE: Record<ImportProblem['code'], FieldProblemCode> = {
  'missing-column': 'required',
  'too-many-rows': 'too-big',
  'invalid-value': 'invalid',
  // A name several towns share: not a value that picks one.
  'ambiguous-town': 'invalid',
  'unknown-town': 'not-found',
  'unknown-list': 'not-found',
  'unknown-document': 'not-found',
  'unknown-suggestion': 'not-found',
  'duplicate-row': 'duplicate',
  // What the row asks for collides with what is stored: the town's membership, an event recorded already, the suggestion's own town or list.
  'not-on-list': 'conflict',
  'impossible-transition': 'conflict',
  'already-recorded': 'conflict',
  'suggestion-mismatch': 'conflict',
};

/** An import problem as a field problem of the request body, under the given name. */
export function importFieldProblem(p: ImportProblem, name: string): FieldProblem {
  return { name, in: 'body', code: FIELD_CODE[p.code], detail: p.detail };
}
