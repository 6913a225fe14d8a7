import { env } from 'cloudflare:workers';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { resetForTests } from '../../worker/http/freshness/version-copy.ts';
import { responseCacheForTests } from '../../worker/http/response-cache.ts';
import worker from '../../worker/index.ts';
import { d1WithStatements } from '../d1-statements.ts';
import { adminHeaders, JSON_BODY, KNOWN_TOWN } from '../helpers.ts';

// Issue 15's budget for exports: a CSV (or NDJSON) export is served from the bytes the isolate keeps for the current
// data version, not rebuilt from D1 per request, under the same freshness rule as JSON, in a store bounded by bytes.

/** Every statement the worker prepared; once `failing` is set, every statement run from then on throws. */
interface Probe {
  sql: string[];
  failing: boolean;
}

const WRAPPED = ['all', 'raw', 'first', 'run'] as const;

function probed(probe: Probe): D1Database {
  const statement = (target: D1PreparedStatement): D1PreparedStatement =>
    new Proxy(target, {
      get(t, prop) {
        if (prop === 'bind') return (...values: unknown[]) => statement(t.bind(...values));
        const value = Reflect.get(t, prop, t);
        if (typeof value !== 'function') return value;
        if ((WRAPPED as readonly (string | symbol)[]).includes(prop)) {
          return (...args: unknown[]) => {
            if (probe.failing) return Promise.reject(new Error('D1_ERROR: Network connection lost.'));
            return value.apply(t, args);
          };
        }
        return value.bind(t);
      },
    });
  return d1WithStatements(
    env.DB,
    (t, sql) => {
      probe.sql.push(sql);
      return statement(t);
    },
    () => probe.sql.push('batch'),
  );
}

let probe: Probe;
let background: Promise<unknown>[];
let bindings: Record<string, unknown>;
const ctx = {
  waitUntil: (p: Promise<unknown>) => void background.push(p),
  passThroughOnException() {},
  props: {},
} as unknown as ExecutionContext;

async function call(method: string, path: string, init: { headers?: Record<string, string>; body?: string } = {}): Promise<Response> {
  return worker.fetch(new Request(`https://example.test${path}`, { method, ...init }), { ...bindings, DB: probed(probe) } as never, ctx);
}

/** A GET, its bytes, and the SQL it cost beyond reading the versions (the suite runs with FRESHNESS_SECONDS=0). */
async function fetchBytes(path: string, headers: Record<string, string> = {}) {
  probe.sql = [];
  const res = await call('GET', path, { headers });
  const bytes = new Uint8Array(await res.arrayBuffer());
  const dataSql = probe.sql.filter((s) => !/\bFROM meta\b/i.test(s));
  return { res, bytes, text: new TextDecoder().decode(bytes), dataSql };
}

const NO_CACHE = { 'Cache-Control': 'no-cache' };
const EDITOR = adminHeaders('editor', JSON_BODY);
const LARGEST = 'mohurd-2017-batch2';
const LARGEST_CSV = `/api/v1/towns?list=${LARGEST}&format=csv&limit=500`;

/** Every export of the API that goes through http/formats.ts, CSV and one NDJSON. */
const EXPORTS = [
  LARGEST_CSV,
  `/api/v1/lists/${LARGEST}/towns?format=csv`,
  '/api/v1/towns?format=csv&province=%E6%B5%99%E6%B1%9F%E7%9C%81',
  '/api/v1/memberships?format=csv',
  '/api/v1/status-events?format=csv',
  '/api/v1/lists?format=csv',
  '/api/v1/sources?format=csv',
  '/api/v1/reported-figures?format=csv',
  '/api/v1/stats?group_by=province&format=csv',
  `/api/v1/towns/${KNOWN_TOWN}/history?format=csv`,
  `/api/v1/towns/${KNOWN_TOWN}/satisfaction?format=csv`,
  '/api/v1/satisfaction?group_by=province&format=csv',
  '/api/v1/memberships?format=ndjson',
];

beforeEach(() => {
  probe = { sql: [], failing: false };
  background = [];
  bindings = { ...env };
  responseCacheForTests.reset();
});
afterEach(async () => {
  await Promise.allSettled(background);
  responseCacheForTests.reset();
  resetForTests();
});

