import { env } from 'cloudflare:workers';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ZodType } from 'zod';
import doc from '../../openapi/openapi.json';
import { createApp } from '../../worker/app.ts';
import worker from '../../worker/index.ts';
import { ProblemSchema } from '../../worker/schemas/common.ts';
import { ADMIN_TOKENS } from '../helpers.ts';

/**
 * Schema-driven fuzzing from openapi/openapi.json: valid and malformed requests
 * on every operation. Every answer must be declared by the document (status
 * and content type), must validate against the contract it is generated
 * from, and must never be a 5xx.
 */

type Json = Record<string, any>;
interface Operation {
  method: string;
  path: string;
  op: Json;
}

const OPERATIONS: Operation[] = Object.entries(doc.paths as Record<string, Json>).flatMap(([path, item]) =>
  Object.entries(item).map(([method, op]) => ({ method: method.toUpperCase(), path, op: op as Json })),
);

/** The zod schemas the document was generated from, by operation, status and media type. */
const CONTRACT = new Map<string, ZodType>();
for (const def of createApp().openAPIRegistry.definitions as { type: string; route?: Json }[]) {
  if (def.type !== 'route' || !def.route) continue;
  const path = String(def.route.path);
  for (const [status, response] of Object.entries(def.route.responses as Record<string, Json>)) {
    for (const [media, content] of Object.entries((response.content ?? {}) as Record<string, Json>)) {
      CONTRACT.set(`${def.route.method.toUpperCase()} ${path} ${status} ${media}`, content.schema as ZodType);
    }
  }
}

const HOSTILE = [
  '',
  ' ',
  "'; DROP TABLE towns;--",
  '" OR 1=1 --',
  '%',
  '_',
  '%25',
  '\\',
  '\u0000',
  '\ud800',
  '𠮷',
  '🙂',
  '长沟镇',
  '<script>alert(1)</script>',
  '../../etc/passwd',
  // biome-ignore lint/suspicious/noTemplateCurlyInString: a template-injection probe, sent as literal text.
  '${7*7}',
  'NaN',
  '-1',
  '0',
  '1e309',
  '0x10',
  'null',
  '[]',
  '{}',
  'x'.repeat(10_000),
  '２０１９-０１-０１',
  '2019-02-30',
  '9999-99-99',
];

const IDS: Record<string, string[]> = {
  '/api/v1/lists/{id}': ['mohurd-2016-batch1', 'gansu-creation-list'],
  '/api/v1/lists/{id}/towns': ['mohurd-2016-batch1'],
  '/api/v1/towns/{id}': ['beijing-changgouzhen', 'shaanxi-tangyuzhen'],
  '/api/v1/towns/{id}/history': ['beijing-changgouzhen'],
  '/api/v1/towns/{id}/satisfaction': ['beijing-changgouzhen'],
};

