import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { AuditPageSchema } from '../../worker/schemas/admin.ts';
import { WaveListSchema, WaveSchema } from '../../worker/schemas/surveys.ts';
import { adminHeaders, fullAnswers, get, getJson, getParsed, KNOWN_TOWN, request, submit } from '../helpers.ts';

// Issue 12: staff open, close and schedule waves through the admin API; every change is audited in its own
// transaction, the waves of a survey never overlap, a wave keeps its responses, and a change made by staff is
// never undone by reloading the data files.

const json = { 'Content-Type': 'application/json' };
const SURVEYS = adminHeaders('surveys', json);
const AUDITOR = adminHeaders('auditor');

const post = (survey: string, body: unknown, headers: Record<string, string> = SURVEYS) =>
  request('POST', `/api/v1/admin/surveys/${survey}/waves`, { headers, body: JSON.stringify(body) });
const patch = (survey: string, wave: string, body: unknown, headers: Record<string, string> = SURVEYS) =>
  request('PATCH', `/api/v1/admin/surveys/${survey}/waves/${wave}`, { headers, body: JSON.stringify(body) });

const row = (id: string) => env.DB.prepare('SELECT * FROM survey_waves WHERE id = ?').bind(id).first<Record<string, unknown>>();
const waves = async () => (await env.DB.prepare('SELECT * FROM survey_waves ORDER BY id').all()).results;
const auditOf = async (waveId: string) =>
  (await getParsed(AuditPageSchema, `/api/v1/admin/audit?entity=wave&entity_id=${waveId}`, AUDITOR)).body.items as any[];
const auditCount = async () => (await env.DB.prepare('SELECT COUNT(*) AS n FROM audit_log').first<number>('n'))!;
const reload = () => env.DB.batch(env.TEST_SEED.map((statement) => env.DB.prepare(statement)));

const name = { zh: '2027年度', en: '2027 annual' };

async function problem(res: Response, status: number) {
  expect(res.status, await res.clone().text()).toBe(status);
  expect(res.headers.get('Content-Type')).toMatch(/^application\/problem\+json/);
  return res.json<any>();
}

describe('the waves of a survey (public)', () => {
  it("lists each survey's waves in the order they open, with their version, window, rule and status, to anyone", async () => {
    const res = await get('/api/v1/surveys/enterprise/waves');
    expect(res.status).toBe(200);
    const { items } = WaveListSchema.parse(await res.json());
    expect(items.map((w) => [w.id, w.version_id, w.publication, w.status])).toEqual([
      ['enterprise-w1', 'enterprise-v1', 'after_close', 'closed'],
      ['enterprise-w2', 'enterprise-v2', 'after_close', 'open'],
    ]);
    expect(items[0]).toMatchObject({
      survey_id: 'enterprise',
      opens_at: '2026-01-01T00:00:00.000Z',
      closes_at: '2026-11-01T00:00:00.000Z',
      name: { zh: expect.any(String), en: expect.any(String) },
    });
    const pub = (await getParsed(WaveListSchema, '/api/v1/surveys/public/waves')).body.items;
    expect(pub.map((w) => [w.id, w.publication, w.status, w.closes_at])).toEqual([['public-w1', 'live_in_steps', 'open', null]]);
    expect((await get('/api/v1/surveys/nothing/waves')).status).toBe(404);
  });
});

describe('who may change waves', () => {
  it('refuses anonymous requests (401) and tokens without the surveys role (403), and changes nothing', async () => {
    const before = await waves();
    const audits = await auditCount();
    const wave = { id: 'public-forbidden', name, opens_at: '2030-01-01T00:00:00Z', closes_at: null, publication: 'live_in_steps' };
    for (const [headers, status] of [
      [json, 401],
      [adminHeaders('editor', json), 403],
      [adminHeaders('auditor', json), 403],
      [{ ...json, Authorization: 'Bearer not-a-token' }, 403],
    ] as const) {
      await problem(await post('public', wave, headers), status);
      await problem(await patch('public', 'public-w1', { closes_at: '2026-12-01T00:00:00Z' }, headers), status);
      await problem(await patch('public', 'no-such-wave', { closes_at: '2026-12-01T00:00:00Z' }, headers), status);
    }
    expect(await waves()).toEqual(before);
    expect(await auditCount()).toBe(audits);
  });
});

