import { env } from 'cloudflare:workers';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { responseCacheForTests } from '../../worker/http/response-cache.ts';
import worker from '../../worker/index.ts';
import { failingDb, logged, request } from '../helpers.ts';
import { ADDITION, send } from '../suggestion-helpers.ts';

// Hostile review (s19) of the request id and logs, the exports kept per data version and the split security headers.
// Every case asserts the SAFE behaviour: a failing case is a hole.

const LARGEST_CSV = '/api/v1/towns?list=mohurd-2017-batch2&format=csv&limit=500';
/** After any data change the test database can have: a validator this late is one the worker never gave. */
const FAR_FUTURE = 'Fri, 01 Jan 2100 00:00:00 GMT';

const call = (path: string, headers: Record<string, string> = {}) =>
  worker.fetch(new Request(`https://example.test${path}`, { headers }), env);

/** Reads the streams a chunk at a time, one after another, until all have ended; gives each one's bytes and the most the copies in flight ever held. */
async function interleaved(responses: Response[]): Promise<{ texts: string[]; sizes: number[]; maxPending: number }> {
  const readers = responses.map((res) => res.body!.getReader());
  const chunks: Uint8Array[][] = responses.map(() => []);
  const open = new Set(readers.keys());
  let maxPending = 0;
  while (open.size) {
    for (const i of [...open]) {
      const { done, value } = await readers[i]!.read();
      if (done) open.delete(i);
      else chunks[i]!.push(value);
      maxPending = Math.max(maxPending, responseCacheForTests.stats().pending);
    }
  }
  const texts = chunks.map((parts) => new TextDecoder().decode(new Uint8Array(parts.flatMap((p) => [...p]))));
  return { texts, sizes: chunks.map((parts) => parts.reduce((n, p) => n + p.byteLength, 0)), maxPending };
}

describe('exports kept per data version: memory while they stream', () => {
  beforeEach(() => responseCacheForTests.reset());
  afterEach(() => responseCacheForTests.reset());

  // The copy of an export is made as it streams at the client's pace, and each stream held its own: many slow
  // concurrent downloads (distinct queries, or the same one at once) held a copy each, outside the store's bound, so
  // the isolate's memory grew with the number of clients, not with the bound.
  it('distinct exports downloaded at once never hold, in flight, more than the store may keep', async () => {
    const bound = 40_000;
    responseCacheForTests.reset({ exports: { maxBytes: bound, maxEntryBytes: 60_000 } });
    const paths = Array.from({ length: 6 }, (_, i) => `${LARGEST_CSV}&as_of=2024-02-${String(i + 1).padStart(2, '0')}`);
    const responses = await Promise.all(paths.map((p) => call(p)));
    for (const res of responses) expect(res.status).toBe(200);
    const { texts, maxPending } = await interleaved(responses);
    // The case means something: together the downloads are several times the bound.
    expect(texts.reduce((n, t) => n + t.length, 0)).toBeGreaterThan(3 * bound);
    expect(maxPending).toBeLessThanOrEqual(bound);
    expect(responseCacheForTests.stats().pending).toBe(0);
    expect(responseCacheForTests.stats().exports.bytes).toBeLessThanOrEqual(bound);
    // Every download was whole all the same: each equals the export built afresh.
    for (const [i, path] of paths.entries()) expect(texts[i], path).toBe(await (await call(path, { 'Cache-Control': 'no-cache' })).text());
  }, 60_000);

  it('the same export downloaded by many at once: each download whole, the copies within the bound, one kept', async () => {
    const bound = 60_000;
    responseCacheForTests.reset({ exports: { maxBytes: bound, maxEntryBytes: 60_000 } });
    const responses = await Promise.all(Array.from({ length: 8 }, () => call(LARGEST_CSV)));
    const { texts, sizes, maxPending } = await interleaved(responses);
    for (const text of texts) expect(text).toBe(texts[0]);
    // The case means something: eight copies would hold several times the bound.
    expect(sizes.reduce((n, size) => n + size, 0)).toBeGreaterThan(3 * bound);
    expect(maxPending).toBeGreaterThan(0);
    expect(maxPending).toBeLessThanOrEqual(bound);
    expect(responseCacheForTests.stats().pending).toBe(0);
    expect(responseCacheForTests.stats().exports.entries).toBe(1);
  }, 60_000);

  it("a download that stalls midway keeps nobody else's download from being kept", async () => {
    const stalled = (await call(LARGEST_CSV)).body!.getReader();
    expect((await stalled.read()).done).toBe(false);
    const whole = await (await call(LARGEST_CSV)).text();
    expect(responseCacheForTests.stats().exports.entries).toBe(1);
    expect(await (await call(LARGEST_CSV)).text()).toBe(whole);
    await stalled.cancel();
    expect(responseCacheForTests.stats().pending).toBe(0);
  });
});