describe('exports are served from the bytes kept for the data version', () => {
  it('every export: the second read costs no data query, and its bytes and headers equal a fresh build', async () => {
    for (const path of EXPORTS) {
      const first = await fetchBytes(path);
      expect(first.res.status, path).toBe(200);
      expect(first.dataSql.length, path).toBeGreaterThan(0);
      const second = await fetchBytes(path);
      expect(second.res.status, path).toBe(200);
      expect(second.dataSql, path).toEqual([]);
      // `Cache-Control: no-cache` builds from D1 again.
      const fresh = await fetchBytes(path, NO_CACHE);
      expect(fresh.dataSql.length, path).toBeGreaterThan(0);
      expect(second.bytes, path).toEqual(fresh.bytes);
      expect(first.bytes, path).toEqual(fresh.bytes);
      for (const name of [
        'Content-Type',
        'Content-Disposition',
        'ETag',
        'Last-Modified',
        'Cache-Control',
        'Vary',
        'Access-Control-Allow-Origin',
        'X-Content-Type-Options',
      ]) {
        expect(second.res.headers.get(name), `${path} ${name}`).toBe(fresh.res.headers.get(name));
      }
      expect(second.res.headers.get('x-d1-bookmark'), path).toBeTruthy();
    }
    const csv = await fetchBytes(LARGEST_CSV);
    expect(csv.res.headers.get('Content-Type')).toBe('text/csv; charset=utf-8; header=present');
    expect(csv.res.headers.get('Content-Disposition')).toBe('inline; filename="towns.csv"');
    expect([...csv.bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(responseCacheForTests.stats().exports.entries).toBe(EXPORTS.length);
  }, 60_000);

  it('answers If-None-Match and If-Modified-Since with 304 and no body, whether or not the bytes are kept', async () => {
    const cold = await fetchBytes(LARGEST_CSV);
    const etag = cold.res.headers.get('ETag')!;
    expect(etag).toMatch(/^"\d+-[0-9a-f]+"$/);
    for (const inm of [etag, `W/${etag}`, `"other", ${etag}`]) {
      const res = await call('GET', LARGEST_CSV, { headers: { 'If-None-Match': inm } });
      expect(res.status, inm).toBe(304);
      expect(await res.text()).toBe('');
      expect(res.headers.get('ETag')).toBe(etag);
    }
    const lastModified = cold.res.headers.get('Last-Modified');
    if (lastModified) expect((await call('GET', LARGEST_CSV, { headers: { 'If-Modified-Since': lastModified } })).status).toBe(304);
    // A stale validator gets the bytes.
    const stale = await fetchBytes(LARGEST_CSV, { 'If-None-Match': '"1-00000000"' });
    expect(stale.res.status).toBe(200);
    expect(stale.bytes).toEqual(cold.bytes);
    expect(stale.dataSql).toEqual([]);
    // If-None-Match: * holds for a resource that exists.
    expect((await call('GET', LARGEST_CSV, { headers: { 'If-None-Match': '*' } })).status).toBe(304);
    // HEAD of a kept export: the headers of the GET, no body.
    const head = await call('HEAD', LARGEST_CSV);
    expect(head.status).toBe(200);
    expect(head.headers.get('Content-Type')).toBe('text/csv; charset=utf-8; header=present');
    expect(head.headers.get('ETag')).toBe(etag);
    expect(await head.text()).toBe('');
  });

  it('an admin write changes the CSV at once (FRESHNESS_SECONDS=0): a new ETag, the new status, never the old bytes', async () => {
    const town = (await env.DB.prepare(
      "SELECT town_id AS id FROM memberships WHERE list_id = ? AND current_status = 'approved' ORDER BY town_id LIMIT 1",
    )
      .bind(LARGEST)
      .first<string>('id'))!;
    expect(town).toBeTruthy();
    const before = await fetchBytes(LARGEST_CSV);
    expect(before.text).toContain(`${LARGEST}:approved`);
    expect((await fetchBytes(LARGEST_CSV)).dataSql).toEqual([]);

    const source = await call('POST', '/api/v1/admin/sources', {
      headers: EDITOR,
      body: JSON.stringify({
        title: '测试通知：CSV 缓存',
        document_number: '测〔2026〕9号',
        issuer: '测试办公室',
        published_on: '2026-06-30',
        urls: ['https://example.org/csv-cache'],
      }),
    });
    expect(source.status).toBe(201);
    const sourceId = ((await source.json()) as { id: string }).id;
    const event = await call('POST', '/api/v1/admin/events', {
      headers: EDITOR,
      body: JSON.stringify({ town_id: town, list_id: LARGEST, status: 'warned', effective_date: '2026-07-01', source_id: sourceId }),
    });
    expect(event.status).toBe(201);

    const after = await fetchBytes(LARGEST_CSV);
    expect(after.dataSql.length).toBeGreaterThan(0);
    expect(after.res.headers.get('ETag')).not.toBe(before.res.headers.get('ETag'));
    const row = after.text.split('\r\n').find((line) => line.startsWith(`${town},`))!;
    expect(row).toContain(`${LARGEST}:warned`);
    expect(after.bytes).toEqual((await fetchBytes(LARGEST_CSV, NO_CACHE)).bytes);
    // The old validator no longer matches.
    expect((await call('GET', LARGEST_CSV, { headers: { 'If-None-Match': before.res.headers.get('ETag')! } })).status).toBe(200);
  });

  it('with FRESHNESS_SECONDS > 0, a write elsewhere reaches the CSV within N, and a bookmark reads its own write at once', async () => {
    let now = 1_000_000;
    resetForTests({ now: () => now });
    bindings = { ...env, FRESHNESS_SECONDS: '0.5' };
    const path = '/api/v1/lists?format=csv';
    const list = (await env.DB.prepare('SELECT id FROM lists ORDER BY id LIMIT 1').first<string>('id'))!;
    const before = await fetchBytes(path);
    const session = env.DB.withSession('first-primary');
    await session.prepare('UPDATE lists SET note = ? WHERE id = ?').bind('csv cache: written elsewhere', list).run();
    now += 100;
    // Allowed by the promise: younger than N, served from the isolate's bytes without a D1 call.
    const within = await fetchBytes(path);
    expect(within.bytes).toEqual(before.bytes);
    expect(probe.sql).toEqual([]);
    // The writer's bookmark reads its write at once.
    const mine = await fetchBytes(path, { 'x-d1-bookmark': session.getBookmark()! });
    expect(mine.text).toContain('csv cache: written elsewhere');
    now += 1000;
    const after = await fetchBytes(path);
    expect(after.text).toContain('csv cache: written elsewhere');
    expect(after.res.headers.get('ETag')).not.toBe(before.res.headers.get('ETag'));
  });
});

describe('the kept exports are bounded', () => {
  it('many distinct queries never hold more bytes than the bound; older ones are evicted and built again', async () => {
    const bound = 80_000;
    responseCacheForTests.reset({ exports: { maxBytes: bound, maxEntryBytes: 60_000 } });
    let served = 0;
    // Each date is another query, and another export of the largest list (~26 KB).
    const paths = Array.from({ length: 12 }, (_, i) => `${LARGEST_CSV}&as_of=2024-01-${String(i + 1).padStart(2, '0')}`);
    for (const path of paths) {
      const { res, bytes } = await fetchBytes(path);
      expect(res.status, path).toBe(200);
      served += bytes.byteLength;
      const { exports } = responseCacheForTests.stats();
      expect(exports.bytes, path).toBeLessThanOrEqual(bound);
      expect(exports.entries, path).toBeGreaterThan(0);
    }
    // The test means something: the exports served are more than the bound holds.
    expect(served).toBeGreaterThan(3 * bound);
    // The most recent is kept; the first was evicted, and is built from D1 again.
    expect((await fetchBytes(paths.at(-1)!)).dataSql).toEqual([]);
    expect((await fetchBytes(paths[0]!)).dataSql.length).toBeGreaterThan(0);
  }, 30_000);

  it('an export over the bound of one entry is streamed whole and not kept', async () => {
    responseCacheForTests.reset({ exports: { maxEntryBytes: 50_000 } });
    const path = '/api/v1/status-events?format=csv';
    const first = await fetchBytes(path);
    expect(first.bytes.byteLength).toBeGreaterThan(50_000);
    expect(responseCacheForTests.stats().exports).toEqual({ bytes: 0, entries: 0 });
    const again = await fetchBytes(path);
    expect(again.dataSql.length).toBeGreaterThan(0);
    expect(again.bytes).toEqual(first.bytes);
  });

  it('an export that fails midway is never kept: the next read gets the whole export', async () => {
    const path = '/api/v1/towns?format=csv&sort=id';
    const res = await call('GET', path);
    expect(res.status).toBe(200);
    probe.failing = true;
    await expect(res.arrayBuffer()).rejects.toThrow();
    probe.failing = false;
    expect(responseCacheForTests.stats().exports.entries).toBe(0);
    const whole = await fetchBytes(path);
    expect(whole.bytes).toEqual((await fetchBytes(path, NO_CACHE)).bytes);
    expect(whole.text.split('\r\n').length).toBeGreaterThan(300);
  });

  it('a client that stops reading midway leaves nothing kept', async () => {
    const res = await call('GET', '/api/v1/towns?format=csv&sort=id');
    const reader = res.body!.getReader();
    expect((await reader.read()).done).toBe(false);
    await reader.cancel();
    expect(responseCacheForTests.stats().exports.entries).toBe(0);
  });
});

describe('hostile query strings on exports: 4xx problem+json, never 500, never kept', () => {
  const hostile = [
    `/api/v1/towns?format=csv&q=${'a'.repeat(20_000)}`,
    `/api/v1/towns?format=csv&list=${'x'.repeat(20_000)}`,
    `/api/v1/towns?format=csv&${'&'.repeat(5_000)}bogus=1`,
    `/api/v1/towns?format=csv&${Array.from({ length: 500 }, (_, i) => `p${i}=1`).join('&')}`,
    '/api/v1/towns?format=csv&format=json',
    '/api/v1/towns?format=csv&format=csv',
    `/api/v1/towns?format=csv&list=${LARGEST}&list=${LARGEST}`,
    '/api/v1/towns?format=CSV',
    '/api/v1/towns?format=%63sv%00',
    '/api/v1/towns?format=csv&list=%FF%FE',
    '/api/v1/towns?format=csv&list=%E0%A4%A',
    '/api/v1/towns?format=csv&as_of=2020-02-30',
    '/api/v1/towns?format=csv&limit=99999999999999999999999',
    '/api/v1/towns?format=csv&list=no-such-list',
    '/api/v1/lists/no-such-list/towns?format=csv',
    '/api/v1/memberships?format=csv&status=eliminated&status=warned',
    '/api/v1/status-events?format=csv&list=x',
    '/api/v1/towns/no-such-town/history?format=csv',
    '/api/v1/stats?format=csv&group_by=%3Cscript%3E',
    '/api/v1/satisfaction?format=csv&group_by=province&group_by=list',
  ];

  it.each(hostile)('%s', async (path) => {
    const res = await call('GET', path);
    expect(res.status, path).toBeGreaterThanOrEqual(400);
    expect(res.status, path).toBeLessThan(500);
    expect(res.headers.get('Content-Type'), path).toMatch(/^application\/problem\+json/);
    const body = (await res.json()) as { type: string; status: number };
    expect(body.type).toMatch(/^urn:tesexiaozhen:problem:/);
    expect(body.status).toBe(res.status);
    expect(responseCacheForTests.stats().exports.entries).toBe(0);
  });
});

describe('odd but harmless query strings on exports: the CSV, never 500', () => {
  // A cursor means nothing to an export (it has every page), and a search for a control character finds nothing.
  it.each([
    '/api/v1/towns?format=csv&cursor=%27%3B--',
    '/api/v1/towns?format=csv&q=%00',
    `/api/v1/towns?list=${LARGEST}&format=csv&sort=id&limit=1`,
  ])('%s', async (path) => {
    const { res, bytes } = await fetchBytes(path);
    expect(res.status, path).toBe(200);
    expect(res.headers.get('Content-Type')).toBe('text/csv; charset=utf-8; header=present');
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect((await fetchBytes(path)).bytes).toEqual(bytes);
  });
});
