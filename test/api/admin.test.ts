import { describe, expect, it } from 'vitest';
import { ProblemSchema } from '../../worker/schemas/common.ts';
import { ReceiptSchema, SurveySummarySchema } from '../../worker/schemas/surveys.ts';
import { adminHeaders, fullAnswers, get, KNOWN_TOWN, parseAs, request, submit } from '../helpers.ts';

const TOKEN = adminHeaders('admin');
const ADMIN_ROUTES: [string, string, string?][] = [
  ['GET', '/api/v1/admin/surveys/public/responses'],
  ['PUT', '/api/v1/admin/surveys/public/window', JSON.stringify({ opens_at: null, closes_at: null })],
];

describe('admin API', () => {
  it.each(ADMIN_ROUTES)('%s %s refuses anonymous (401) and wrong tokens (403)', async (method, path, body) => {
    const headers = { 'Content-Type': 'application/json' };
    const anonymous = await request(method, path, { headers, body });
    expect(anonymous.status).toBe(401);
    expect(anonymous.headers.get('WWW-Authenticate')).toContain('Bearer');
    expect(parseAs(ProblemSchema, await anonymous.json()).type).toBe('urn:tesexiaozhen:problem:unauthorized');
    const wrong = await request(method, path, { headers: { ...headers, Authorization: 'Bearer not-the-token' }, body });
    expect(wrong.status).toBe(403);
    const malformed = await request(method, path, { headers: { ...headers, Authorization: 'Basic abc' }, body });
    expect(malformed.status).toBe(401);
  });

  it('every admin route in the OpenAPI document is denied without a token', async () => {
    const { default: doc } = await import('../../openapi/openapi.json');
    const adminPaths = Object.entries(doc.paths).filter(([path]) => path.startsWith('/api/v1/admin/'));
    expect(adminPaths.length).toBeGreaterThan(0);
    for (const [path, ops] of adminPaths) {
      for (const method of Object.keys(ops)) {
        const res = await request(method.toUpperCase(), path.replace('{id}', 'public'), {
          headers: { 'Content-Type': 'application/json' },
          body: method === 'get' ? undefined : '{}',
        });
        expect(res.status, `${method} ${path}`).toBe(401);
      }
    }
  });

  it('exports raw responses as NDJSON and CSV, with answers and without any client hash', async () => {
    const res1 = await submit(
      'public',
      { town_id: KNOWN_TOWN, answers: await fullAnswers('public'), consent: { participation: true } },
      { ip: '198.51.100.44' },
    );
    const { receipt } = parseAs(ReceiptSchema, await res1.json());
    const ndjson = await get('/api/v1/admin/surveys/public/responses', TOKEN);
    expect(ndjson.status).toBe(200);
    expect(ndjson.headers.get('Cache-Control')).toBe('private, no-store');
    expect(ndjson.headers.get('Access-Control-Allow-Origin')).toBeNull();
    const lines = (await ndjson.text())
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    const mine = lines.find((l) => l.receipt === receipt);
    expect(mine).toMatchObject({
      town_id: KNOWN_TOWN,
      wave_id: 'public-w1',
      version_id: 'public-v1',
      probable_duplicate: false,
      answers: expect.objectContaining({ overall: '4', comment: '测试意见 test comment' }),
    });
    expect(Object.keys(mine).sort()).toEqual([
      'answers',
      'contact',
      'probable_duplicate',
      'receipt',
      'submitted_at',
      'town_id',
      'version_id',
      'wave_id',
    ]);
    const csv = await (await get('/api/v1/admin/surveys/public/responses?format=csv', TOKEN)).text();
    expect(csv.replace(/^\uFEFF/, '').split('\r\n')[0]).toBe(
      'receipt,wave_id,version_id,probable_duplicate,town_id,submitted_at,answers,contact',
    );
    expect(csv).toContain(receipt);
    expect(csv + JSON.stringify(lines)).not.toContain('198.51.100.44');
    expect((await get('/api/v1/admin/surveys/nope/responses', TOKEN)).status).toBe(404);
  });

  it('opens and closes a survey window', async () => {
    const put = (body: unknown) =>
      request('PUT', '/api/v1/admin/surveys/public/window', {
        headers: { ...TOKEN, 'Content-Type': 'application/json' },
        body: JSON.stringify(body),
      });
    // The wave holds a response of today (the export above), so it cannot close before it: it closes now.
    expect((await put({ opens_at: '2026-01-01T00:00:00Z', closes_at: '2026-01-02T00:00:00Z' })).status).toBe(422);
    const now = new Date(Date.now() + 5).toISOString();
    await new Promise((resolve) => setTimeout(resolve, 10));
    const closed = await put({ opens_at: null, closes_at: now });
    expect(closed.status).toBe(200);
    const body = parseAs(SurveySummarySchema, await closed.json());
    expect(body.window).toEqual({ opens_at: '2026-01-01T00:00:00.000Z', closes_at: now, open: false });
    expect(body.wave).toMatchObject({ id: 'public-w1', status: 'closed' });
    expect(
      (await submit('public', { town_id: KNOWN_TOWN, answers: await fullAnswers('public'), consent: { participation: true } })).status,
    ).toBe(409);
    expect((await put({ opens_at: '2026-01-03T00:00:00Z', closes_at: '2026-01-02T00:00:00Z' })).status).toBe(400);
    const reopened = await put({ opens_at: null, closes_at: null });
    expect(parseAs(SurveySummarySchema, await reopened.json()).window.open).toBe(true);
  });
});
