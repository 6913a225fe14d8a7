import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { ProblemSchema } from '../../worker/schemas/common.ts';
import { GroupedSatisfactionSchema, TownSatisfactionSchema } from '../../worker/schemas/satisfaction.ts';
import { TownSchema } from '../../worker/schemas/towns.ts';
import { adminHeaders, fullAnswers, get, getJson, getParsed, JSON_BODY, request, submit } from '../helpers.ts';
import { recount } from '../recount.ts';

const consent = { participation: true };
const SURVEYS = adminHeaders('surveys', JSON_BODY);
let ip = 0;
/** Each submission from its own network, so that none is a probable duplicate of another. */
const send = async (survey: string, town: string, overrides: Record<string, unknown> = {}) =>
  (
    await submit(
      survey,
      { town_id: town, answers: await fullAnswers(survey, overrides), consent },
      { ip: `10.20.${Math.floor(ip / 250)}.${(ip++ % 250) + 1}` },
    )
  ).status;

async function results(town: string, query = '') {
  const { res, body } = await getJson(`/api/v1/towns/${town}/satisfaction${query}`, { 'Cache-Control': 'no-cache' });
  expect(res.status).toBe(200);
  return TownSatisfactionSchema.parse(body);
}
const publicOf = async (town: string) => (await results(town)).surveys.find((s) => s.wave_id === 'public-w1')!;

/** A town of the data that no other test in this file writes to. */
async function townAt(offset: number): Promise<string> {
  return (await env.DB.prepare('SELECT id FROM towns ORDER BY id LIMIT 1 OFFSET ?').bind(offset).first<string>('id'))!;
}

/** Closes an `after_close` wave through the admin API, so that its results are published. */
async function closeWave(wave: string, survey: string) {
  const res = await request('PATCH', `/api/v1/admin/surveys/${survey}/waves/${wave}`, {
    headers: SURVEYS,
    body: JSON.stringify({ closes_at: new Date().toISOString() }),
  });
  expect(res.status).toBe(200);
}

