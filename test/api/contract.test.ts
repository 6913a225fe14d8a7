import { describe, expect, it } from 'vitest';
import doc from '../../openapi/openapi.json';
import { ProblemSchema } from '../../worker/schemas/common.ts';
import { adminHeaders, fullAnswers, getParsed, KNOWN_TOWN, request, submit } from '../helpers.ts';

type Json = Record<string, any>;
const document = doc as unknown as Json;
const schemas = document.components.schemas as Json;
const operations = Object.entries(document.paths as Json).flatMap(([path, item]) =>
  Object.entries(item as Json).map(([method, op]) => ({ path, method, op: op as Json })),
);
const ADMIN = adminHeaders('admin');

/** The schema of a query parameter of one operation. */
function queryParam(path: string, name: string): Json {
  const op = (document.paths as Json)[path].get;
  return op.parameters.find((p: Json) => p.name === name && p.in === 'query').schema;
}

describe('the OpenAPI document is as strict as the server', () => {
  it('gives every operation a unique camelCase operationId and a security requirement', () => {
    const ids = operations.map((o) => o.op.operationId);
    expect(ids.every((id) => typeof id === 'string' && /^[a-z][a-zA-Z0-9]+$/.test(id))).toBe(true);
    expect(new Set(ids).size).toBe(ids.length);
    for (const { path, method, op } of operations) {
      const expected = path.startsWith('/api/v1/admin/') ? [{ bearer: [] }] : [];
      expect(op.security, `${method} ${path}`).toEqual(expected);
      if (path.startsWith('/api/v1/admin/'))
        expect(Object.keys(op.responses), `${method} ${path}`).toEqual(expect.arrayContaining(['401', '403']));
    }
  });

  it('documents a 4xx for every operation but the feed and the health probes', () => {
    const without = operations.filter(({ op }) => !Object.keys(op.responses).some((code) => /^4/.test(code))).map((o) => o.path);
    expect(without.sort()).toEqual(['/feeds/changes.atom', '/healthz', '/livez']);
  });

  it('names its server and the data licence (SPDX id with its URL)', () => {
    expect(document.servers).toEqual([{ url: '/', description: expect.any(String) }]);
    expect(document.info.license).toEqual({ name: 'CC-BY-4.0', url: 'https://creativecommons.org/licenses/by/4.0/' });
  });

  it('says which strings are dates, and at which precision', () => {
    expect(queryParam('/api/v1/towns', 'as_of')).toMatchObject({ type: 'string', format: 'date' });
    const datePattern = new RegExp(schemas.StatusEvent.properties.effective_date.pattern);
    for (const ok of ['2016', '2016-10', '2016-10-14']) expect(datePattern.test(ok), ok).toBe(true);
    for (const bad of ['16-10-14', '2016-13', '2016-10-32', '2016/10/14', '2016-10-14T00:00:00Z'])
      expect(datePattern.test(bad), bad).toBe(false);
    const published = JSON.stringify(schemas.List.properties.published_on);
    expect(published).toContain('"pattern"');
    const input = JSON.stringify(schemas.StatusEventCreate.properties.effective_date);
    expect(input).toContain('"pattern"');
    expect(JSON.stringify(schemas.WindowUpdate.properties.opens_at)).toContain('date-time');
  });

  it('expresses consent, the honeypot and a non-empty PATCH in the schema', () => {
    expect(schemas.Submission.properties.consent.properties.participation.enum).toEqual([true]);
    expect(schemas.Submission.properties.website.maxLength).toBe(0);
    expect(schemas.ListUpdate.minProperties).toBe(1);
  });
});

describe('what the document promises, the server does', () => {
  it('takes a window in Beijing time (any RFC 3339 offset) and stores it in UTC', async () => {
    const put = (body: unknown) =>
      request('PUT', '/api/v1/admin/surveys/public/window', {
        headers: { ...ADMIN, 'Content-Type': 'application/json' },
        body: JSON.stringify(body),
      });
    const res = await put({ opens_at: '2026-01-01T08:00:00+08:00', closes_at: '2026-01-02T07:59:59.5+08:00' });
    expect(res.status).toBe(200);
    expect((await res.json<Json>()).window).toEqual({
      opens_at: '2026-01-01T00:00:00.000Z',
      closes_at: '2026-01-01T23:59:59.500Z',
      open: false,
    });
    // 2026-01-02T00:00+08:00 is 2026-01-01T16:00Z: after a close at 15:00Z, whatever the spelling.
    expect((await put({ opens_at: '2026-01-02T00:00:00+08:00', closes_at: '2026-01-01T15:00:00Z' })).status).toBe(400);
    expect((await put({ opens_at: '2026-01-01 08:00', closes_at: null })).status).toBe(400);
    expect((await put({ opens_at: null, closes_at: null })).status).toBe(200);
  });

  it('refuses an empty PATCH', async () => {
    const res = await request('PATCH', '/api/v1/admin/lists/mohurd-2016-batch1', {
      headers: { ...ADMIN, 'Content-Type': 'application/json' },
      body: '{}',
    });
    expect(res.status).toBe(400);
  });

  it('names a bad parameter once, and says how to send a missing one', async () => {
    const { res, body } = await getParsed(ProblemSchema, '/api/v1/towns?as_of=2019-02-30');
    expect(res.status).toBe(400);
    expect(body.detail).toBe('Invalid as_of: Must be a real calendar date written YYYY-MM-DD');
    const two = await getParsed(ProblemSchema, '/api/v1/towns?as_of=2019-02-30&limit=0');
    expect(two.body.detail).toMatch(/^2 invalid parameters: as_of: .+; limit: .+/);
    const missing = await submit(
      'public',
      { town_id: KNOWN_TOWN, answers: await fullAnswers('public'), consent: { participation: true } },
      { key: null },
    );
    expect(missing.status).toBe(400);
    const problem = await missing.json<Json>();
    expect(problem.errors).toEqual([
      {
        name: 'idempotency-key',
        in: 'header',
        code: 'required',
        detail: expect.stringMatching(/^Missing: send an Idempotency-Key header/),
      },
    ]);
    expect(problem.detail).not.toMatch(/undefined/);
  });
});