describe('conditional requests on a response its handler keeps private', () => {
  // The suggestion status is private (the receipt is its only key) and changes with a decision, which is no write of
  // the lists' data: the versions do not say whether it changed. conditionalGet answered any If-Modified-Since later
  // than the data's last change with 304 and a public Cache-Control, before the handler ran, for a receipt that exists
  // or not.
  it('a suggestion status is never 304 and never public, whatever validator is sent', async () => {
    const receipt = await send(ADDITION);
    for (const [path, expected] of [
      [`/api/v1/suggestions/${receipt}`, 200],
      ['/api/v1/suggestions/s-00000000-0000-4000-8000-000000000000', 404],
    ] as const) {
      for (const headers of [{ 'If-Modified-Since': FAR_FUTURE }, { 'If-None-Match': '*' }, { 'If-None-Match': 'W/"x", "y"' }] as Record<
        string,
        string
      >[]) {
        const res = await request('GET', path, { headers });
        expect(res.status, `${path} ${JSON.stringify(headers)}`).toBe(expected);
        expect(res.headers.get('Cache-Control') ?? '', path).not.toMatch(/public/);
        expect(res.headers.get('ETag'), path).toBeNull();
        await res.text();
      }
    }
  });
});

describe("log lines: no personal datum through an error's stack", () => {
  // loggable() kept the lines of the stack that look like frames ("    at …"), but the stack's head repeats the message,
  // and a message's lines are the client's: drizzle's ends with the query's parameters, a suggestion's contact or a
  // comment among them, whose own line breaks can make a line that looks like a frame.
  it('a parameter that spells a stack frame never reaches the log', async () => {
    const message = 'D1_ERROR: constraint failed\nparams: 1,"x\n    at someone@example.com (13700001111)"';
    const failing = await logged(async () => {
      const res = await worker.fetch(new Request('https://example.test/api/v1/towns/beijing-changgouzhen'), {
        ...env,
        DB: failingDb(message),
      });
      expect(res.status).toBe(500);
    });
    expect(failing).toHaveLength(1);
    const line = JSON.parse(failing[0]!.line);
    expect(line.error).toContain('constraint failed');
    // Real frames are still there: where the error was thrown.
    expect(line.error).toMatch(/\n\s+at /);
    expect(failing[0]!.line).not.toMatch(/someone@example\.com|13700001111/);
  });
});

describe('conditional requests for what does not exist', () => {
  beforeEach(async () => {
    responseCacheForTests.reset();
    // The data changed long ago (a Last-Modified well in the past), as in production between writes.
    await env.DB.prepare("UPDATE meta SET updated_at = '2020-01-01T00:00:00.000Z' WHERE key = 'data_version'").run();
  });

  // conditionalGet answered a matching validator with 304 before the handler ran, so a path or query that is a 404 or
  // a 400 was 304 with a public Cache-Control and an ETag: any late If-Modified-Since matches, and an ETag is
  // computable from the data version and the request. RFC 9110 13.2.1: preconditions hold only for a 2xx.
  it.each(['/api/v1/towns/no-such-town', '/api/v1/nothing-here', '/api/v1/towns?limit=abc', '/api/v1/towns?format=xml', '/feeds/nothing'])(
    '%s: its 4xx, never a 304, whatever the validator',
    async (path) => {
      for (const headers of [{ 'If-Modified-Since': FAR_FUTURE }, { 'If-None-Match': '*' }] as Record<string, string>[]) {
        const res = await call(path, headers);
        expect([400, 404], `${path} ${JSON.stringify(headers)} → ${res.status}`).toContain(res.status);
        expect(res.headers.get('Cache-Control') ?? '').not.toMatch(/public/);
        expect(res.headers.get('ETag')).toBeNull();
        // The API's refusals are problems; a feed that does not exist is the site's 404 page.
        expect(res.headers.get('Content-Type')).toMatch(path.startsWith('/api/') ? /^application\/problem\+json/ : /^text\/html/);
      }
    },
  );

  it('what exists is still 304 to its validators, whether the isolate keeps it or not, and the body built for it is kept', async () => {
    for (const path of ['/api/v1/towns/beijing-changgouzhen', LARGEST_CSV]) {
      const first = await call(path);
      const etag = first.headers.get('ETag')!;
      await first.text();
      for (const headers of [{ 'If-Modified-Since': FAR_FUTURE }, { 'If-None-Match': etag }] as Record<string, string>[]) {
        responseCacheForTests.reset();
        const cold = await call(path, headers);
        expect(cold.status, `${path} cold ${JSON.stringify(headers)}`).toBe(304);
        expect(cold.headers.get('ETag')).toBe(etag);
        expect(await cold.text()).toBe('');
        // A JSON read built for a 304 is kept: the next read is served from the isolate.
        if (!path.includes('format=csv')) expect(responseCacheForTests.stats().json.entries).toBe(1);
        const warm = await call(path, headers);
        expect(warm.status, `${path} warm`).toBe(304);
        expect(responseCacheForTests.stats().pending).toBe(0);
      }
    }
  });
});

