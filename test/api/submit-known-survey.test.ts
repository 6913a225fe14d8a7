import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { ProblemSchema } from '../../worker/schemas/common.ts';
import { ReceiptSchema } from '../../worker/schemas/surveys.ts';
import { fullAnswers, KNOWN_TOWN, newKey, parseAs, submit } from '../helpers.ts';

// Submissions check answers against the isolate's copy of the questionnaire and read, with every submission, the
// wave open now; the write itself refuses a wave that closed or changed in between (worker/db/queries/submissions.ts).
// These tests change the waves in D1 directly, as another isolate, the loader or staff would.
const consent = { participation: true };
const count = async (sql: string, ...values: unknown[]) =>
  (await env.DB.prepare(sql)
    .bind(...values)
    .first<number>('n')) ?? 0;
const setClosing = (closesAt: string | null) =>
  env.DB.prepare("UPDATE survey_waves SET closes_at = ? WHERE id = 'public-w1'").bind(closesAt).run();
const counted = () =>
  count("SELECT COALESCE(SUM(n), 0) AS n FROM rollup_wave_responses WHERE wave_id = 'public-w1' AND town_id = ?", KNOWN_TOWN);

describe('submissions and waves', () => {
  it('refuses with 409 once the wave closed, says when the survey answers again, writes nothing, and accepts again once reopened', async () => {
    const answers = await fullAnswers('public');
    expect((await submit('public', { town_id: KNOWN_TOWN, answers, consent })).status).toBe(201);
    const before = await count('SELECT COUNT(*) AS n FROM responses');
    const rollup = await counted();
    await setClosing('2026-06-01T00:00:00Z');
    try {
      const closed = await submit('public', { town_id: KNOWN_TOWN, answers, consent });
      expect(closed.status).toBe(409);
      const problem = parseAs(ProblemSchema, await closed.json());
      expect(problem.type).toBe('urn:tesexiaozhen:problem:survey-closed');
      expect(problem.detail).toMatch(/has no wave open now.*The last, Wave 1 \(2026\) \(public-w1\), closed 2026-06-01 08:00 Beijing time/);
      expect(await count('SELECT COUNT(*) AS n FROM responses')).toBe(before);
      expect(await counted()).toBe(rollup);
    } finally {
      await setClosing(null);
    }
    expect((await submit('public', { town_id: KNOWN_TOWN, answers, consent })).status).toBe(201);
    expect(await count('SELECT COUNT(*) AS n FROM responses')).toBe(before + 1);
  });

  it('still returns the receipt to a retry after the wave closed', async () => {
    const key = newKey();
    const body = { town_id: KNOWN_TOWN, answers: await fullAnswers('public'), consent };
    const first = await submit('public', body, { key });
    expect(first.status).toBe(201);
    await setClosing(new Date(Date.now() + 1000).toISOString());
    await new Promise((resolve) => setTimeout(resolve, 1100));
    try {
      const retry = await submit('public', body, { key });
      expect(retry.status).toBe(201);
      expect(retry.headers.get('Idempotent-Replayed')).toBe('true');
      expect(await retry.json()).toEqual(await first.json());
    } finally {
      await setClosing(null);
    }
  });

  it('answers 404 for an unknown town and writes nothing', async () => {
    const answers = await fullAnswers('public');
    const before = await count('SELECT COUNT(*) AS n FROM responses');
    const res = await submit('public', { town_id: 'no-such-town', answers, consent });
    expect(res.status).toBe(404);
    expect(parseAs(ProblemSchema, await res.json()).type).toBe('urn:tesexiaozhen:problem:town-not-found');
    expect(await count('SELECT COUNT(*) AS n FROM responses')).toBe(before);
    expect(await count("SELECT COUNT(*) AS n FROM rollup_wave_responses WHERE town_id = 'no-such-town'")).toBe(0);
  });

  it('stores in the wave open when the answers arrive, with its version, once the next wave has opened', async () => {
    const answers = await fullAnswers('public');
    expect((await submit('public', { town_id: KNOWN_TOWN, answers, consent })).status).toBe(201);
    const now = new Date().toISOString();
    await env.DB.batch([
      env.DB.prepare(
        "INSERT INTO survey_versions (id, survey_id, version, definition, created_at) SELECT 'public-v2', survey_id, 2, json_set(definition, '$.version', 2), created_at FROM survey_versions WHERE id = 'public-v1'",
      ),
      env.DB.prepare("UPDATE survey_waves SET closes_at = ? WHERE id = 'public-w1'").bind(now),
      env.DB.prepare(
        "INSERT INTO survey_waves (id, survey_id, version_id, name, name_en, opens_at, closes_at, publication) VALUES ('public-w2', 'public', 'public-v2', '第二轮', 'Wave 2', ?, NULL, 'live_in_steps')",
      ).bind(now),
    ]);
    const res = await submit('public', { town_id: KNOWN_TOWN, answers, consent });
    expect(res.status).toBe(201);
    const receipt = parseAs(ReceiptSchema, await res.json());
    expect(receipt).toMatchObject({ wave_id: 'public-w2', version_id: 'public-v2' });
    expect(
      await count(
        'SELECT COUNT(*) AS n FROM responses WHERE id = ? AND wave_id = ? AND survey_version_id = ?',
        receipt.receipt,
        'public-w2',
        'public-v2',
      ),
    ).toBe(1);
    expect(await count("SELECT n FROM rollup_wave_responses WHERE wave_id = 'public-w2' AND town_id = ?", KNOWN_TOWN)).toBe(1);
  });
});
