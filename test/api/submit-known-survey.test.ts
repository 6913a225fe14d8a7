import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { fullAnswers, newKey, submit, TOWN } from '../helpers.ts';

// Submissions check answers against the isolate's copy of the survey and let the write itself
// refuse a copy that is out of date (worker/services/surveys/known-surveys.ts). These tests change
// the survey in D1 directly, behind the copy's back, as another isolate or the loader would.
const consent = { participation: true };
const count = async (sql: string, ...values: unknown[]) => (await env.DB.prepare(sql).bind(...values).first<number>('n')) ?? 0;
const setWindow = (closesAt: string | null) => env.DB.prepare("UPDATE surveys SET closes_at = ? WHERE id = 'public'").bind(closesAt).run();

describe("submissions and the isolate's copy of a survey", () => {
  it('refuses with 409 once the survey closed behind the copy, writes nothing, and accepts again once reopened', async () => {
    const answers = await fullAnswers('public');
    expect((await submit('public', { town_id: TOWN, answers, consent })).status).toBe(201);
    const before = await count('SELECT COUNT(*) AS n FROM responses');
    const rollup = await count("SELECT n FROM rollup_responses WHERE survey_version_id = 'public-v1' AND town_id = ?", TOWN);
    await setWindow('2020-01-01T00:00:00Z');
    try {
      const closed = await submit('public', { town_id: TOWN, answers, consent });
      expect(closed.status).toBe(409);
      expect((await closed.json<{ type: string }>()).type).toBe('urn:tesexiaozhen:problem:survey-closed');
      expect(await count('SELECT COUNT(*) AS n FROM responses')).toBe(before);
      expect(await count("SELECT n FROM rollup_responses WHERE survey_version_id = 'public-v1' AND town_id = ?", TOWN)).toBe(rollup);
    } finally {
      await setWindow(null);
    }
    expect((await submit('public', { town_id: TOWN, answers, consent })).status).toBe(201);
    expect(await count('SELECT COUNT(*) AS n FROM responses')).toBe(before + 1);
  });

  it('still returns the receipt to a retry after the survey closed', async () => {
    const key = newKey();
    const body = { town_id: TOWN, answers: await fullAnswers('public'), consent };
    const first = await submit('public', body, { key });
    expect(first.status).toBe(201);
    await setWindow('2020-01-01T00:00:00Z');
    try {
      const retry = await submit('public', body, { key });
      expect(retry.status).toBe(201);
      expect(retry.headers.get('Idempotent-Replayed')).toBe('true');
      expect(await retry.json()).toEqual(await first.json());
    } finally {
      await setWindow(null);
    }
  });

  it('answers 404 for an unknown town, with the survey already known, and writes nothing', async () => {
    const answers = await fullAnswers('public');
    const before = await count('SELECT COUNT(*) AS n FROM responses');
    const res = await submit('public', { town_id: 'no-such-town', answers, consent });
    expect(res.status).toBe(404);
    expect((await res.json<{ type: string }>()).type).toBe('urn:tesexiaozhen:problem:town-not-found');
    expect(await count('SELECT COUNT(*) AS n FROM responses')).toBe(before);
    expect(await count("SELECT COUNT(*) AS n FROM rollup_responses WHERE town_id = 'no-such-town'")).toBe(0);
  });

  it('stores against a version loaded after the copy was taken, never against the older one', async () => {
    const answers = await fullAnswers('public');
    expect((await submit('public', { town_id: TOWN, answers, consent })).status).toBe(201);
    await env.DB.prepare(
      "INSERT INTO survey_versions (id, survey_id, version, definition, created_at) SELECT 'public-v2', survey_id, 2, json_set(definition, '$.version', 2), created_at FROM survey_versions WHERE id = 'public-v1'",
    ).run();
    const res = await submit('public', { town_id: TOWN, answers, consent });
    expect(res.status).toBe(201);
    const receipt = await res.json<{ receipt: string; version_id: string }>();
    expect(receipt.version_id).toBe('public-v2');
    expect(await count('SELECT COUNT(*) AS n FROM responses WHERE id = ? AND survey_version_id = ?', receipt.receipt, 'public-v2')).toBe(1);
    expect(await count("SELECT n FROM rollup_responses WHERE survey_version_id = 'public-v2' AND town_id = ?", TOWN)).toBe(1);
  });
});
