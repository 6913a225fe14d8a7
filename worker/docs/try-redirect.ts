import type { FieldProblem } from '../errors.ts';
import { problemResponse } from '../http/problem.ts';
import { type Json, parametersOf } from './samples.ts';

/** The form field that names the operation; no operation of the API has a parameter of that name. */
export const OPERATION_FIELD = 'operation';

/** The public GET operation of the document with this operationId: the only ones /docs lets a browser try. */
export function triableOperation(doc: Json, operationId: string): { path: string; op: Json } | undefined {
  for (const [path, ops] of Object.entries((doc.paths as Record<string, Record<string, Json>>) ?? {})) {
    const op = ops.get;
    if (op && op.operationId === operationId && isTriable(op)) return { path, op };
  }
  return undefined;
}

/** A GET that needs no token: a form cannot send an Authorization header. */
export function isTriable(op: Json): boolean {
  return !(Array.isArray(op.security) && op.security.length);
}

/**
 * GET /docs/try: where the "try it" forms of /docs send their fields. A form
 * without JavaScript sends every field, the empty ones too, and cannot fill a
 * path segment; the API refuses an empty filter (`?status=`). So this answers
 * with a redirect to the operation's own URL: path parameters put into the
 * path (encoded, so the URL always stays on this site), the query parameters
 * that were filled in kept, the empty ones and any the operation does not
 * document dropped. The API then answers as it answers anyone.
 */
export function tryRedirect(doc: Json, url: URL): Response {
  const operationId = url.searchParams.get(OPERATION_FIELD) ?? '';
  const found = triableOperation(doc, operationId);
  if (!found) {
    return problemResponse('invalid-parameter', `No operation to try is called "${operationId}"; /docs lists them.`, {
      instance: url.pathname,
      errors: [{ name: OPERATION_FIELD, in: 'query', code: 'invalid', detail: 'The operationId of a GET operation that needs no token' }],
    });
  }
  const params = parametersOf(doc, found.op);
  let path = found.path;
  const missing: FieldProblem[] = [];
  for (const p of params.filter((q) => q.in === 'path')) {
    const name = String(p.name);
    const value = url.searchParams.get(name) ?? '';
    if (!value) missing.push({ name, in: 'path', code: 'required', detail: 'Required: fill it in' });
    // encodeURIComponent leaves dots alone, and a browser resolves `.` and `..` in the Location: the redirect would
    // climb out of the operation to another path of the site (`/downloads/../..` is `/`).
    else if (value === '.' || value === '..') missing.push({ name, in: 'path', code: 'invalid', detail: 'A dot segment is not a value' });
    path = path.replace(`{${name}}`, encodeURIComponent(value));
  }
  if (missing.length)
    return problemResponse('invalid-parameter', `Fill in ${missing.map((m) => m.name).join(', ')} with a value.`, {
      instance: url.pathname,
      errors: missing,
    });
  const query = new URLSearchParams();
  const names = new Set(params.filter((p) => p.in === 'query').map((p) => String(p.name)));
  for (const [name, value] of url.searchParams) if (names.has(name) && value !== '') query.append(name, value);
  const search = query.size ? `?${query}` : '';
  // The redirect depends on the URL alone, but a form is tried once: nothing is gained by keeping it.
  return new Response(null, { status: 303, headers: { Location: `${path}${search}`, 'Cache-Control': 'no-store' } });
}
