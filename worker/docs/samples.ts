/**
 * Request samples for /docs in curl, JavaScript (fetch) and Python (requests),
 * made from the OpenAPI document alone: the documented examples fill the path
 * parameters, the required query and header parameters and the request body;
 * an operation that needs a token gets an Authorization placeholder. The
 * samples are plain text: /docs escapes them like any other text.
 */

export type Json = Record<string, unknown>;

/** Where a sample sends its request when the page cannot know the public origin. */
export const PLACEHOLDER_ORIGIN = 'https://YOUR-HOST';
const TOKEN_PLACEHOLDER = 'YOUR-ADMIN-TOKEN';

/** Resolves a local `$ref` of the document. */
export function deref(doc: Json, node: unknown): Json {
  const ref = (node as Json | undefined)?.$ref;
  if (typeof ref !== 'string') return (node as Json) ?? {};
  return ref
    .replace(/^#\//, '')
    .split('/')
    .reduce<Json>((n, key) => (n[key] as Json) ?? {}, doc);
}

/** The parameters of an operation, resolved. */
export function parametersOf(doc: Json, op: Json): Json[] {
  return ((op.parameters as unknown[]) ?? []).map((p) => deref(doc, p));
}

/** The documented example of a parameter (its own, else its schema's). */
export function parameterExample(doc: Json, param: Json): unknown {
  return param.example !== undefined ? param.example : deref(doc, param.schema).example;
}

/** An example value built from a schema: its own example, else one made from its parts (depth-bounded against cycles). */
export function schemaExample(doc: Json, node: unknown, depth = 0): unknown {
  const schema = deref(doc, node);
  if (schema.example !== undefined) return schema.example;
  if (depth > 8) return null;
  const branch = ((schema.allOf ?? schema.anyOf ?? schema.oneOf) as unknown[] | undefined)?.find((s) => deref(doc, s).type !== 'null');
  if (branch) return schemaExample(doc, branch, depth + 1);
  if (schema.properties) {
    const out: Json = {};
    for (const [name, prop] of Object.entries(schema.properties as Json)) {
      const value = schemaExample(doc, prop, depth + 1);
      if (value !== undefined) out[name] = value;
    }
    return out;
  }
  if (schema.items) return [schemaExample(doc, schema.items, depth + 1)];
  if (schema.default !== undefined) return schema.default;
  return Array.isArray(schema.enum) ? schema.enum[0] : undefined;
}

export interface SampleRequest {
  method: string;
  url: string;
  headers: [string, string][];
  /** The body as sent, and whether it is JSON (then `json` holds the value). */
  body?: { mediaType: string; text: string; json?: unknown };
  /** Whether the success response is JSON, so that the samples parse it. */
  jsonResponse: boolean;
}

const asText = (value: unknown) => (typeof value === 'string' ? value : JSON.stringify(value));

/** The request a sample makes: documented examples everywhere, against `origin`. */
export function sampleRequest(doc: Json, path: string, method: string, op: Json, origin: string): SampleRequest {
  const params = parametersOf(doc, op);
  let filled = path;
  const query = new URLSearchParams();
  const headers: [string, string][] = [];
  for (const p of params) {
    const value = asText(parameterExample(doc, p) ?? '');
    if (p.in === 'path') filled = filled.replace(`{${String(p.name)}}`, encodeURIComponent(value));
    else if (p.in === 'query' && p.required) query.set(String(p.name), value);
    else if (p.in === 'header' && p.required) headers.push([String(p.name), value]);
  }
  if (Array.isArray(op.security) && op.security.length) headers.unshift(['Authorization', `Bearer ${TOKEN_PLACEHOLDER}`]);
  const search = query.size ? `?${query}` : '';
  const request: SampleRequest = { method: method.toUpperCase(), url: `${origin}${filled}${search}`, headers, jsonResponse: false };
  const content = (deref(doc, op.requestBody).content as Record<string, Json> | undefined) ?? {};
  const [mediaType, media] = Object.entries(content)[0] ?? [];
  if (mediaType && media) {
    const example = media.example !== undefined ? media.example : schemaExample(doc, media.schema);
    const json = /\bjson\b/.test(mediaType);
    headers.push(['Content-Type', mediaType]);
    request.body = json ? { mediaType, text: JSON.stringify(example, null, 2), json: example } : { mediaType, text: asText(example ?? '') };
  }
  const success = Object.entries((op.responses as Record<string, Json>) ?? {}).find(([code]) => code.startsWith('2'))?.[1];
  request.jsonResponse = Object.keys((deref(doc, success).content as Json | undefined) ?? {}).some((t) => /\bjson\b/.test(t));
  return request;
}

/** A POSIX shell single-quoted word. */
const shell = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;

export function curlSample(r: SampleRequest): string {
  const lines = [`curl${r.method === 'GET' ? '' : ` -X ${r.method}`} ${shell(r.url)}`];
  for (const [name, value] of r.headers) lines.push(`  -H ${shell(`${name}: ${value}`)}`);
  if (r.body) lines.push(`  --data-binary ${shell(r.body.text)}`);
  return lines.join(' \\\n');
}

export function fetchSample(r: SampleRequest): string {
  const init: string[] = [];
  if (r.method !== 'GET') init.push(`  method: ${JSON.stringify(r.method)},`);
  if (r.headers.length) init.push(`  headers: { ${r.headers.map(([n, v]) => `${JSON.stringify(n)}: ${JSON.stringify(v)}`).join(', ')} },`);
  if (r.body)
    init.push(
      r.body.json !== undefined
        ? `  body: JSON.stringify(${JSON.stringify(r.body.json, null, 2).replace(/\n/g, '\n  ')}),`
        : `  body: ${JSON.stringify(r.body.text)},`,
    );
  const call = init.length ? `fetch(${JSON.stringify(r.url)}, {\n${init.join('\n')}\n})` : `fetch(${JSON.stringify(r.url)})`;
  return `const res = await ${call};\nconsole.log(res.status, await res.${r.jsonResponse ? 'json' : 'text'}());`;
}

/** A Python literal of a JSON value (a JSON string is a valid Python string literal). */
function python(value: unknown, indent = ''): string {
  if (value === null || value === undefined) return 'None';
  if (value === true) return 'True';
  if (value === false) return 'False';
  if (typeof value === 'string' || typeof value === 'number') return JSON.stringify(value);
  const inner = `${indent}    `;
  if (Array.isArray(value)) return value.length ? `[\n${value.map((v) => `${inner}${python(v, inner)}`).join(',\n')},\n${indent}]` : '[]';
  const entries = Object.entries(value as Json);
  return entries.length
    ? `{\n${entries.map(([k, v]) => `${inner}${JSON.stringify(k)}: ${python(v, inner)}`).join(',\n')},\n${indent}}`
    : '{}';
}

export function pythonSample(r: SampleRequest): string {
  const args = [JSON.stringify(r.url)];
  if (r.headers.length) args.push(`headers=${python(Object.fromEntries(r.headers), '    ')}`);
  if (r.body) args.push(r.body.json !== undefined ? `json=${python(r.body.json, '    ')}` : `data=${JSON.stringify(r.body.text)}.encode()`);
  const call =
    args.length > 1
      ? `requests.${r.method.toLowerCase()}(\n    ${args.join(',\n    ')},\n)`
      : `requests.${r.method.toLowerCase()}(${args[0]})`;
  return `import requests\n\nres = ${call}\nprint(res.status_code, res.${r.jsonResponse ? 'json()' : 'text'})`;
}