describe('scheduling a wave', () => {
  it('creates a wave (201) in UTC, with its audit entry, as origin admin; the list shows it as scheduled', async () => {
    // public-w1 is open-ended: end it first (not now, at the turn of the year), so the next one has room.
    expect((await patch('public', 'public-w1', { closes_at: '2027-01-01T00:00:00+08:00' })).status).toBe(200);
    const res = await post('public', {
      id: 'public-2027',
      name,
      opens_at: '2027-01-01T00:00:00+08:00',
      closes_at: '2028-01-01T00:00:00+08:00',
      publication: 'live_in_steps',
    });
    expect(res.status, await res.clone().text()).toBe(201);
    const wave = WaveSchema.parse(await res.json());
    expect(wave).toEqual({
      id: 'public-2027',
      survey_id: 'public',
      version_id: 'public-v1',
      name,
      opens_at: '2026-12-31T16:00:00.000Z',
      closes_at: '2027-12-31T16:00:00.000Z',
      publication: 'live_in_steps',
      status: 'scheduled',
    });
    expect(await row('public-2027')).toMatchObject({ origin: 'admin', opens_at: '2026-12-31T16:00:00.000Z', version_id: 'public-v1' });
    const [entry] = await auditOf('public-2027');
    expect(entry).toMatchObject({ actor: 'test-surveys', action: 'create', entity: 'wave', entity_id: 'public-2027', before: null });
    expect(entry.after).toEqual({
      survey_id: 'public',
      version_id: 'public-v1',
      name: name.zh,
      name_en: name.en,
      opens_at: '2026-12-31T16:00:00.000Z',
      closes_at: '2027-12-31T16:00:00.000Z',
      publication: 'live_in_steps',
    });
    const listed = WaveListSchema.parse((await getJson('/api/v1/surveys/public/waves')).body).items;
    expect(listed.map((w) => [w.id, w.status])).toEqual([
      ['public-w1', 'open'],
      ['public-2027', 'scheduled'],
    ]);
  });

  it('writes the wave and its audit entry in one transaction: when the entry cannot be written, there is no wave', async () => {
    const audits = await auditCount();
    await env.DB.prepare(
      "CREATE TRIGGER test_wave_audit_fails BEFORE INSERT ON audit_log WHEN NEW.entity = 'wave' BEGIN SELECT RAISE(ABORT, 'test: the audit log cannot be written'); END",
    ).run();
    try {
      const res = await post('public', {
        id: 'public-2030',
        name,
        opens_at: '2030-01-01T00:00:00Z',
        closes_at: null,
        publication: 'live_in_steps',
      });
      expect(res.status).toBeGreaterThanOrEqual(500);
      const change = await patch('public', 'public-2027', { name: { zh: '改名', en: 'Renamed' } });
      expect(change.status).toBeGreaterThanOrEqual(500);
    } finally {
      await env.DB.prepare('DROP TRIGGER test_wave_audit_fails').run();
    }
    expect(await row('public-2030')).toBeNull();
    expect(await row('public-2027')).toMatchObject({ name: name.zh });
    expect(await auditCount()).toBe(audits);
  });

  it('refuses a wave that overlaps another of the survey: 422 naming opens_at, nothing written, not even the audit entry', async () => {
    const before = await waves();
    const audits = await auditCount();
    for (const [opens_at, closes_at] of [
      ['2027-06-01T00:00:00Z', '2027-07-01T00:00:00Z'], // inside public-2027
      ['2026-06-01T00:00:00Z', '2026-07-01T00:00:00Z'], // inside public-w1
      ['2020-01-01T00:00:00Z', null], // open-ended, over both
      ['2026-12-31T15:59:59Z', '2026-12-31T16:00:01Z'], // across the boundary of the two
    ] as const) {
      const body = await problem(
        await post('public', { id: 'public-overlap', name, opens_at, closes_at, publication: 'live_in_steps' }),
        422,
      );
      expect(
        body.errors.map((e: any) => e.name),
        `${opens_at}–${closes_at}`,
      ).toEqual(['opens_at']);
      expect(body.detail).toMatch(/overlap/);
    }
    // Moving an existing wave onto another is refused the same way.
    const moved = await problem(await patch('public', 'public-2027', { opens_at: '2026-12-01T00:00:00Z' }), 422);
    expect(moved.errors.map((e: any) => e.name)).toEqual(['opens_at']);
    expect(await auditOf('public-overlap')).toEqual([]);
    expect(await waves()).toEqual(before);
    expect(await auditCount()).toBe(audits);
  });

  it('refuses a wave that closes before it opens (400 on creation, 422 on a change), an unknown version and a taken id', async () => {
    const body = await problem(
      await post('public', {
        id: 'public-backwards',
        name,
        opens_at: '2031-01-01T00:00:00Z',
        closes_at: '2030-01-01T00:00:00Z',
        publication: 'after_close',
      }),
      400,
    );
    expect(body.errors.map((e: any) => e.name)).toContain('closes_at');
    const equal = await problem(
      await post('public', {
        id: 'public-backwards',
        name,
        opens_at: '2031-01-01T00:00:00Z',
        closes_at: '2031-01-01T08:00:00+08:00',
        publication: 'after_close',
      }),
      400,
    );
    expect(equal.errors.map((e: any) => e.name)).toContain('closes_at');
    const change = await problem(await patch('public', 'public-2027', { closes_at: '2026-12-01T00:00:00Z' }), 422);
    expect(change.errors.map((e: any) => e.name)).toEqual(['closes_at']);
    const version = await problem(
      await post('public', {
        id: 'public-v9',
        version_id: 'enterprise-v2',
        name,
        opens_at: '2031-01-01T00:00:00Z',
        closes_at: null,
        publication: 'after_close',
      }),
      422,
    );
    expect(version.errors.map((e: any) => e.name)).toEqual(['version_id']);
    // (Before every enterprise wave, so that only the id is in the way.)
    const taken = await problem(
      await post('enterprise', {
        id: 'public-2027',
        name,
        opens_at: '2025-01-01T00:00:00Z',
        closes_at: '2025-06-01T00:00:00Z',
        publication: 'after_close',
      }),
      409,
    );
    expect(taken.errors.map((e: any) => e.name)).toEqual(['id']);
    expect(await row('public-backwards')).toBeNull();
    expect(await row('public-v9')).toBeNull();
    expect(await row('public-2027')).toMatchObject({ survey_id: 'public' });
  });

  it('answers 404 for an unknown wave, a wave of another survey, and an unknown survey', async () => {
    await problem(await patch('public', 'no-such-wave', { closes_at: '2030-01-01T00:00:00Z' }), 404);
    await problem(await patch('public', 'enterprise-w2', { closes_at: '2030-01-01T00:00:00Z' }), 404);
    await problem(await patch('nothing', 'public-w1', { closes_at: '2030-01-01T00:00:00Z' }), 404);
    await problem(
      await post('nothing', { id: 'nothing-w1', name, opens_at: '2031-01-01T00:00:00Z', closes_at: null, publication: 'after_close' }),
      404,
    );
    expect(await row('enterprise-w2')).toMatchObject({ closes_at: null });
  });
});

