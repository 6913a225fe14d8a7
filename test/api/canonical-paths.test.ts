import { describe, expect, it } from 'vitest';
import { createApp } from '../../worker/app.ts';
import { canonicalPath } from '../../worker/http/canonical-path.ts';
import { SurveySchema } from '../../worker/schemas/surveys.ts';
import { TownSchema } from '../../worker/schemas/towns.ts';
import { adminHeaders, get, getJson, getParsed, request } from '../helpers.ts';

const ADMIN = adminHeaders('admin');

/** Every admin operation the worker routes, with its path parameters filled in. */
const ADMIN_OPERATIONS = [
  ...new Set(
    createApp()
      .routes.filter((r) => r.path.startsWith('/api/v1/admin/') && r.method !== 'ALL' && !r.path.includes('*'))
      .map((r) => `${r.method} ${r.path.replace(':id', 'public')}`),
  ),
].map((op) => ({ method: op.split(' ')[0]!, path: op.split(' ')[1]! }));

/** Spellings of one path that a router decoding percent-encoding (or a careless proxy) may take for it. */
function spellings(path: string): string[] {
  const rest = path.slice('/api/v1/admin'.length);
  const encodeAll = (s: string) => [...s].map((ch) => (/[a-z]/.test(ch) ? `%${ch.charCodeAt(0).toString(16)}` : ch)).join('');
  return [
    `/api/v1/%61dmin${rest}`,
    `/api/v1/%41dmin${rest}`,
    `/api/v1/adm%69n${rest}`,
    `/api/v1/${encodeAll('admin')}${rest}`,
    `/api/v1/admin${encodeAll(rest)}`,
    `/%61pi/%761/admin${rest}`,
    `/api/v1/Admin${rest}`,
    `/API/V1/ADMIN${rest.toUpperCase()}`,
    `/api/v1//admin${rest}`,
    `//api/v1/admin${rest}`,
    `/api//v1/admin/${rest}`,
    `/api/v1/admin${rest}/`,
    `/api/v1/admin${rest}%2F`,
    `/api/v1%2Fadmin${rest}`,
    `/api/v1/%2561dmin${rest}`,
    `/api/v1/x/../admin${rest}`,
    `/api/v1/x/%2e%2e/admin${rest}`,
    `/api/v1\\admin${rest}`,
  ];
}

