import { createScheduledController } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { afterEach, describe, expect, it, vi } from 'vitest';
import worker from '../../worker/index.ts';
import { ProblemSchema } from '../../worker/schemas/common.ts';
import { adminHeaders, failingDb, get, logged, parseAs, request } from '../helpers.ts';

// Issue 15, operations: one id per request, answered in X-Request-Id on every response, carried by every
// problem+json body (`request_id`) and by every log line, which are JSON and never hold personal data.

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const RAY = '8f2a5c0d9e1b3a47-LHR';
const TOWN_PATH = '/api/v1/towns/beijing-changgouzhen';

afterEach(() => vi.restoreAllMocks());

/** The response's id, checked to be one the worker makes: a UUID unless a well-formed cf-ray was sent. */
function idOf(res: Response): string {
  const id = res.headers.get('X-Request-Id');
  expect(id, `${res.status} ${res.url}`).toMatch(UUID);
  return id!;
}

/** A problem response whose body names the same request as its header. */
async function expectProblem(res: Response, status: number): Promise<Record<string, unknown>> {
  expect(res.status).toBe(status);
  expect(res.headers.get('Content-Type')).toBe('application/problem+json; charset=utf-8');
  const body = parseAs(ProblemSchema, await res.json());
  expect(body.request_id).toBe(idOf(res));
  return body;
}

describe('X-Request-Id on every response', () => {
  it('a JSON read, a page of the site, a CORS preflight and a 304 each get a fresh id', async () => {
    const json = await get(TOWN_PATH);
    expect(json.status).toBe(200);
    const page = await get('/');
    expect(page.status).toBe(200);
    expect(page.headers.get('Content-Type')).toMatch(/^text\/html/);
    const preflight = await request('OPTIONS', TOWN_PATH, {
      headers: { Origin: 'https://example.org', 'Access-Control-Request-Method': 'GET' },
    });
    expect(preflight.status).toBe(204);
    const notModified = await get(TOWN_PATH, { 'If-None-Match': json.headers.get('ETag')! });
    expect(notModified.status).toBe(304);
    const ids = [json, page, preflight, notModified].map(idOf);
    expect(new Set(ids).size).toBe(4);
  });

  it('is readable by a script on another origin (exposed by CORS on public reads)', async () => {
    const res = await get(TOWN_PATH, { Origin: 'https://example.org' });
    expect(res.headers.get('Access-Control-Expose-Headers')?.toLowerCase()).toContain('x-request-id');
  });

  it('404: an unknown API path (problem) and an unknown page (HTML)', async () => {
    const body = await expectProblem(await get('/api/v1/nothing-here'), 404);
    expect(body.type).toBe('urn:tesexiaozhen:problem:not-found');
    const page = await get('/no-such-page');
    expect(page.status).toBe(404);
    expect(page.headers.get('Content-Type')).toMatch(/^text\/html/);
    idOf(page);
  });

  it('405, from notFound (public) and from the method gate (admin)', async () => {
    await expectProblem(await request('POST', '/api/v1/towns'), 405);
    await expectProblem(await request('DELETE', '/api/v1/admin/audit'), 405);
  });

  it('413: a body over 64 KB', async () => {
    const res = await request('POST', '/api/v1/suggestions', {
      headers: { 'Content-Type': 'application/json', 'Idempotency-Key': `reqid-${crypto.randomUUID()}`, 'CF-Connecting-IP': '192.0.2.77' },
      body: JSON.stringify({ note: 'x'.repeat(70 * 1024) }),
    });
    expect((await expectProblem(res, 413)).type).toBe('urn:tesexiaozhen:problem:payload-too-large');
  });

  it('400: a validation error and a path refused before the app', async () => {
    await expectProblem(await get('/api/v1/towns?limit=0'), 400);
    const refused = await expectProblem(await get('/api/v1/towns%2Fbeijing-changgouzhen'), 400);
    expect(refused.type).toBe('urn:tesexiaozhen:problem:invalid-path');
  });

  it('admin: 401 without a token, 403 with a token lacking the role', async () => {
    await expectProblem(await get('/api/v1/admin/audit'), 401);
    await expectProblem(await get('/api/v1/admin/audit', adminHeaders('editor')), 403);
    await expectProblem(await get('/api/v1/admin/audit', { Authorization: 'Bearer not-a-token' }), 403);
  });

  it('500 and 503 from the error handler, each logged once as JSON with the same id', async () => {
    let internal!: Response;
    const lines = await logged(async () => {
      internal = await worker.fetch(new Request(`https://example.test${TOWN_PATH}?q=secret-search-term`), {
        ...env,
        DB: failingDb('D1_ERROR: no such table: towns'),
      });
    });
    const body = await expectProblem(internal, 500);
    expect(body.type).toBe('urn:tesexiaozhen:problem:internal-error');
    expect(lines).toHaveLength(1);
    expect(lines[0]!.level).toBe('error');
    expect(JSON.parse(lines[0]!.line)).toMatchObject({
      level: 'error',
      msg: 'unhandled error',
      request_id: body.request_id,
      method: 'GET',
      path: TOWN_PATH,
      status: 500,
    });
    expect(lines[0]!.line).not.toContain('secret-search-term');

    let busy!: Response;
    const busyLines = await logged(async () => {
      busy = await worker.fetch(new Request(`https://example.test${TOWN_PATH}`), {
        ...env,
        DB: failingDb('D1_ERROR: D1 DB is overloaded. Requests queued for too long.'),
      });
    });
    const busyBody = await expectProblem(busy, 503);
    expect(busyLines.map((l) => l.level)).toEqual(['warn']);
    expect(JSON.parse(busyLines[0]!.line)).toMatchObject({
      level: 'warn',
      msg: 'database busy',
      request_id: busyBody.request_id,
      path: TOWN_PATH,
      status: 503,
    });
  });

  it('a page of the site that fails gets its id too, in the response and its log line', async () => {
    let res!: Response;
    const lines = await logged(async () => {
      res = await worker.fetch(new Request('https://example.test/towns/beijing-changgouzhen'), {
        ...env,
        DB: failingDb('D1_ERROR: no such table: towns'),
      });
    });
    expect(res.status).toBe(500);
    expect(JSON.parse(lines[0]!.line).request_id).toBe(idOf(res));
  });
});

