import { html } from 'hono/html';
import { deref, type Json, parameterExample, parametersOf } from './samples.ts';
import { isTriable, OPERATION_FIELD } from './try-redirect.ts';

/**
 * "Try it" on /docs without JavaScript: a plain GET form per GET operation
 * that needs no token (a form cannot send an Authorization header). It goes
 * through /docs/try (try-redirect.ts), which puts the path parameters into the
 * path and drops the fields left empty, then redirects to the operation, whose
 * JSON, CSV or file the browser opens.
 */
export function tryIt(doc: Json, method: string, op: Json, id: string) {
  if (method !== 'get' || !isTriable(op) || typeof op.operationId !== 'string') return html``;
  const fields = parametersOf(doc, op).filter((p) => p.in === 'path' || p.in === 'query');
  return html`<form method="get" action="/docs/try" class="try"><fieldset><legend>Try it</legend>
<input type="hidden" name="${OPERATION_FIELD}" value="${op.operationId}">
${fields.map((p) => field(doc, p, `${id}-${String(p.name)}`))}
${fields.length ? html`<p class="hint">Fields left empty are not sent.</p>` : ''}
<button type="submit" aria-describedby="${id}">Send</button></fieldset></form>`;
}

function field(doc: Json, param: Json, id: string) {
  const schema = deref(doc, param.schema);
  const name = String(param.name);
  const required = param.in === 'path' || param.required === true;
  const example = parameterExample(doc, param);
  // The example is also written out beside the field: a placeholder alone is no description (it disappears on typing).
  const hint = example === undefined ? '' : html` <span class="hint" id="${id}-hint">e.g. <code>${String(example)}</code></span>`;
  const described = example === undefined ? '' : html` aria-describedby="${id}-hint"`;
  const options = enumOf(doc, schema);
  const control = options
    ? html`<select id="${id}" name="${name}"${described}${required ? ' required' : ''}><option value="">(not set)</option>${options.map((o) => html`<option>${o}</option>`)}</select>`
    : html`<input id="${id}" name="${name}"${described}${required ? ' required' : ''}${example === undefined ? '' : html` placeholder="${String(example)}"`}>`;
  return html`<p class="field"><label for="${id}">${name}${required ? ' (required)' : ''}</label> ${control}${hint}</p>`;
}

/** The values of an enum schema (also inside anyOf/oneOf, as zod writes nullable enums). */
function enumOf(doc: Json, schema: Json): string[] | undefined {
  if (Array.isArray(schema.enum)) return schema.enum.filter((v) => v !== null).map(String);
  const branches = (schema.anyOf ?? schema.oneOf) as unknown[] | undefined;
  return branches?.map((b) => enumOf(doc, deref(doc, b))).find(Boolean);
}
