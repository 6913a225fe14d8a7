import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { ReceiptSchema, SurveySchema } from '../../worker/schemas/surveys.ts';
import { fullAnswers, getParsed, KNOWN_TOWN, newKey, request, submit, withinOneRateWindow } from '../helpers.ts';

const consent = { participation: true };
const count = async (table: string) => (await env.DB.prepare(`SELECT COUNT(*) AS n FROM ${table}`).first<number>('n')) ?? 0;

describe('POST /api/v1/surveys/{id}/responses', () => {
  it.each(['public', 'enterprise'])('stores a valid %s response and returns a receipt', async (id) => {
    const before = await count('responses');
    const res = await submit(id, { town_id: KNOWN_TOWN, answers: await fullAnswers(id), consent });
    expect(res.status).toBe(201);
    const receipt = ReceiptSchema.parse(await res.json());
    // The enterprise survey's open wave is its second, which asks version 2 (with importance).
    expect(receipt).toMatchObject({
      survey_id: id,
      wave_id: `${id}-w${id === 'public' ? 1 : 2}`,
      version_id: `${id}-v${id === 'public' ? 1 : 2}`,
      town_id: KNOWN_TOWN,
    });
    expect(receipt.receipt).toMatch(/^r-[0-9a-f-]{36}$/);
    expect(await count('responses')).toBe(before + 1);
    const stored = await env.DB.prepare('SELECT COUNT(*) AS n FROM answers WHERE response_id = ?').bind(receipt.receipt).first<number>('n');
    expect(stored).toBeGreaterThan(10);
  });

  it('names every bad answer at once: unknown question, wrong type, out of range, missing required, na where not allowed', async () => {
    const answers = await fullAnswers('public', {
      nonsense: 1,
      env_nature: 9,
      role: 'alien',
      overall: 'na',
      recommend: 11,
      inf_roads: 'four',
    });
    delete answers.inf_water;
    delete (answers as Record<string, unknown>).role;
    answers.role = 'alien';
    const res = await submit('public', { town_id: KNOWN_TOWN, answers, consent });
    expect(res.status).toBe(400);
    const body = await res.json<any>();
    expect(body.type).toBe('urn:tesexiaozhen:problem:invalid-answers');
    const names = body.errors.map((e: { name: string }) => e.name).sort();
    expect(names).toEqual(
      [
        'answers.env_nature',
        'answers.inf_roads',
        'answers.inf_water',
        'answers.nonsense',
        'answers.overall',
        'answers.recommend',
        'answers.role',
      ].sort(),
    );
    expect(body.errors.every((e: { in: string }) => e.in === 'body')).toBe(true);
  });

  it('accepts "don\'t know" where offered and leaves optional questions out', async () => {
    const answers = await fullAnswers('public', { svc_schools: 'na' });
    delete answers.comment;
    delete answers.years;
    expect((await submit('public', { town_id: KNOWN_TOWN, answers, consent })).status).toBe(201);
  });

  it('answers 404 for an unknown town or survey', async () => {
    const unknownTown = await submit('public', { town_id: 'nowhere-town', answers: await fullAnswers('public'), consent });
    expect(unknownTown.status).toBe(404);
    expect((await unknownTown.json<any>()).type).toBe('urn:tesexiaozhen:problem:town-not-found');
    const unknownSurvey = await submit('nope', { town_id: KNOWN_TOWN, answers: {}, consent });
    expect(unknownSurvey.status).toBe(404);
  });

  it('refuses without consent, and contact details without consent to be contacted', async () => {
    const answers = await fullAnswers('enterprise');
    const noConsent = await submit('enterprise', { town_id: KNOWN_TOWN, answers, consent: { participation: false } });
    expect(noConsent.status).toBe(400);
    expect((await noConsent.json<any>()).type).toBe('urn:tesexiaozhen:problem:consent-required');
    const missing = await submit('enterprise', { town_id: KNOWN_TOWN, answers });
    expect(missing.status).toBe(400);
    expect((await missing.json<any>()).errors[0].name).toBe('consent');
    const contact = await submit('enterprise', { town_id: KNOWN_TOWN, answers, consent, respondent: { organisation: '某公司' } });
    expect(contact.status).toBe(400);
    expect((await contact.json<any>()).errors[0].name).toBe('consent.contact');
    const agreed = await submit('enterprise', {
      town_id: KNOWN_TOWN,
      answers,
      consent: { participation: true, contact: true },
      respondent: { organisation: '某公司', email: 'a@example.com' },
    });
    expect(agreed.status).toBe(201);
  });

  it('requires an Idempotency-Key, JSON and no unknown fields', async () => {
    const body = { town_id: KNOWN_TOWN, answers: await fullAnswers('public'), consent };
    const noKey = await submit('public', body, { key: null });
    expect(noKey.status).toBe(400);
    expect((await noKey.json<any>()).errors[0]).toMatchObject({ name: 'idempotency-key', in: 'header' });
    expect((await submit('public', '{not json', {})).status).toBe(400);
    expect((await submit('public', { ...body, extra: 1 })).status).toBe(400);
    const form = await request('POST', '/api/v1/surveys/public/responses', {
      headers: { 'Content-Type': 'text/plain', 'Idempotency-Key': newKey() },
      body: JSON.stringify(body),
    });
    expect(form.status).toBe(400);
  });

  it('refuses a body over 64 KB with 413', async () => {
    const res = await submit('public', { town_id: KNOWN_TOWN, answers: { comment: 'x'.repeat(70 * 1024) }, consent });
    expect(res.status).toBe(413);
    expect((await res.json<any>()).type).toBe('urn:tesexiaozhen:problem:payload-too-large');
  });

  it('returns the original receipt for a retry with the same key and body, and stores it once', async () => {
    const key = newKey();
    const body = { town_id: KNOWN_TOWN, answers: await fullAnswers('public'), consent };
    const first = await submit('public', body, { key });
    const before = await count('responses');
    const retry = await submit('public', body, { key });
    expect(retry.status).toBe(201);
    expect(retry.headers.get('Idempotent-Replayed')).toBe('true');
    expect(await retry.json()).toEqual(await first.json());
    expect(await count('responses')).toBe(before);
  });

  it('refuses the same key with another body with 422', async () => {
    const key = newKey();
    expect((await submit('public', { town_id: KNOWN_TOWN, answers: await fullAnswers('public'), consent }, { key })).status).toBe(201);
    const other = await submit('public', { town_id: KNOWN_TOWN, answers: await fullAnswers('public', { overall: 1 }), consent }, { key });
    expect(other.status).toBe(422);
    expect((await other.json<any>()).type).toBe('urn:tesexiaozhen:problem:idempotency-key-reused');
  });

  it('answers a filled honeypot as if stored, and stores nothing (test/api/honeypot.test.ts)', async () => {
    const before = await count('responses');
    const res = await submit('public', {
      town_id: KNOWN_TOWN,
      answers: await fullAnswers('public'),
      consent,
      website: 'http://spam.example',
    });
    expect(res.status).toBe(201);
    ReceiptSchema.parse(await res.json());
    expect(await count('responses')).toBe(before);
  });

  it('limits each client network to 10 submissions a minute, with 429 and Retry-After', { timeout: 90_000 }, async () => {
    await withinOneRateWindow();
    const answers = await fullAnswers('public');
    const statuses: number[] = [];
    for (let i = 0; i < 11; i++)
      statuses.push((await submit('public', { town_id: KNOWN_TOWN, answers, consent }, { ip: '192.0.2.77' })).status);
    expect(statuses.slice(0, 10)).toEqual(Array(10).fill(201));
    const limited = await submit('public', { town_id: KNOWN_TOWN, answers, consent }, { ip: '192.0.2.77' });
    expect(limited.status).toBe(429);
    expect(limited.headers.get('Retry-After')).toBe('60');
    // Another network is not affected.
    expect((await submit('public', { town_id: KNOWN_TOWN, answers, consent }, { ip: '192.0.2.78' })).status).toBe(201);
  });

  it('stores no client address anywhere in the database', async () => {
    const ip = '203.0.113.199';
    expect((await submit('public', { town_id: KNOWN_TOWN, answers: await fullAnswers('public'), consent }, { ip })).status).toBe(201);
    const v6 = '2001:db8:abcd:12::7';
    expect((await submit('public', { town_id: KNOWN_TOWN, answers: await fullAnswers('public'), consent }, { ip: v6 })).status).toBe(201);
    const { results: tables } = await env.DB.prepare(
      "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '_cf_%'",
    ).all<{ name: string }>();
    for (const { name } of tables) {
      const { results } = await env.DB.prepare(`SELECT * FROM "${name}"`).all();
      const text = JSON.stringify(results);
      expect(text, name).not.toContain(ip);
      expect(text, name).not.toContain('2001:db8');
    }
  });

  it('refuses answers while the survey is closed with 409', async () => {
    await env.DB.prepare("UPDATE survey_waves SET closes_at = '2026-11-02T00:00:00Z' WHERE id = 'enterprise-w2'").run();
    try {
      const res = await submit('enterprise', { town_id: KNOWN_TOWN, answers: await fullAnswers('enterprise'), consent });
      expect(res.status).toBe(409);
      expect((await res.json<any>()).type).toBe('urn:tesexiaozhen:problem:survey-closed');
      expect((await getParsed(SurveySchema, '/api/v1/surveys/enterprise')).body.window.open).toBe(false);
    } finally {
      await env.DB.prepare("UPDATE survey_waves SET closes_at = NULL WHERE id = 'enterprise-w2'").run();
    }
  });
});