describe('which id', () => {
  it("is Cloudflare's cf-ray when the request has one, in the header and the problem alike", async () => {
    const res = await get('/api/v1/nothing-here', { 'cf-ray': RAY });
    expect(res.headers.get('X-Request-Id')).toBe(RAY);
    expect(parseAs(ProblemSchema, await res.json()).request_id).toBe(RAY);
    // A ray without its data centre, as some hops give it.
    expect((await get(TOWN_PATH, { 'cf-ray': '8f2a5c0d9e1b3a47' })).headers.get('X-Request-Id')).toBe('8f2a5c0d9e1b3a47');
  });

  it.each([
    ['HTML', '<script>alert(1)</script>'],
    ['10 KB', 'a'.repeat(10 * 1024)],
    ['encoded CRLF and a header', 'abc%0d%0aSet-Cookie:%20x=1'],
    ['a ray with more', `${RAY}, 8f2a5c0d9e1b3a48-LHR`],
  ])('never echoes a hostile cf-ray or x-request-id (%s)', async (_, value) => {
    const res = await get('/api/v1/nothing-here', { 'cf-ray': value, 'x-request-id': value });
    const body = await expectProblem(res, 404);
    expect(JSON.stringify(body)).not.toContain(value.slice(0, 20));
  });

  it('ignores a client x-request-id even when it is well formed: the client learns the id from the response', async () => {
    const sent = crypto.randomUUID();
    const res = await get('/api/v1/nothing-here', { 'x-request-id': sent });
    expect(await expectProblem(res, 404)).not.toMatchObject({ request_id: sent });
    expect(res.headers.get('X-Request-Id')).not.toBe(sent);
  });

  it('a CR or LF cannot even be sent in a header (the platform refuses it before the worker)', () => {
    expect(() => new Headers({ 'x-request-id': 'a\r\nSet-Cookie: x=1' })).toThrow();
  });

  it("is the admin audit's request_id for what that request wrote", async () => {
    const ray = '0123456789abcdef-SIN';
    const res = await get('/api/v1/admin/surveys/public/responses', adminHeaders('surveys', { 'cf-ray': ray }));
    expect(res.status).toBe(200);
    await res.arrayBuffer();
    expect(res.headers.get('X-Request-Id')).toBe(ray);
    const rows = (
      await env.DB.prepare('SELECT actor, action FROM audit_log WHERE request_id = ?').bind(ray).all<{ actor: string; action: string }>()
    ).results;
    expect(rows).toEqual([{ actor: 'test-surveys', action: 'export' }]);
  });
});