describe('changing a wave', () => {
  it('refuses a change that would leave any of its responses outside it (422 naming the field), and changes nothing', async () => {
    const res = await submit(
      'public',
      { town_id: KNOWN_TOWN, answers: await fullAnswers('public'), consent: { participation: true } },
      { ip: '10.55.0.1' },
    );
    expect(res.status).toBe(201);
    const { submitted_at } = await res.json<{ submitted_at: string }>();
    const before = await row('public-w1');
    const audits = await auditCount();
    const later = new Date(Date.parse(submitted_at) + 1).toISOString();
    const opens = await problem(await patch('public', 'public-w1', { opens_at: later }), 422);
    expect(opens.errors.map((e: any) => e.name)).toEqual(['opens_at']);
    // A closing at the response's very instant would leave it out too: the instant of closing belongs to the next wave.
    for (const closes_at of [submitted_at, '2026-06-01T00:00:00Z']) {
      const closes = await problem(await patch('public', 'public-w1', { closes_at }), 422);
      expect(
        closes.errors.map((e: any) => e.name),
        closes_at,
      ).toEqual(['closes_at']);
    }
    // The legacy window operation is the same change, refused the same way.
    expect(
      (
        await request('PUT', '/api/v1/admin/surveys/public/window', {
          headers: SURVEYS,
          body: JSON.stringify({ opens_at: later, closes_at: null }),
        })
      ).status,
    ).toBe(422);
    expect(await row('public-w1')).toEqual(before);
    expect(await auditCount()).toBe(audits);
    // Just after it is fine.
    expect((await patch('public', 'public-w1', { opens_at: submitted_at })).status).toBe(200);
  });

  it('audits a change with the wave before and after', async () => {
    const before = await row('public-2027');
    const res = await patch('public', 'public-2027', {
      name: { zh: '2027年度（正式）', en: '2027 annual (final)' },
      publication: 'after_close',
    });
    expect(res.status).toBe(200);
    expect(WaveSchema.parse(await res.json())).toMatchObject({
      id: 'public-2027',
      name: { zh: '2027年度（正式）', en: '2027 annual (final)' },
      publication: 'after_close',
    });
    const [entry] = await auditOf('public-2027');
    expect(entry).toMatchObject({ action: 'update', entity: 'wave', actor: 'test-surveys' });
    expect(entry.before).toMatchObject({ name: before!.name, publication: 'live_in_steps' });
    expect(entry.after).toEqual({ ...entry.before, name: '2027年度（正式）', name_en: '2027 annual (final)', publication: 'after_close' });
  });

  it('marks a wave of the data files that staff changed as origin admin, so reloading the files leaves the change', async () => {
    expect(await row('enterprise-w2')).toMatchObject({ origin: 'data', closes_at: null });
    const closes = '2027-03-01T00:00:00.000Z';
    expect((await patch('enterprise', 'enterprise-w2', { closes_at: closes })).status).toBe(200);
    expect(await row('enterprise-w2')).toMatchObject({ origin: 'admin', closes_at: closes });
    // public-w1 was changed above too.
    expect(await row('public-w1')).toMatchObject({ origin: 'admin', closes_at: '2026-12-31T16:00:00.000Z' });
    // A wave of the files nobody changed through the API is put back as the files have it: the reload does run.
    await env.DB.prepare("UPDATE survey_waves SET name = 'changed behind the API' WHERE id = 'enterprise-w1'").run();
    const changed = [await row('enterprise-w2'), await row('public-w1'), await row('public-2027')];
    await reload();
    expect(await row('enterprise-w1')).toMatchObject({ origin: 'data', name: '第一轮（2026年试点）' });
    expect([await row('enterprise-w2'), await row('public-w1'), await row('public-2027')]).toEqual(changed);
    const listed = WaveListSchema.parse((await getJson('/api/v1/surveys/enterprise/waves')).body).items;
    expect(listed.find((w) => w.id === 'enterprise-w2')).toMatchObject({ closes_at: closes, status: 'open' });
  });
});
