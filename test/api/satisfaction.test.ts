import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { GroupedSatisfactionSchema, TownSatisfactionSchema } from '../../worker/schemas/satisfaction.ts';
import { fullAnswers, get, getJson, submit } from '../helpers.ts';
import { recount } from '../recount.ts';

const consent = { participation: true };

async function results(town: string) {
  const { res, body } = await getJson(`/api/v1/towns/${town}/satisfaction`);
  expect(res.status).toBe(200);
  return TownSatisfactionSchema.parse(body);
}

/** A town of the data that no other test in this file writes to. */
async function townAt(offset: number): Promise<string> {
  return (await env.DB.prepare('SELECT id FROM towns ORDER BY id LIMIT 1 OFFSET ?').bind(offset).first<string>('id'))!;
}

describe('satisfaction results', () => {
  it('suppresses a town below the threshold and publishes it at the threshold', async () => {
    const town = await townAt(3);
    const minSample = (await results(town)).min_sample;
    for (let i = 0; i < minSample - 1; i++) expect((await submit('public', { town_id: town, answers: await fullAnswers('public'), consent })).status).toBe(201);
    const below = (await results(town)).surveys.find((s) => s.survey_id === 'public')!;
    expect(below).toEqual({ survey_id: 'public', version_id: 'public-v1', responses: minSample - 1, suppressed: true, dimensions: [], nps: null, distributions: [] });
    expect((await submit('public', { town_id: town, answers: await fullAnswers('public'), consent })).status).toBe(201);
    const at = (await results(town)).surveys.find((s) => s.survey_id === 'public')!;
    expect(at.suppressed).toBe(false);
    expect(at.responses).toBe(minSample);
    expect(at.dimensions.find((d) => d.dimension === 'overall')).toMatchObject({ n: minSample, score: 75, ci_low: 75, ci_high: 75, suppressed: false });
    expect(at.nps).toMatchObject({ n: minSample, promoters: 0, passives: minSample, detractors: 0, score: 0 });
  });

  it('computes the score and its 95% confidence interval on a known sample', async () => {
    const town = await townAt(4);
    // Overall ratings 1..5 give dimension scores 0, 25, 50, 75, 100: mean 50, s = 39.53, t(4) = 2.776, half-width 49.07.
    for (const overall of [1, 2, 3, 4, 5]) {
      expect((await submit('enterprise', { town_id: town, answers: await fullAnswers('enterprise', { overall, recommend: overall * 2 }), consent })).status).toBe(201);
    }
    const result = (await results(town)).surveys.find((s) => s.survey_id === 'enterprise')!;
    expect(result.dimensions.find((d) => d.dimension === 'overall')).toMatchObject({ n: 5, score: 50, ci_low: 0.9, ci_high: 99.1 });
    // recommend 2, 4, 6, 8, 10: detractors 3, passives 1, promoters 1: NPS = (1 - 3) / 5 = -40.
    expect(result.nps).toMatchObject({ n: 5, promoters: 1, passives: 1, detractors: 3, score: -40 });
    const overall = result.distributions.find((d) => d.question_id === 'overall')!;
    expect(overall.counts).toEqual(['1', '2', '3', '4', '5'].map((value) => ({ value, n: 1 })));
  });

  it('never publishes free text', async () => {
    const town = await townAt(4);
    const text = JSON.stringify((await getJson(`/api/v1/towns/${town}/satisfaction`)).body) + (await (await get(`/api/v1/towns/${town}/satisfaction?format=csv`)).text());
    expect(text).not.toContain('测试意见');
    expect(text).not.toContain('comment');
  });

  it('groups by province, list and status with the town filters', async () => {
    const town = await townAt(4);
    const { body: detail } = await getJson(`/api/v1/towns/${town}`);
    for (const group of ['province', 'list', 'status']) {
      const { res, body } = await getJson(`/api/v1/satisfaction?group_by=${group}`);
      expect(res.status, group).toBe(200);
      const grouped = GroupedSatisfactionSchema.parse(body);
      expect(grouped.groups.length, group).toBeGreaterThan(0);
      const key = group === 'province' ? detail.province : group === 'list' ? detail.memberships[0].list_id : detail.memberships[0].status;
      const enterprise = grouped.groups.find((g) => g.key === key)!.surveys.find((s) => s.survey_id === 'enterprise')!;
      expect(enterprise.responses, group).toBeGreaterThanOrEqual(5);
    }
    const filtered = GroupedSatisfactionSchema.parse((await getJson(`/api/v1/satisfaction?group_by=province&province=${encodeURIComponent(detail.province)}`)).body);
    expect(filtered.groups.map((g) => g.key)).toEqual([detail.province]);
    expect((await getJson('/api/v1/satisfaction?group_by=colour')).res.status).toBe(400);
  });

  it('stores exactly 200 of 200 concurrent submissions, and every rollup equals a recount', async () => {
    const town = await townAt(5);
    const before = (await env.DB.prepare('SELECT COUNT(*) AS n FROM responses').first<number>('n'))!;
    const answers = await fullAnswers('public');
    const statuses = await Promise.all(
      Array.from({ length: 200 }, (_, i) => submit('public', { town_id: town, answers: { ...answers, overall: (i % 5) + 1 }, consent }, { ip: `10.${Math.floor(i / 250)}.${i % 250}.1` }).then((r) => r.status)),
    );
    expect(statuses.filter((s) => s === 201)).toHaveLength(200);
    expect(await env.DB.prepare('SELECT COUNT(*) AS n FROM responses').first<number>('n')).toBe(before + 200);
    const counts = await recount();
    expect(counts.rolledResponses).toEqual(counts.responses);
    expect(counts.rolledAnswers).toEqual(counts.answers);
    expect(counts.rolledDimensions.length).toBeGreaterThan(0);
    expect(counts.rolledDimensions).toEqual(counts.dimensions);
    const dims = await env.DB.prepare("SELECT n, sum FROM rollup_dimensions WHERE town_id = ? AND dimension = 'overall'").bind(town).first<{ n: number; sum: number }>();
    expect(dims).toEqual({ n: 200, sum: 200 * 50 });
  }, 120_000);

  it('changes the ETag of results when a response arrives, so a cache never serves stale results', async () => {
    const town = await townAt(6);
    const first = await get(`/api/v1/towns/${town}/satisfaction`);
    const etag = first.headers.get('ETag')!;
    expect((await get(`/api/v1/towns/${town}/satisfaction`, { 'If-None-Match': etag })).status).toBe(304);
    expect((await submit('public', { town_id: town, answers: await fullAnswers('public'), consent })).status).toBe(201);
    const after = await get(`/api/v1/towns/${town}/satisfaction`, { 'If-None-Match': etag });
    expect(after.status).toBe(200);
    expect(after.headers.get('ETag')).not.toBe(etag);
  });

  it('answers 404 for the results of an unknown town', async () => {
    expect((await getJson('/api/v1/towns/nowhere/satisfaction')).res.status).toBe(404);
  });
});
