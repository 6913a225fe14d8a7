import { describe, expect, it } from 'vitest';
import doc from '../../openapi/openapi.json';
import { ADDITION_EXAMPLE } from '../../worker/schemas/suggestions.ts';
import { ADMIN_TOKENS, request } from '../helpers.ts';

/**
 * Every example in the OpenAPI document works: each operation is sent as the
 * document shows it (path, header and body examples; then each optional query
 * parameter's example on its own) against the loaded data, in the document's
 * order, and must get one of its documented success statuses. A generated
 * client or a developer copying an example from /docs gets a success, not a 400.
 */
type Json = Record<string, any>;
const document = doc as unknown as Json;

function deref(node: Json | undefined): Json {
  let n = node ?? {};
  while (typeof n.$ref === 'string')
    n = n.$ref
      .replace(/^#\//, '')
      .split('/')
      .reduce((o: Json, k: string) => o[k], document);
  return n;
}

/** The schema's own example, or one built from its properties' examples. */
function exampleOf(node: Json | undefined): unknown {
  const schema = deref(node);
  if (schema.example !== undefined) return schema.example;
  if (Array.isArray(schema.examples) && schema.examples.length) return schema.examples[0];
  for (const branch of schema.anyOf ?? schema.oneOf ?? []) {
    const value = exampleOf(branch);
    if (value !== undefined) return value;
  }
  if (schema.allOf) return Object.assign({}, ...schema.allOf.map((s: Json) => exampleOf(s) ?? {}));
  if (schema.properties) {
    const value: Json = {};
    for (const [name, prop] of Object.entries(schema.properties)) {
      const example = exampleOf(prop as Json);
      if (example !== undefined) value[name] = example;
    }
    return value;
  }
  return undefined;
}

interface Param {
  name: string;
  in: string;
  required?: boolean;
  example?: unknown;
  schema?: Json;
}

const paramExample = (p: Param) => p.example ?? exampleOf(p.schema);

/**
 * Path parameters whose real values exist only at run time: a snapshot id hashes the data it holds, so its
 * documented example shows the shape, and the test asks for the current one (the example's shape is checked).
 */
const RUNTIME_VALUES: Record<string, () => Promise<string>> = {
  snapshot: async () => {
    const current = ((await (await request('GET', '/downloads/')).json()) as { snapshot: string }).snapshot;
    expect(current).toMatch(/^[0-9]+-[0-9]{8}-[0-9a-f]{12}$/);
    return current;
  },
  // A suggestion's receipt is made when it is sent: each operation on one gets a new suggestion, sent as the document shows.
  receipt: newSuggestion,
  suggestion: newSuggestion,
};

async function newSuggestion(): Promise<string> {
  const res = await request('POST', '/api/v1/suggestions', {
    headers: { 'Content-Type': 'application/json', 'Idempotency-Key': crypto.randomUUID(), 'CF-Connecting-IP': '198.51.100.250' },
    body: JSON.stringify(ADDITION_EXAMPLE),
  });
  expect(res.status).toBe(201);
  const { receipt } = (await res.json()) as { receipt: string };
  expect(receipt).toMatch(/^s-[0-9a-f-]{36}$/);
  return receipt;
}

const operations = Object.entries(document.paths as Json).flatMap(([path, item]) =>
  Object.entries(item as Json).map(([method, op]) => ({ path, method: method.toUpperCase(), op: op as Json })),
);

describe('every example in the OpenAPI document', { timeout: 60_000 }, () => {
  it('covers every operation', () => {
    expect(operations.length).toBeGreaterThanOrEqual(28);
  });

  it.each(operations.map((o) => [`${o.method} ${o.path}`, o] as const))('%s succeeds as documented', async (_, { path, method, op }) => {
    const params = ((op.parameters ?? []) as Json[]).map((p) => deref(p) as unknown as Param);
    const success = Object.keys(op.responses)
      .filter((code) => /^2/.test(code))
      .map(Number);
    expect(success.length, 'a documented success status').toBeGreaterThan(0);

    let url = path;
    for (const p of params.filter((p) => p.in === 'path')) {
      const value = RUNTIME_VALUES[p.name] ? await RUNTIME_VALUES[p.name]!() : paramExample(p);
      expect(value, `example of path parameter ${p.name}`).toBeDefined();
      url = url.replace(`{${p.name}}`, encodeURIComponent(String(value)));
    }
    const headers: Record<string, string> = {};
    for (const p of params.filter((p) => p.in === 'header')) {
      const value = paramExample(p);
      if (value !== undefined) headers[p.name] = String(value);
      else expect(p.required, `example of required header ${p.name}`).not.toBe(true);
    }
    if ((op.security as Json[] | undefined)?.some((s) => 'bearer' in s)) headers.Authorization = ADMIN_TOKENS.admin;
    let body: string | undefined;
    const content = op.requestBody?.content as Json | undefined;
    if (content) {
      const [type, media] = Object.entries(content)[0]!;
      const example = media.example ?? exampleOf(media.schema);
      expect(example, `example of the ${type} body`).toBeDefined();
      headers['Content-Type'] = type;
      body = typeof example === 'string' ? example : JSON.stringify(example);
    }

    const query = params.filter((p) => p.in === 'query');
    const required = new URLSearchParams();
    for (const p of query.filter((p) => p.required)) required.set(p.name, String(paramExample(p)));
    const variants = [
      required,
      ...query
        .filter((p) => !p.required && paramExample(p) !== undefined)
        .map((p) => new URLSearchParams([...required, [p.name, String(paramExample(p))]])),
    ];
    for (const search of variants) {
      const target = search.size ? `${url}?${search}` : url;
      const res = await request(method, target, { headers, body });
      const text = await res.text();
      expect(success, `${method} ${target} → ${res.status} ${text.slice(0, 400)}`).toContain(res.status);
    }
  });
});