describe('security headers by what a response is, cached or not', () => {
  const DOCUMENT_CSP = /script-src 'self'/;
  const DATA_CSP = "default-src 'none'; frame-ancestors 'none'";

  it('an HTML page, the HTML 404 page and a site page that fails get the document set; data, problems and kept copies the data set', async () => {
    responseCacheForTests.reset();
    for (const path of ['/', '/no-such-page', '/feeds/nothing', '/towns/no-such-town']) {
      const res = await call(path);
      expect(res.headers.get('Content-Type'), path).toMatch(/^text\/html/);
      expect(res.headers.get('Content-Security-Policy'), path).toMatch(DOCUMENT_CSP);
      expect(res.headers.get('Referrer-Policy'), path).toBe('strict-origin-when-cross-origin');
      await res.text();
    }
    const ids = new Set<string>();
    // The second of each is the isolate's copy: it must not carry the first request's id, nor lose the data set.
    for (const path of [
      LARGEST_CSV,
      LARGEST_CSV,
      '/api/v1/towns/beijing-changgouzhen',
      '/api/v1/towns/beijing-changgouzhen',
      '/feeds/changes.atom',
      '/feeds/changes.atom',
      '/api/v1/towns/nope',
    ]) {
      const res = await call(path);
      expect(res.headers.get('Content-Security-Policy'), path).toBe(DATA_CSP);
      expect(res.headers.get('X-Content-Type-Options'), path).toBe('nosniff');
      expect(res.headers.get('X-Frame-Options'), path).toBe('DENY');
      ids.add(res.headers.get('X-Request-Id')!);
      await res.text();
    }
    expect(ids.size).toBe(7);
    expect(responseCacheForTests.stats().exports.entries).toBe(1);
  });
});

describe('an export that spans a write', () => {
  // An export streams page by page at the client's pace, each page its own D1 query: a write between two pages made
  // an export part one version and part the next, and that was kept and served as the export of the first version.
  it('is sent as it was read, but never kept under the version it started at', async () => {
    responseCacheForTests.reset();
    const path = '/api/v1/towns?format=csv&sort=id';
    const res = await call(path);
    const reader = res.body!.getReader();
    expect((await reader.read()).done).toBe(false);
    expect((await reader.read()).done).toBe(false);
    // A write elsewhere to a town on a later page (the first page has been read).
    const last = (await env.DB.prepare('SELECT id FROM towns ORDER BY id DESC LIMIT 1').first<string>('id'))!;
    await env.DB.batch([
      env.DB.prepare("UPDATE towns SET name = name || '（已改）' WHERE id = ?").bind(last),
      env.DB.prepare("UPDATE meta SET value = CAST(value AS INTEGER) + 1 WHERE key = 'data_version'"),
    ]);
    let rest = '';
    for (let next = await reader.read(); !next.done; next = await reader.read()) rest += new TextDecoder().decode(next.value);
    // The case means something: the last rows were read after the write.
    expect(rest).toContain('（已改）');
    expect(responseCacheForTests.stats().exports.entries).toBe(0);
    expect(responseCacheForTests.stats().pending).toBe(0);
    // An export read whole at one version is kept as before.
    await (await call(path)).text();
    expect(responseCacheForTests.stats().exports.entries).toBe(1);
  }, 30_000);
});
