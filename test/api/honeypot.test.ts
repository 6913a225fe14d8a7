import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import worker from '../../worker/index.ts';
import { ReceiptSchema } from '../../worker/schemas/surveys.ts';
import { fullAnswers, get, KNOWN_TOWN, newKey, submit, withinOneRateWindow } from '../helpers.ts';

// A bot fills the hidden `website` field. It is answered exactly as a stored submission would be
// (a refusal would teach it to leave the field empty), nothing is stored, and the catch is counted.
const consent = { participation: true };
const TABLES = [
  'responses',
  'answers',
  'idempotency_keys',
  'rollup_wave_responses',
  'rollup_wave_answers',
  'rollup_wave_dimensions',
  'published_responses',
];

async function snapshot() {
  const counts: Record<string, unknown> = {};
  for (const table of TABLES)
    counts[table] = await env.DB.prepare(
      `SELECT COUNT(*) AS n, ${table.endsWith('_responses') && table !== 'responses' ? 'SUM(n)' : '0'} AS total FROM ${table}`,
    ).first();
  counts.results_version = await env.DB.prepare("SELECT value FROM meta WHERE key = 'results_version'").first('value');
  return counts;
}

const caught = async (surveyId = 'public') =>
  (await env.DB.prepare('SELECT COALESCE(SUM(n), 0) AS n FROM honeypot_catches WHERE survey_id = ?').bind(surveyId).first<number>('n'))!;

/** Status, header names and the body's shape: what a client can compare. */
async function outline(res: Response) {
  const body = await res.json<Record<string, string>>();
  return { status: res.status, headers: [...res.headers.keys()].sort(), keys: Object.keys(body), body };
}

describe('the honeypot', () => {
  it('answers a filled honeypot exactly as a stored submission, stores nothing, and counts it', async () => {
    const answers = await fullAnswers('public');
    const real = await outline(await submit('public', { town_id: KNOWN_TOWN, answers, consent }, { ip: '198.19.0.1' }));
    const before = await snapshot();
    const caughtBefore = await caught();

    const bot = await outline(
      await submit('public', { town_id: KNOWN_TOWN, answers, consent, website: 'http://spam.example' }, { ip: '198.19.0.2' }),
    );
    expect(bot.status).toBe(201);
    expect(bot.headers).toEqual(real.headers);
    expect(bot.keys).toEqual(real.keys);
    expect(ReceiptSchema.strict().parse(bot.body)).toMatchObject({
      survey_id: 'public',
      version_id: real.body.version_id,
      town_id: KNOWN_TOWN,
    });
    expect(bot.body.receipt).toMatch(/^r-[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(bot.body.receipt).not.toBe(real.body.receipt);

    expect(await snapshot()).toEqual(before);
    expect(await caught()).toBe(caughtBefore + 1);
    const today = new Date().toISOString().slice(0, 10);
    expect(
      await env.DB.prepare('SELECT n FROM honeypot_catches WHERE day = ? AND survey_id = ?').bind(today, 'public').first('n'),
    ).toBeGreaterThanOrEqual(1);
  });

  it('answers a retry of a honeypot submission as a replay of the same receipt, and another body under its key with 422, as for a stored one', async () => {
    const key = newKey();
    const body = { town_id: KNOWN_TOWN, answers: await fullAnswers('enterprise'), consent, website: 'x' };
    const before = await snapshot();
    const first = await submit('enterprise', body, { key, ip: '198.19.0.3' });
    const again = await submit('enterprise', body, { key, ip: '198.19.0.3' });
    expect([first.status, again.status]).toEqual([201, 201]);
    expect(first.headers.get('Idempotent-Replayed')).toBeNull();
    expect(again.headers.get('Idempotent-Replayed')).toBe('true');
    expect(await again.json()).toEqual(await first.json());
    const other = await submit(
      'enterprise',
      { ...body, answers: await fullAnswers('enterprise', { overall: 2 }) },
      { key, ip: '198.19.0.3' },
    );
    expect(other.status).toBe(422);
    expect(await snapshot()).toEqual(before);
    expect(await env.DB.prepare('SELECT COUNT(*) AS n FROM idempotency_keys WHERE key = ?').bind(key).first('n')).toBe(0);
    expect(await caught('enterprise')).toBe(1);
  });

  it('gives a bot the same refusals as anyone: invalid answers, unknown town, no consent', async () => {
    const answers = await fullAnswers('public', { overall: 99 });
    for (const website of [undefined, 'http://spam.example']) {
      const invalid = await submit('public', { town_id: KNOWN_TOWN, answers, consent, website }, { ip: '198.19.0.4' });
      expect(invalid.status).toBe(400);
      expect((await invalid.json<any>()).type).toBe('urn:tesexiaozhen:problem:invalid-answers');
      const town = await submit(
        'public',
        { town_id: 'nowhere-zhen', answers: await fullAnswers('public'), consent, website },
        { ip: '198.19.0.4' },
      );
      expect(town.status).toBe(404);
    }
  });

  it('limits a bot like anyone else: 10 a minute, then 429', { timeout: 90_000 }, async () => {
    await withinOneRateWindow();
    const statuses: number[] = [];
    const body = { town_id: KNOWN_TOWN, answers: await fullAnswers('public'), consent, website: 'spam' };
    for (let i = 0; i < 11; i++) statuses.push((await submit('public', body, { ip: '198.19.0.5' })).status);
    expect(statuses).toEqual([...Array(10).fill(201), 429]);
  });

  it('sends a bot that fills the no-JavaScript form to the receipt page, as a stored submission is, and the page finds its receipt', async () => {
    const form = new URLSearchParams();
    for (const [name, value] of Object.entries(await fullAnswers('public'))) form.set(name, String(value));
    form.set('consent_participation', 'yes');
    form.set('idempotency_key', newKey());
    form.set('website', 'http://spam.example');
    const before = await snapshot();
    const res = await worker.fetch(
      new Request(`https://example.test/survey/public/${KNOWN_TOWN}?lang=en`, {
        method: 'POST',
        redirect: 'manual',
        headers: {
          'Content-Type': 'application/x-www-form-urlencoded',
          Origin: 'https://example.test',
          'Sec-Fetch-Site': 'same-origin',
          'CF-Connecting-IP': '198.19.0.6',
        },
        body: form,
      }),
      env,
    );
    expect(res.status).toBe(303);
    const location = res.headers.get('Location')!;
    expect(location).toMatch(/^\/survey\/thanks\?receipt=r-[0-9a-f-]{36}&lang=en$/);
    const thanks = await get(location);
    expect(thanks.status).toBe(200);
    expect(thanks.headers.get('Cache-Control')).toBe('no-store');
    expect(await thanks.text()).toContain(
      `<strong id="receipt">${new URL(location, 'https://example.test').searchParams.get('receipt')}</strong>`,
    );
    expect(await snapshot()).toEqual(before);
  });

  it('never publishes the catch: the results are those of real submissions only', async () => {
    const { body } = { body: await (await get(`/api/v1/towns/${KNOWN_TOWN}/satisfaction`, { 'Cache-Control': 'no-cache' })).json<any>() };
    const stored = await env.DB.prepare(
      "SELECT COALESCE(SUM(n), 0) AS n FROM published_responses WHERE town_id = ? AND wave_id = 'public-w1'",
    )
      .bind(KNOWN_TOWN)
      .first<number>('n');
    expect(body.surveys.find((s: any) => s.survey_id === 'public').responses).toBe(stored);
  });
});
