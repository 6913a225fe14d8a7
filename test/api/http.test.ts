import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { ProblemSchema } from '../../worker/schemas/common.ts';
import { get, getJson, getParsed, request } from '../helpers.ts';

const PUBLIC_READS = [
  '/api/v1/lists',
  '/api/v1/lists/mohurd-2016-batch1',
  '/api/v1/towns?q=changgou',
  '/api/v1/stats',
  '/api/v1/sources',
  '/api/v1/reported-figures',
];

describe('caching', () => {
  it.each(PUBLIC_READS)('%s sends an ETag and answers a matching If-None-Match with 304', async (path) => {
    const first = await get(path);
    expect(first.status).toBe(200);
    const etag = first.headers.get('ETag');
    expect(etag).toMatch(/^".+"$/);
    expect(first.headers.get('Cache-Control')).toBe('public, max-age=60, s-maxage=300');
    const second = await get(path, { 'If-None-Match': etag! });
    expect(second.status).toBe(304);
    expect(await second.text()).toBe('');
    expect(second.headers.get('ETag')).toBe(etag);
    expect((await get(path, { 'If-None-Match': '"stale"' })).status).toBe(200);
  });

  it('serves a repeated read from the isolate, and makes it afresh from D1 for Cache-Control: no-cache', async () => {
    const path = '/api/v1/towns/beijing-changgouzhen/satisfaction';
    const first = await getJson(path);
    // Rollups written behind the results version's back (only submissions move it), only to see which copy is served.
    await env.DB.prepare(
      "INSERT INTO published_responses (wave_id, town_id, n) VALUES ('public-w1', 'beijing-changgouzhen', 1000) ON CONFLICT DO UPDATE SET n = n + 1000",
    ).run();
    expect((await getJson(path)).body).toEqual(first.body);
    const fresh = await getJson(path, { 'Cache-Control': 'no-cache' });
    expect(fresh.res.status).toBe(200);
    expect(fresh.body).not.toEqual(first.body);
  });

  it('gives different URLs and formats different ETags', async () => {
    const a = (await get('/api/v1/towns?limit=1')).headers.get('ETag');
    const b = (await get('/api/v1/towns?limit=2')).headers.get('ETag');
    const c = (await get('/api/v1/towns?limit=1', { Accept: 'text/csv' })).headers.get('ETag');
    expect(new Set([a, b, c]).size).toBe(3);
  });

  it('does not cache errors', async () => {
    const res = await get('/api/v1/towns/beijing-nowhere');
    expect(res.headers.get('ETag')).toBeNull();
    expect(res.headers.get('Cache-Control')).toBe('no-store');
  });
});

describe('CORS', () => {
  it('lets any origin read, without credentials', async () => {
    const res = await get('/api/v1/lists', { Origin: 'https://example.org' });
    expect(res.headers.get('Access-Control-Allow-Origin')).toBe('*');
    expect(res.headers.get('Access-Control-Allow-Credentials')).toBeNull();
  });

  it('answers a preflight for GET only', async () => {
    const res = await request('OPTIONS', '/api/v1/towns', {
      headers: { Origin: 'https://example.org', 'Access-Control-Request-Method': 'GET' },
    });
    expect(res.status).toBe(204);
    expect(res.headers.get('Access-Control-Allow-Methods')).toBe('GET,HEAD,OPTIONS');
  });
});