describe('satisfaction results per wave', () => {
  it('publishes a town of a live wave from 10 responses, then only at every 10th', async () => {
    const town = await townAt(3);
    expect((await results(town)).min_sample).toBe(10);
    for (let i = 0; i < 9; i++) expect(await send('public', town)).toBe(201);
    const below = await publicOf(town);
    expect(below).toMatchObject({
      wave_id: 'public-w1',
      version_id: 'public-v1',
      published: true,
      responses: 0,
      suppressed: true,
      small_sample: true,
      dimensions: [],
      nps: null,
      distributions: [],
    });
    expect(await send('public', town)).toBe(201);
    const at10 = await publicOf(town);
    expect(at10).toMatchObject({ responses: 10, suppressed: false, small_sample: true, duplicates_excluded_percent: 0 });
    expect(at10.wave).toMatchObject({ id: 'public-w1', publication: 'live_in_steps', status: 'open' });
    expect(at10.dimensions.find((d) => d.dimension === 'overall')).toMatchObject({
      n: 10,
      score: 75,
      ci_low: 75,
      ci_high: 75,
      suppressed: false,
      previous: null,
      change: null,
    });
    expect(at10.nps).toEqual({
      question_id: 'recommend',
      n: 10,
      score: 0,
      promoters_percent: 0,
      passives_percent: 100,
      detractors_percent: 0,
    });
    // Nine more change nothing that is published; the 20th publishes the next state.
    for (let i = 0; i < 9; i++) expect(await send('public', town, { overall: 1 })).toBe(201);
    expect(await publicOf(town)).toEqual(at10);
    expect(await send('public', town, { overall: 1 })).toBe(201);
    const at20 = await publicOf(town);
    expect(at20.responses).toBe(20);
    expect(at20.dimensions.find((d) => d.dimension === 'overall')!.score).toBe(37.5);
  });

  it("publishes an after_close wave only once closed, with the known sample's score, interval, shares and NPS", async () => {
    const town = await townAt(4);
    // Overall 1,1,2,3,3,3,4,4,5,5 (scores 0,0,25,50,50,50,75,75,100,100): mean 52.5, s = √(11812.5 / 9) = 36.23,
    // t(9) = 2.262, half-width 2.262 × 36.23 / √10 = 25.9.
    const overall = [1, 1, 2, 3, 3, 3, 4, 4, 5, 5];
    // Recommend: four promoters, three passives, three detractors: NPS = (4 − 3) / 10 = 10.
    const recommend = [9, 9, 9, 10, 7, 8, 7, 0, 3, 5];
    // Importance: overall planning 5 (100), the four other functions 3 (50); every other rating 4 (75).
    const importance = { plan_importance: 5, pol_importance: 3, coo_importance: 3, app_importance: 3, sup_importance: 3 };
    for (let i = 0; i < 10; i++)
      expect(await send('enterprise', town, { overall: overall[i], recommend: recommend[i], ...importance })).toBe(201);
    const open = (await results(town)).surveys.find((s) => s.wave_id === 'enterprise-w2')!;
    expect(open).toMatchObject({
      published: false,
      responses: 0,
      suppressed: true,
      dimensions: [],
      distributions: [],
      duplicates_excluded_percent: null,
    });
    expect(open.wave).toMatchObject({ publication: 'after_close', status: 'open' });

    await closeWave('enterprise-w2', 'enterprise');
    const closed = (await results(town)).surveys.find((s) => s.wave_id === 'enterprise-w2')!;
    expect(closed).toMatchObject({ published: true, responses: 10, suppressed: false, small_sample: true });
    expect(closed.wave.status).toBe('closed');
    expect(closed.dimensions.find((d) => d.dimension === 'overall')).toMatchObject({ n: 10, score: 52.5, ci_low: 26.6, ci_high: 78.4 });
    expect(closed.nps).toEqual({
      question_id: 'recommend',
      n: 10,
      score: 10,
      promoters_percent: 40,
      passives_percent: 30,
      detractors_percent: 30,
    });
    // One value holds 1 respondent (2) and others 2: the scale is published as bottom two, middle and top two (3, 3, 4).
    expect(closed.distributions.find((d) => d.question_id === 'overall')).toEqual({
      question_id: 'overall',
      grouping: 'grouped',
      categories: [
        { value: 'bottom2', percent: 30 },
        { value: 'middle', percent: 30 },
        { value: 'top2', percent: 40 },
      ],
      na_percent: null,
    });
    // Every other enterprise rating was 4 from all ten: one category, published as is.
    expect(closed.distributions.find((d) => d.question_id === 'plan_delivery')!.categories.find((c) => c.value === '4')!.percent).toBe(100);
    // Where to act: grand means 60 (importance) and 75 (satisfaction); planning matters most and is done as well as the rest.
    expect(closed.ipa!.grand_means).toEqual({ importance: 60, satisfaction: 75 });
    expect(closed.ipa!.functions.map((f) => [f.function, f.quadrant, f.gap])).toEqual([
      ['planning', 'keep-up', 25],
      ['policy_support', 'overkill', -25],
      ['coordination', 'overkill', -25],
      ['approval_services', 'overkill', -25],
      ['supervision', 'overkill', -25],
    ]);
    const csv = (await (await get(`/api/v1/towns/${town}/satisfaction?format=csv&wave=enterprise-w2`)).text()).split('\r\n');
    expect(csv[0]).toContain('ipa_importance,ipa_quadrant,ipa_gap');
    expect(csv.find((line) => line.includes(',planning,'))).toMatch(/,100,keep-up,25$/);
    // No count of any answer value is published, in JSON or CSV.
    const text = JSON.stringify(closed) + (await (await get(`/api/v1/towns/${town}/satisfaction?format=csv`)).text());
    expect(text).not.toMatch(/"counts"|"promoters":|"detractors":/);
  });

  it('never publishes free text', async () => {
    const town = await townAt(4);
    const text =
      JSON.stringify((await getParsed(TownSatisfactionSchema, `/api/v1/towns/${town}/satisfaction`)).body) +
      (await (await get(`/api/v1/towns/${town}/satisfaction?format=csv`)).text());
    expect(text).not.toContain('测试意见');
    expect(text).not.toContain('comment');
  });

  it('sums only published towns into groups, so a group never differs from a published town by fewer than 10 respondents', async () => {
    const published = await townAt(3);
    const { body: detail } = await getParsed(TownSchema, `/api/v1/towns/${published}`);
    const lone = (await env.DB.prepare('SELECT id FROM towns WHERE province = ? AND id <> ? ORDER BY id LIMIT 1')
      .bind(detail.province, published)
      .first<string>('id'))!;
    const group = async () =>
      GroupedSatisfactionSchema.parse(
        (
          await getJson(`/api/v1/satisfaction?group_by=province&province=${encodeURIComponent(detail.province)}&wave=public-w1`, {
            'Cache-Control': 'no-cache',
          })
        ).body,
      ).groups[0]!.surveys[0]!;
    const before = await group();
    expect(await send('public', lone, { overall: 1 })).toBe(201);
    const after = await group();
    expect(after).toEqual(before);
    expect(after.responses).toBe((await publicOf(published)).responses);
    for (const by of ['province', 'list', 'status']) {
      const { res, body } = await getJson(`/api/v1/satisfaction?group_by=${by}&wave=public-w1`);
      expect(res.status, by).toBe(200);
      expect(GroupedSatisfactionSchema.parse(body).groups.length, by).toBeGreaterThan(0);
    }
    expect((await getParsed(ProblemSchema, '/api/v1/satisfaction?group_by=colour')).res.status).toBe(400);
    expect((await getParsed(ProblemSchema, '/api/v1/satisfaction?wave=no-such-wave')).res.status).toBe(400);
  });

  it('stores exactly 200 of 200 concurrent submissions, and every rollup and published state equals a recount', async () => {
    const town = await townAt(5);
    const before = (await env.DB.prepare('SELECT COUNT(*) AS n FROM responses').first<number>('n'))!;
    const waveOpen = await env.DB.prepare("SELECT id FROM survey_waves WHERE survey_id = 'public' AND closes_at IS NULL").first<string>(
      'id',
    );
    const answers = await fullAnswers('public');
    const statuses = await Promise.all(
      Array.from({ length: 200 }, (_, i) =>
        submit(
          'public',
          { town_id: town, answers: { ...answers, overall: (i % 5) + 1 }, consent },
          { ip: `10.${Math.floor(i / 250)}.${i % 250}.1` },
        ).then((r) => r.status),
      ),
    );
    expect(statuses.filter((s) => s === 201)).toHaveLength(200);
    expect(await env.DB.prepare('SELECT COUNT(*) AS n FROM responses').first<number>('n')).toBe(before + 200);
    for (const published of [false, true]) {
      const counts = await recount({ published });
      expect(counts.rolledResponses, `published: ${published}`).toEqual(counts.responses);
      expect(counts.rolledAnswers, `published: ${published}`).toEqual(counts.answers);
      expect(counts.rolledDimensions.length).toBeGreaterThan(0);
      expect(counts.rolledDimensions, `published: ${published}`).toEqual(counts.dimensions);
    }
    const dims = await env.DB.prepare(
      "SELECT n, sum FROM rollup_wave_dimensions WHERE wave_id = ? AND town_id = ? AND dimension = 'overall'",
    )
      .bind(waveOpen, town)
      .first<{ n: number; sum: number }>();
    expect(dims).toEqual({ n: 200, sum: 200 * 50 });
  }, 120_000);

  it('changes the ETag of results when a response arrives, so a cache never serves stale results', async () => {
    const town = await townAt(6);
    const first = await get(`/api/v1/towns/${town}/satisfaction`);
    const etag = first.headers.get('ETag')!;
    expect((await get(`/api/v1/towns/${town}/satisfaction`, { 'If-None-Match': etag })).status).toBe(304);
    expect(await send('public', town)).toBe(201);
    const after = await get(`/api/v1/towns/${town}/satisfaction`, { 'If-None-Match': etag });
    expect(after.status).toBe(200);
    expect(after.headers.get('ETag')).not.toBe(etag);
  });

  it('answers 404 for the results of an unknown town', async () => {
    expect((await getParsed(ProblemSchema, '/api/v1/towns/nowhere/satisfaction')).res.status).toBe(404);
  });
  // Last: it closes the public survey's first wave (storage is per file).
  it('shows each dimension beside the previous wave: the change, and whether it is beyond the intervals', async () => {
    const town = await townAt(7);
    for (let i = 0; i < 10; i++) expect(await send('public', town, { overall: 2 + (i % 2) })).toBe(201);
    const now = new Date().toISOString();
    await request('PATCH', '/api/v1/admin/surveys/public/waves/public-w1', { headers: SURVEYS, body: JSON.stringify({ closes_at: now }) });
    const created = await request('POST', '/api/v1/admin/surveys/public/waves', {
      headers: SURVEYS,
      body: JSON.stringify({
        id: 'public-w2',
        name: { zh: '第二轮', en: 'Wave 2' },
        opens_at: now,
        closes_at: null,
        publication: 'live_in_steps',
      }),
    });
    expect(created.status).toBe(201);
    {
      for (let i = 0; i < 10; i++) expect(await send('public', town, { overall: 4 + (i % 2) })).toBe(201);
      const [w2, w1] = (await results(town)).surveys.filter((s) => s.survey_id === 'public');
      expect([w2!.wave_id, w1!.wave_id]).toEqual(['public-w2', 'public-w1']);
      const overall = w2!.dimensions.find((d) => d.dimension === 'overall')!;
      const before = w1!.dimensions.find((d) => d.dimension === 'overall')!;
      expect(overall.previous).toEqual({ wave_id: 'public-w1', score: before.score, ci_low: before.ci_low, ci_high: before.ci_high });
      expect(overall.change).toBe(50);
      expect(overall.beyond_ci).toBe(true);
      const csv = await (await get(`/api/v1/towns/${town}/satisfaction?format=csv&wave=public-w2`)).text();
      expect(csv.split('\r\n')[0]).toContain('previous_wave_id,previous_score,previous_ci_low,previous_ci_high,change,beyond_ci');
      expect(csv).toContain(',public-w1,');
    }
  }, 30_000); // 20 submissions and two wave changes: more than the default 5 s on a busy machine.
});