describe('one canonical path for routing, authentication and caching', { timeout: 60_000 }, () => {
  it('found admin operations to try', () => {
    expect(ADMIN_OPERATIONS.length).toBeGreaterThanOrEqual(10);
  });

  it.each(ADMIN_OPERATIONS)(
    '$method $path: no spelling is served without a token, after an authorised read of the same spelling',
    async ({ method, path }) => {
      for (const spelling of spellings(path)) {
        const body = method === 'GET' ? undefined : '{}';
        const headers = { 'Content-Type': 'application/json' };
        // An authorised request first: before the fix, its answer was kept in the shared read cache under the raw spelling.
        const authorised = await request(method, spelling, { headers: { ...headers, ...ADMIN }, body });
        expect(authorised.headers.get('Cache-Control') ?? '', spelling).not.toMatch(/public/);
        const anonymous = await request(method, spelling, { headers, body });
        expect([400, 401, 404, 405], `${method} ${spelling} → ${anonymous.status}`).toContain(anonymous.status);
        expect(anonymous.headers.get('Cache-Control') ?? '', spelling).not.toMatch(/public/);
        const text = await anonymous.text();
        expect(text, spelling).not.toMatch(/"items"|"actor"|"receipt"/);
      }
    },
  );

  it('serves the audit log under an encoded spelling only with a token, and never from a shared copy', async () => {
    const authorised = await get('/api/v1/%61dmin/audit', ADMIN);
    expect(authorised.status).toBe(200);
    expect(authorised.headers.get('Cache-Control')).toBe('private, no-store');
    expect(authorised.headers.get('ETag')).toBeNull();
    const anonymous = await get('/api/v1/%61dmin/audit');
    expect(anonymous.status).toBe(401);
    const exported = await get('/api/v1/%61dmin/surveys/public/responses', ADMIN);
    expect(exported.headers.get('Cache-Control')).toBe('private, no-store');
    expect((await get('/api/v1/%61dmin/surveys/public/responses')).status).toBe(401);
  });

  it('an encoded spelling of the survey reflects the window as the canonical one does', async () => {
    expect((await getParsed(SurveySchema, '/api/v1/%73urveys/public')).body.window.open).toBe(true);
    const put = (window: unknown) =>
      request('PUT', '/api/v1/admin/surveys/public/window', {
        headers: { ...ADMIN, 'Content-Type': 'application/json' },
        body: JSON.stringify(window),
      });
    expect((await put({ opens_at: '2026-01-01T00:00:00Z', closes_at: '2026-01-02T00:00:00Z' })).status).toBe(200);
    try {
      for (const path of ['/api/v1/%73urveys/public', '/api/v1/surveys/%70ublic', '/api/v1//surveys/public']) {
        const { res, body } = await getParsed(SurveySchema, path);
        expect(res.status, path).toBe(200);
        expect(body.window.open, path).toBe(false);
      }
    } finally {
      expect((await put({ opens_at: null, closes_at: null })).status).toBe(200);
    }
  });

  it('refuses encoded separators, double encoding, NUL and control characters with 400 problem+json', async () => {
    for (const path of [
      '/api/v1/towns%2Fbeijing-changgouzhen',
      '/api/v1/towns/a%5Cb',
      '/api/v1/%2561dmin/audit',
      '/api/v1/towns/%00',
      '/api/v1/towns/a%0Ab',
      '/api/v1/towns/%ff',
      '/api/v1/towns/%E9%95',
      '/api/v1/towns/a%3Fb',
      '/api/v1/towns/a%23b',
    ]) {
      const res = await get(path);
      expect(res.status, path).toBe(400);
      expect(res.headers.get('Content-Type')).toBe('application/problem+json; charset=utf-8');
      expect((await res.json<any>()).type, path).toBe('urn:tesexiaozhen:problem:invalid-path');
    }
  });

  it('routes percent-encoded and doubled-slash spellings of a public read to the one resource', async () => {
    const canonical = await getParsed(TownSchema, '/api/v1/towns/beijing-changgouzhen');
    for (const path of [
      '/api/v1/towns/%62eijing-changgouzhen',
      '/api/v1//towns/beijing-changgouzhen',
      '/%61pi/v1/towns/beijing-changgouzhen',
    ]) {
      const { res, body } = await getJson(path);
      expect(res.status, path).toBe(200);
      expect(body).toEqual(canonical.body);
      expect(res.headers.get('ETag'), path).toBe(canonical.res.headers.get('ETag'));
    }
  });

  it('canonicalPath: decodes once, collapses slashes, refuses what has no safe meaning', () => {
    expect(canonicalPath('/api/v1/%61dmin/audit')).toEqual({ ok: true, path: '/api/v1/admin/audit' });
    expect(canonicalPath('//evil.example/x')).toEqual({ ok: true, path: '/evil.example/x' });
    expect(canonicalPath('/towns/%e9%95%bf')).toEqual({ ok: true, path: '/towns/%E9%95%BF' });
    expect(canonicalPath('/a/%20b')).toEqual({ ok: true, path: '/a/%20b' });
    expect(canonicalPath("/a/:@!$&'()*+,;=")).toEqual({ ok: true, path: "/a/:@!$&'()*+,;=" });
    for (const bad of [
      '/a%2fb',
      '/a%2Fb',
      '/a%5cb',
      '/a%255c',
      '/a/%00',
      '/a/%7f',
      '/a/%',
      '/a/%zz',
      '/a/%c3',
      '/a/./b',
      '/a/../b',
      '/a/%2e%2e/b',
      '/a\\b',
      '/a%3fb',
      '/a%23b',
    ]) {
      expect(canonicalPath(bad).ok, bad).toBe(false);
    }
  });
});