function paramValue(schema: Json | undefined): fc.Arbitrary<string> {
  const valid: string[] = [];
  if (schema?.enum) valid.push(...schema.enum.map(String));
  if (schema?.example !== undefined && schema.example !== null) valid.push(String(schema.example));
  if (schema?.type === 'integer') valid.push('1', String(schema.maximum ?? 500), String(schema.minimum ?? 1));
  return fc.oneof(
    { weight: 3, arbitrary: valid.length ? fc.constantFrom(...valid) : fc.constant('x') },
    { weight: 2, arbitrary: fc.constantFrom(...HOSTILE) },
    { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
  );
}

/** Percent-encodes a segment; a lone surrogate becomes the invalid UTF-8 escape a hostile client could send. */
function encodePathSegment(id: string): string {
  try {
    return encodeURIComponent(id);
  } catch {
    return '%ED%A0%80';
  }
}

function pathFor(operation: Operation): fc.Arbitrary<string> {
  if (!operation.path.includes('{id}')) return fc.constant(operation.path);
  const valid = IDS[operation.path] ?? (operation.path.includes('surveys') ? ['public', 'enterprise'] : ['x']);
  return fc
    .oneof(
      { weight: 3, arbitrary: fc.constantFrom(...valid) },
      { weight: 2, arbitrary: fc.constantFrom(...HOSTILE.filter((h) => h && !h.includes('/'))) },
    )
    .map((id) => operation.path.replace('{id}', encodePathSegment(id)));
}

function queryFor(operation: Operation): fc.Arbitrary<string> {
  const params = ((operation.op.parameters ?? []) as Json[]).filter((p) => p.in === 'query');
  const pairs = params.map((p) =>
    fc.option(
      paramValue(p.schema).map((v) => [p.name as string, v] as const),
      { nil: undefined },
    ),
  );
  const extra = fc.option(fc.constantFrom(['unknown', '1'] as const, ['limit', '2'] as const, ['format', 'xml'] as const), {
    nil: undefined,
  });
  return fc.tuple(fc.tuple(...pairs), extra, fc.boolean()).map(([chosen, more, duplicate]) => {
    const search = new URLSearchParams();
    for (const pair of chosen) if (pair) search.append(pair[0], pair[1]);
    if (more) search.append(more[0], more[1]);
    const first = [...search.entries()][0];
    if (duplicate && first) search.append(first[0], first[1]);
    const text = search.toString();
    return text ? `?${text}` : '';
  });
}

function bodyFor(operation: Operation): fc.Arbitrary<{ body?: string; type?: string }> {
  if (!operation.op.requestBody) return fc.constant({});
  const example = operation.path.endsWith('/responses')
    ? { town_id: 'beijing-changgouzhen', answers: { role: 'resident', overall: 4, recommend: 8 }, consent: { participation: true } }
    : { opens_at: null, closes_at: null };
  return fc.oneof(
    fc.constant({ body: JSON.stringify(example), type: 'application/json' }),
    fc.jsonValue({ maxDepth: 3 }).map((v) => ({ body: JSON.stringify(v), type: 'application/json' })),
    fc
      .record({
        town_id: fc.constantFrom(...HOSTILE),
        answers: fc.dictionary(fc.string({ maxLength: 8 }), fc.jsonValue({ maxDepth: 1 })),
        consent: fc.jsonValue({ maxDepth: 1 }),
      })
      .map((v) => ({ body: JSON.stringify(v), type: 'application/json' })),
    fc.constantFrom(
      { body: '{not json', type: 'application/json' },
      { body: '', type: 'application/json' },
      { body: JSON.stringify(example), type: 'text/plain' },
      { body: 'a=1&b=2', type: 'application/x-www-form-urlencoded' },
      { body: JSON.stringify({ ...example, pad: 'x'.repeat(70 * 1024) }), type: 'application/json' },
    ),
  );
}

function headersFor(operation: Operation): fc.Arbitrary<Record<string, string>> {
  const admin = operation.path.startsWith('/api/v1/admin/');
  const idempotent = ((operation.op.parameters ?? []) as Json[]).some((p) => p.name === 'idempotency-key');
  return fc
    .record({
      auth: admin ? fc.constantFrom('', ADMIN_TOKENS.admin, 'Bearer wrong', 'Basic x', 'Bearer') : fc.constant(''),
      key: idempotent
        ? fc.oneof(fc.uuid(), fc.constantFrom('', 'short', 'x'.repeat(300), 'spaces are not allowed', '\u007f'))
        : fc.constant(''),
      accept: fc.constantFrom('', 'text/csv', 'application/x-ndjson', '*/*', 'image/png'),
    })
    .map(({ auth, key, accept }) => {
      const headers: Record<string, string> = { 'CF-Connecting-IP': '192.0.2.250' };
      if (auth) headers.Authorization = auth;
      if (key) headers['Idempotency-Key'] = key;
      if (accept) headers.Accept = accept;
      return headers;
    });
}

let requests = 0;
const RUNS = 200;

async function check(operation: Operation, path: string, init: { headers: Record<string, string>; body?: string; type?: string }) {
  const headers = { ...init.headers, ...(init.type ? { 'Content-Type': init.type } : {}) };
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer in 10 s: ${operation.method} ${path.slice(0, 300)}`)), 10_000);
  });
  // The worker's own fetch with its real bindings: the pool's self-binding slows down over thousands of calls.
  const call = worker.fetch(new Request(`https://example.test${path}`, { method: operation.method, headers, body: init.body }), env);
  const res = await Promise.race([call, timeout]).finally(() => clearTimeout(timer ?? null));
  requests += 1;
  const where = `${operation.method} ${path.slice(0, 200)} -> ${res.status}`;
  expect(res.status, where).toBeLessThan(500);
  const declared = (operation.op.responses as Record<string, Json>)[String(res.status)];
  expect(declared, `${where}: status not in the document`).toBeDefined();
  const media = (res.headers.get('Content-Type') ?? '').split(';')[0]!.trim();
  const declaredMedia = Object.keys(declared!.content ?? {});
  expect(declaredMedia, `${where}: ${media} not declared`).toContain(media);
  const text = await res.text();
  expect(text, where).not.toMatch(/\bat \S+ \(|node_modules|\.ts:\d+|SQLITE_|D1_ERROR/);
  if (media === 'application/json' || media === 'application/problem+json') {
    const schema =
      media === 'application/problem+json' ? ProblemSchema : CONTRACT.get(`${operation.method} ${operation.path} ${res.status} ${media}`);
    expect(schema, `${where}: no contract schema`).toBeDefined();
    const parsed = schema!.safeParse(JSON.parse(text));
    expect(parsed.success, `${where}: ${parsed.success ? '' : JSON.stringify(parsed.error.issues).slice(0, 300)}`).toBe(true);
  }
}

describe('schema-driven fuzzing of every operation', () => {
  it('never answers 5xx, and every answer is declared and valid against the contract', async () => {
    for (const operation of OPERATIONS) {
      await fc.assert(
        fc.asyncProperty(
          pathFor(operation),
          queryFor(operation),
          bodyFor(operation),
          headersFor(operation),
          async (path, query, body, headers) => {
            await check(operation, `${path}${query}`, { headers, ...body });
          },
        ),
        { numRuns: RUNS, seed: 20261123, endOnFailure: true },
      );
    }
    console.log(`fuzzing: ${requests} requests over ${OPERATIONS.length} operations`);
    expect(OPERATIONS.length).toBe(Object.values(doc.paths).reduce((n, item) => n + Object.keys(item as object).length, 0));
    expect(requests).toBeGreaterThanOrEqual(OPERATIONS.length * RUNS);
  }, 300_000);
});