describe('errors', () => {
  it('answers an unknown route with 404 problem+json', async () => {
    const { res, body } = await getParsed(ProblemSchema, '/api/v1/nothing-here');
    expect(res.status).toBe(404);
    expect(res.headers.get('Content-Type')).toBe('application/problem+json; charset=utf-8');
    expect(body).toEqual({
      type: 'urn:tesexiaozhen:problem:not-found',
      title: 'Not found',
      status: 404,
      detail: expect.stringContaining('/api/v1/nothing-here'),
      instance: '/api/v1/nothing-here',
      request_id: res.headers.get('X-Request-Id'),
    });
  });

  it.each([
    ['POST', '/api/v1/towns'],
    ['DELETE', '/api/v1/towns/beijing-changgouzhen'],
    ['PUT', '/api/v1/lists/mohurd-2016-batch1'],
  ])('answers %s %s with 405 and Allow', async (method, path) => {
    const res = await request(method, path);
    expect(res.status).toBe(405);
    expect(res.headers.get('Allow')).toBe('GET, HEAD, OPTIONS');
    expect(await res.json()).toMatchObject({ type: 'urn:tesexiaozhen:problem:method-not-allowed', status: 405 });
  });

  it('never shows a stack trace, SQL or a file path', async () => {
    for (const path of [
      '/api/v1/towns?limit=-1',
      '/api/v1/towns/x',
      '/nope',
      `/api/v1/towns?cursor=${'%FF'.repeat(10)}`,
      '/api/v1/towns?q=%27%3B%20DROP%20TABLE%20towns%3B--',
    ]) {
      const res = await get(path);
      const text = await res.text();
      expect(res.status, path).toBeLessThan(500);
      expect(text, path).not.toMatch(/at .+\(|SELECT|sqlite|\.ts:\d+|node_modules/i);
    }
  });

  it('answers HEAD like GET without a body', async () => {
    const res = await request('HEAD', '/api/v1/lists');
    expect(res.status).toBe(200);
    expect(await res.text()).toBe('');
  });
});

describe('security headers', () => {
  it.each(['/docs', '/nope', '/towns/beijing-changgouzhen'])(
    'the page %s has nosniff, a CSP without inline script, HSTS and a referrer policy',
    async (path) => {
      const res = await get(path);
      expect(res.headers.get('Content-Type')).toMatch(/^text\/html/);
      expect(res.headers.get('X-Content-Type-Options')).toBe('nosniff');
      const csp = res.headers.get('Content-Security-Policy')!;
      expect(csp).toContain("frame-ancestors 'none'");
      expect(csp).not.toContain('unsafe-inline');
      expect(res.headers.get('Strict-Transport-Security')).toContain('max-age=');
      expect(res.headers.get('Referrer-Policy')).toBe('strict-origin-when-cross-origin');
      expect(res.headers.get('Permissions-Policy')).toContain('camera=()');
      expect(res.headers.get('Cross-Origin-Opener-Policy')).toBe('same-origin');
    },
  );

  it.each(['/api/v1/lists', '/api/v1/towns?list=mohurd-2016-batch1&format=csv', '/api/v1/nope', '/openapi.json', '/feeds/changes.atom'])(
    'data at %s keeps nosniff, no framing, a CSP that allows nothing, HSTS and CORP, and none of the page-only headers',
    async (path) => {
      const res = await get(path);
      expect(res.headers.get('Content-Type')).not.toMatch(/^text\/html/);
      expect(res.headers.get('X-Content-Type-Options')).toBe('nosniff');
      expect(res.headers.get('X-Frame-Options')).toBe('DENY');
      expect(res.headers.get('Content-Security-Policy')).toBe("default-src 'none'; frame-ancestors 'none'");
      expect(res.headers.get('Strict-Transport-Security')).toContain('max-age=');
      expect(res.headers.get('Cross-Origin-Resource-Policy')).toBe('cross-origin');
      for (const name of [
        'Referrer-Policy',
        'Permissions-Policy',
        'Cross-Origin-Opener-Policy',
        'Origin-Agent-Cluster',
        'X-XSS-Protection',
      ]) {
        expect(res.headers.get(name), name).toBeNull();
      }
      await res.arrayBuffer();
    },
  );

  it('sends JSON with a charset', async () => {
    expect((await get('/api/v1/lists')).headers.get('Content-Type')).toBe('application/json; charset=utf-8');
  });
});

describe('read replication', () => {
  it('returns a D1 bookmark and accepts it back, and ignores one that is not a bookmark', async () => {
    const first = await get('/api/v1/lists');
    const bookmark = first.headers.get('x-d1-bookmark');
    expect(bookmark).toBeTruthy();
    expect((await get('/api/v1/lists', { 'x-d1-bookmark': bookmark! })).status).toBe(200);
    expect((await get('/api/v1/lists', { 'x-d1-bookmark': '<script>' })).status).toBe(200);
    expect((await get('/api/v1/lists', { 'x-d1-bookmark': 'AAAA-not-real' })).status).toBe(200);
  });
});