describe('the log lines', () => {
  it('hold the pathname only, with a receipt masked and a long path cut', async () => {
    const receipt = `s-${crypto.randomUUID()}`;
    const long = `/api/v1/towns/${'x'.repeat(5000)}`;
    const broken = { ...env, DB: failingDb('D1_ERROR: no such table: suggestions') };
    const lines = await logged(async () => {
      await worker.fetch(new Request(`https://example.test/api/v1/suggestions/${receipt}?contact=someone%40example.com`), broken);
      await worker.fetch(new Request(`https://example.test/suggestions/${receipt}`), broken);
      await worker.fetch(new Request(`https://example.test${long}?q=x`), broken);
    });
    const parsed = lines.map((l) => JSON.parse(l.line));
    expect(parsed.map((p) => p.path)).toEqual(['/api/v1/suggestions/{receipt}', '/suggestions/{receipt}', `${long.slice(0, 200)}…`]);
    const text = lines.map((l) => l.line).join('\n');
    expect(text).not.toContain(receipt);
    expect(text).not.toContain('someone');
    expect(text).not.toContain('?');
    for (const p of parsed) expect(p.request_id).toMatch(UUID);
  });

  it('never hold the parameters drizzle puts in its error message', async () => {
    const lines = await logged(async () => {
      const res = await worker.fetch(new Request(`https://example.test${TOWN_PATH}`), {
        ...env,
        DB: failingDb('D1_ERROR: constraint failed\nparams: 13700001111,someone@example.com'),
      });
      expect(res.status).toBe(500);
    });
    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0]!.line).error).toContain('constraint failed');
    expect(lines[0]!.line).not.toMatch(/13700001111|someone@example\.com/);
  });

  it('a configuration error logged by a service carries the id of the request that met it', async () => {
    let res!: Response;
    // A value of its own: the secret is parsed, and a bad one reported, once per isolate and value.
    const lines = await logged(async () => {
      res = await worker.fetch(new Request('https://example.test/api/v1/admin/audit', { headers: adminHeaders('admin') }), {
        ...env,
        ADMIN_TOKENS: `not json ${crypto.randomUUID()}`,
      });
    });
    await expectProblem(res, 403);
    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0]!.line)).toEqual({
      level: 'error',
      msg: 'ADMIN_TOKENS is not JSON: every admin request will be refused',
      request_id: res.headers.get('X-Request-Id'),
      method: 'GET',
      path: '/api/v1/admin/audit',
    });
  });

  it('a cron run that fails logs, under an id of its own, which task failed', async () => {
    const lines = await logged(async () => {
      await expect(
        worker.scheduled(createScheduledController({ scheduledTime: Date.now(), cron: '0 * * * *' }), {
          ...env,
          DB: failingDb('D1_ERROR: no such table: x'),
        }),
      ).rejects.toThrow();
    });
    const parsed = lines.map((l) => JSON.parse(l.line));
    expect(parsed.length).toBeGreaterThanOrEqual(1);
    const runId = parsed[0].request_id;
    expect(runId).toMatch(/^cron-[0-9a-f-]{36}$/);
    for (const p of parsed)
      expect(p).toMatchObject({
        level: 'error',
        msg: 'scheduled task failed',
        request_id: runId,
        cron: '0 * * * *',
        task: expect.any(String),
      });
  });
});