describe('method handling', { timeout: 30_000 }, () => {
  it('answers a bare OPTIONS on any route with 204 and Allow, admin routes included, without authentication', async () => {
    for (const [path, allow] of [
      ['/api/v1/towns', 'GET, HEAD, OPTIONS'],
      ['/api/v1/surveys/public/responses', 'OPTIONS, POST'],
      ['/api/v1/admin/audit', 'GET, HEAD, OPTIONS'],
      ['/api/v1/admin/lists/x', 'OPTIONS, PATCH'],
      ['/towns/beijing-changgouzhen', 'GET, HEAD, OPTIONS'],
    ]) {
      const res = await request('OPTIONS', path!);
      expect(res.status, path).toBe(204);
      expect(res.headers.get('Allow'), path).toBe(allow);
      expect(res.headers.get('Access-Control-Allow-Origin'), path).toBeNull();
    }
    expect((await request('OPTIONS', '/api/v1/nothing-here')).status).toBe(404);
  });

  it('grants CORS preflights for reads only', async () => {
    const preflight = (path: string, method: string) =>
      request('OPTIONS', path, { headers: { Origin: 'https://example.org', 'Access-Control-Request-Method': method } });
    expect((await preflight('/api/v1/towns', 'GET')).headers.get('Access-Control-Allow-Origin')).toBe('*');
    for (const [path, method] of [
      ['/api/v1/surveys/public/responses', 'POST'],
      ['/api/v1/admin/audit', 'GET'],
      ['/api/v1/admin/events', 'POST'],
      ['/api/v1/%61dmin/audit', 'GET'],
    ]) {
      const res = await preflight(path!, method!);
      expect(res.headers.get('Access-Control-Allow-Origin'), `${method} ${path}`).toBeNull();
      expect(res.headers.get('Access-Control-Allow-Methods'), `${method} ${path}`).toBeNull();
    }
  });

  it('answers an unsupported method on an admin path with 405 and Allow before authentication', async () => {
    for (const [method, path, allow] of [
      ['DELETE', '/api/v1/admin/audit', 'GET, HEAD, OPTIONS'],
      ['POST', '/api/v1/admin/audit', 'GET, HEAD, OPTIONS'],
      ['GET', '/api/v1/admin/events', 'OPTIONS, POST'],
      ['DELETE', '/api/v1/admin/surveys/public/window', 'OPTIONS, PUT'],
      ['POST', '/api/v1/%61dmin/audit', 'GET, HEAD, OPTIONS'],
    ]) {
      const res = await request(method!, path!);
      expect(res.status, `${method} ${path}`).toBe(405);
      expect(res.headers.get('Allow'), `${method} ${path}`).toBe(allow);
    }
  });

  it('answers unknown admin paths 401 without a token and 404 with one, trailing slash included', async () => {
    for (const path of ['/api/v1/admin/nothing', '/api/v1/admin/audit/', '/api/v1/admin/', '/api/v1/admin']) {
      expect((await get(path)).status, path).toBe(401);
      expect((await get(path, ADMIN)).status, path).toBe(404);
    }
  });
});

describe('conditional requests', () => {
  it('answers If-None-Match: * with 304 only where the resource exists', async () => {
    const wildcard = { 'If-None-Match': '*' };
    expect((await get('/api/v1/towns/beijing-changgouzhen', wildcard)).status).toBe(304);
    // Once more, now that the isolate keeps a copy of it.
    expect((await get('/api/v1/towns/beijing-changgouzhen', wildcard)).status).toBe(304);
    expect((await get('/api/v1/towns/beijing-nowhere', wildcard)).status).toBe(404);
    expect((await get('/api/v1/towns?limit=0', wildcard)).status).toBe(400);
    expect((await get('/api/v1/lists/no-such-list', wildcard)).status).toBe(404);
  });
});

describe('links on the 404 page', () => {
  it.each(['//evil.example/x', '/\\evil.example', '//evil.example', '/%2F%2Fevil.example', '///evil.example/x?lang=zh'])(
    '%s: every link stays on this site',
    async (path) => {
      const res = await get(path);
      expect([400, 404]).toContain(res.status);
      const html = await res.text();
      const hrefs = [...html.matchAll(/(?:href|action|src)="([^"]*)"/g)].map((m) => m[1]!);
      // The footer's licence link is the one fixed link off the site; nothing from the path may add another.
      for (const href of hrefs.filter((h) => h !== 'https://creativecommons.org/licenses/by/4.0/')) {
        expect(href, href).not.toMatch(/^\/\/|^\/\\|^[a-z]+:\/\/(?!example\.test\/)/i);
      }
    },
  );
});

describe('security headers', () => {
  it('never contradicts frame-ancestors, denies unused browser features, and caches the docs', async () => {
    for (const path of ['/', '/api/v1/lists', '/docs']) {
      const res = await get(path);
      expect(res.headers.get('X-Frame-Options'), path).toBe('DENY');
      expect(res.headers.get('Content-Security-Policy'), path).toContain("frame-ancestors 'none'");
      // Browser features are a page's business; data gets the shorter set (security-headers.ts).
      if (path === '/api/v1/lists') expect(res.headers.get('Permissions-Policy'), path).toBeNull();
      else expect(res.headers.get('Permissions-Policy'), path).toMatch(/camera=\(\).*geolocation=\(\)/);
    }
    expect((await get('/docs')).headers.get('Cache-Control')).toBe('public, max-age=300');
  });

  it('gives every page a Cache-Control: pages in the reader’s language are private, refusals and missing pages not kept', async () => {
    for (const [path, expected] of [
      ['/survey', 'private, max-age=60'],
      ['/survey/public', 'private, max-age=60'],
      ['/survey/enterprise?q=长沟', 'private, max-age=60'],
      ['/survey/public?town=beijing-changgouzhen', 'no-store'],
      ['/survey/thanks?receipt=r-unknown', 'no-store'],
      ['/no-such-page', 'no-store'],
      ['/lists/mohurd-2016-batch1?cursor=garbage', 'no-store'],
    ]) {
      expect((await get(path!)).headers.get('Cache-Control'), path).toBe(expected);
    }
  });
});
