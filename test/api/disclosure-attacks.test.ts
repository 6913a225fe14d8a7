import { env } from 'cloudflare:workers';
import { beforeAll, describe, expect, it } from 'vitest';
import { GroupedSatisfactionSchema, TownSatisfactionSchema } from '../../worker/schemas/satisfaction.ts';
import { SurveySchema } from '../../worker/schemas/surveys.ts';
import { TownPageSchema } from '../../worker/schemas/towns.ts';
import { adminHeaders, fullAnswers, get, getJson, getParsed, JSON_BODY, request, submit } from '../helpers.ts';

// Issue 12, "Differencing", played by the interested party: a town office (or anyone) that reads the published
// results before and after a respondent answers, and may send answers of its own so that the respondent it is
// interested in is the only one it does not know. Whatever it compares (a town's figures in JSON or CSV, the
// groups by province, list, status or all, one wave or every wave), it must learn no answer of that respondent.
//
// The two publication rules: public-w1 is `live_in_steps` (a town's published state moves only when its count of
// counted responses reaches a multiple of 10), the enterprise waves are `after_close` (nothing while open, the
// final state once closed). MIN_SAMPLE is 10.
//
// What the rules cannot do, and the tests below document with `it.fails`: an attacker who controls all but one of
// the responses that make up the difference between two published states (9 of a step of 10, or 9 of the 10
// responses of a wave published after closing) reads the last one. That is the residual risk of any threshold.

const consent = { participation: true };
const SURVEYS = adminHeaders('surveys', JSON_BODY);
const NO_CACHE = { 'Cache-Control': 'no-cache' };
type Answers = Record<string, unknown>;
type Result = ReturnType<typeof TownSatisfactionSchema.parse>['surveys'][number];

let ip = 0;
/** A network of its own for every submission: neither the rate limit nor the duplicate signal gets in the way. */
const freshIp = () => `10.${88 + Math.floor(ip / 62500)}.${Math.floor(ip / 250) % 250}.${(ip++ % 250) + 1}`;

async function send(survey: string, town: string, answers: Answers): Promise<void> {
  const res = await submit(survey, { town_id: town, answers, consent }, { ip: freshIp() });
  expect(res.status, await res.clone().text()).toBe(201);
}

/** Ratings that differ from one respondent to the next (1–5, recommend 0–10), so that no state is trivial. */
async function varied(survey: string, seed: number, overrides: Answers = {}): Promise<Answers> {
  const answers = await fullAnswers(survey);
  let k = seed * 7 + 3;
  for (const [id, value] of Object.entries(answers)) {
    k = (k * 31 + 17) % 101;
    if (typeof value === 'number' && id !== 'recommend') answers[id] = (k % 5) + 1;
    if (id === 'recommend') answers[id] = k % 11;
  }
  return { ...answers, ...overrides };
}

/** The respondent the attacker wants to read: answers unlike anyone else's. */
async function realRespondent(survey: string): Promise<Answers> {
  const answers = await fullAnswers(survey);
  for (const [id, value] of Object.entries(answers)) if (typeof value === 'number') answers[id] = id === 'recommend' ? 0 : 1;
  return { ...answers, overall: 2 };
}

/** The attacker's own answers: known to it, all 5 and 10. */
async function own(survey: string): Promise<Answers> {
  const answers = await fullAnswers(survey);
  for (const [id, value] of Object.entries(answers)) if (typeof value === 'number') answers[id] = id === 'recommend' ? 10 : 5;
  return answers;
}

/** The questionnaire's rating items per dimension, as a reader of the published questionnaire knows them. */
const dimensionsOf = new Map<string, Map<string, string[]>>();
async function items(survey: string): Promise<Map<string, string[]>> {
  if (!dimensionsOf.has(survey)) {
    const { body } = await getParsed(SurveySchema, `/api/v1/surveys/${survey}`);
    const map = new Map<string, string[]>();
    for (const section of body.sections)
      for (const q of section.questions)
        if (q.type === 'likert' && q.dimension) map.set(q.dimension, [...(map.get(q.dimension) ?? []), q.id]);
    dimensionsOf.set(survey, map);
  }
  return dimensionsOf.get(survey)!;
}

/** A respondent's score in a dimension (0–100): the mean of its 1–5 ratings rescaled, "not applicable" left out. */
function scoreOf(answers: Answers, questions: string[]): number | null {
  const values = questions.map((q) => answers[q]).filter((v): v is number => typeof v === 'number');
  return values.length ? values.reduce((s, v) => s + (v - 1) * 25, 0) / values.length : null;
}

/**
 * Every published figure a reader can fetch about a town and its groups, in JSON and CSV, afresh from D1: the
 * town's results (one wave and every wave) and every group by province, list, status and all.
 */
async function snapshot(town: string, wave: string): Promise<Record<string, string>> {
  const paths = [
    `/api/v1/towns/${town}/satisfaction`,
    `/api/v1/towns/${town}/satisfaction?wave=${wave}`,
    `/api/v1/towns/${town}/satisfaction?format=csv`,
    `/api/v1/towns/${town}/satisfaction?wave=${wave}&format=csv`,
    ...['province', 'list', 'status', 'all'].flatMap((by) => [
      `/api/v1/satisfaction?group_by=${by}`,
      `/api/v1/satisfaction?group_by=${by}&wave=${wave}`,
      `/api/v1/satisfaction?group_by=${by}&wave=${wave}&format=csv`,
    ]),
  ];
  const entries = await Promise.all(
    paths.map(async (path) => {
      const res = await get(path, NO_CACHE);
      expect(res.status, path).toBe(200);
      return [path, await res.text()] as const;
    }),
  );
  return Object.fromEntries(entries);
}

/** A snapshot with each wave's description (`wave`: window and status) left out, its figures kept. */
function withoutWaves(snap: Record<string, string>): Record<string, unknown> {
  const strip = (value: unknown): unknown =>
    Array.isArray(value)
      ? value.map(strip)
      : value && typeof value === 'object'
        ? Object.fromEntries(
            Object.entries(value)
              .filter(([k]) => k !== 'wave')
              .map(([k, v]) => [k, strip(v)]),
          )
        : value;
  return Object.fromEntries(
    Object.entries(snap).map(([path, text]) => [path, path.includes('format=csv') ? text : strip(JSON.parse(text))]),
  );
}

async function resultOf(town: string, wave: string): Promise<Result> {
  const { body } = await getJson(`/api/v1/towns/${town}/satisfaction?wave=${wave}`, NO_CACHE);
  return TownSatisfactionSchema.parse(body).surveys.find((s) => s.wave_id === wave)!;
}

/**
 * The attacker's arithmetic: between two published states of a town, the sum of each dimension's scores moved
 * by n × score; take away what its own answers added, and if exactly one respondent is left unknown, that is
 * the respondent's score. Returns what it read that is true of the real respondent (empty: it read nothing).
 */
async function readBack(survey: string, before: Result, after: Result, ownAnswers: Answers[], real: Answers): Promise<string[]> {
  if (after.suppressed) return [];
  const unknown = after.responses - (before.suppressed ? 0 : before.responses) - ownAnswers.length;
  if (unknown !== 1) return [];
  const read: string[] = [];
  for (const [dimension, questions] of await items(survey)) {
    const a = after.dimensions.find((d) => d.dimension === dimension);
    const b = before.suppressed ? undefined : before.dimensions.find((d) => d.dimension === dimension);
    if (!a || a.score === null) continue;
    const sum = a.score * a.n - (b?.score ?? 0) * (b?.n ?? 0) - ownAnswers.reduce((s, o) => s + (scoreOf(o, questions) ?? 0), 0);
    // The possible scores of one respondent who rated every item are multiples of 25 / items.
    const step = 25 / questions.length;
    const guess = Math.round(sum / step) * step;
    if (Math.abs(guess - scoreOf(real, questions)!) < 1e-9) read.push(`${dimension}=${guess}`);
  }
  if (after.nps && (before.suppressed || before.nps)) {
    const net = (r: Result) => (r.nps ? Math.round((r.nps.score * r.nps.n) / 100) : 0);
    const ownNet = ownAnswers.reduce((s, o) => s + (Number(o.recommend) >= 9 ? 1 : Number(o.recommend) <= 6 ? -1 : 0), 0);
    const left = net(after) - (before.suppressed ? 0 : net(before)) - ownNet;
    const truth = Number(real.recommend) >= 9 ? 1 : Number(real.recommend) <= 6 ? -1 : 0;
    if (left === truth) read.push(`recommend=${left > 0 ? 'promoter' : left < 0 ? 'detractor' : 'passive'}`);
  }
  return read;
}

/** Towns grouped by province (provinces with at least 3 towns), one province per scenario so that groups stay apart. */
let provinces: { province: string; towns: string[] }[] = [];
let next = 0;
const scenario = () => provinces[next++]!;

beforeAll(async () => {
  const { results } = await env.DB.prepare(
    "SELECT province, json_group_array(id) AS towns FROM (SELECT province, id FROM towns WHERE province IS NOT NULL AND province <> '' ORDER BY id) GROUP BY province HAVING COUNT(*) >= 3 ORDER BY province",
  ).all<{ province: string; towns: string }>();
  provinces = results.map((r) => ({ province: r.province, towns: JSON.parse(r.towns) as string[] }));
  expect(provinces.length).toBeGreaterThan(10);
});

// ---------------------------------------------------------------------------------------------
// Groups are sums of what their towns publish, never of what a town withholds.
// (First: while only these two towns are published, every group's figures can be checked against them.)
// ---------------------------------------------------------------------------------------------
describe('differencing across groups', { timeout: 120_000 }, () => {
  it("a group never publishes a town's dimension or question that the town itself withholds (province vs town, list vs province, status, all)", async () => {
    const { province, towns } = scenario();
    const [lonely, other] = towns as [string, string];
    // In `lonely`, nine visitors say "not applicable" about jobs; one resident answers: the town withholds
    // its jobs figures (one respondent). `other` is an ordinary published town of the same province.
    const na = { job_opportunities: 'na', job_benefit: 'na' };
    for (let i = 0; i < 9; i++) await send('public', lonely, await varied('public', i, { ...na, role: 'visitor' }));
    const real = await realRespondent('public');
    await send('public', lonely, { ...real, job_opportunities: 4, job_benefit: 4 });
    for (let i = 0; i < 10; i++) await send('public', other, await varied('public', 100 + i, { job_opportunities: 4, job_benefit: 4 }));

    const mine = await resultOf(lonely, 'public-w1');
    const theirs = await resultOf(other, 'public-w1');
    expect(mine).toMatchObject({ responses: 10, suppressed: false });
    expect(mine.dimensions.find((d) => d.dimension === 'jobs_industry')).toMatchObject({ n: 1, suppressed: true, score: null });
    expect(mine.distributions.find((d) => d.question_id === 'job_opportunities')).toBeUndefined();
    const jobs = theirs.dimensions.find((d) => d.dimension === 'jobs_industry')!;
    expect(jobs).toMatchObject({ n: 10, score: 75, suppressed: false });

    const published = new Map([
      [lonely, mine],
      [other, theirs],
    ]);
    // Which of the two towns each group holds, as /api/v1/towns filters them.
    const members = async (by: string, key: string) => {
      if (by === 'all') return [lonely, other];
      if (by === 'province') return key === province ? [lonely, other] : [];
      const { body } = await getParsed(
        TownPageSchema,
        `/api/v1/towns?${by}=${encodeURIComponent(key)}&province=${encodeURIComponent(province)}&limit=500`,
      );
      return (body.items as { id: string }[]).map((t) => t.id).filter((id) => published.has(id));
    };
    let checked = 0;
    for (const by of ['province', 'list', 'status', 'all']) {
      const { body } = await getJson(`/api/v1/satisfaction?group_by=${by}&wave=public-w1`, NO_CACHE);
      for (const group of GroupedSatisfactionSchema.parse(body).groups) {
        const result = group.surveys.find((s) => s.wave_id === 'public-w1')!;
        const inGroup = (await members(by, group.key)).map((t) => published.get(t)!);
        expect(result.responses, `${by}=${group.key}`).toBe(inGroup.reduce((s, r) => s + r.responses, 0));
        for (const d of result.dimensions) {
          // The group's n of a dimension is the sum of the n its towns publish: a difference of the group and its
          // towns isolates nobody.
          const fromTowns = inGroup.reduce(
            (s, r) => s + (r.dimensions.find((x) => x.dimension === d.dimension && !x.suppressed)?.n ?? 0),
            0,
          );
          expect(d.n, `${by}=${group.key}: ${d.dimension}`).toBe(fromTowns);
          checked++;
        }
        if (inGroup.length === 1 && inGroup[0] === theirs) {
          // A group whose only publishable figures are `other`'s must publish exactly `other`'s.
          expect(result.dimensions.find((d) => d.dimension === 'jobs_industry')).toEqual(jobs);
          expect(result.distributions.find((d) => d.question_id === 'job_opportunities')).toEqual(
            theirs.distributions.find((d) => d.question_id === 'job_opportunities'),
          );
        }
        if (inGroup.length === 2) {
          // The province minus the other town: the lonely resident's jobs score and answers, were they summed in.
          expect(result.dimensions.find((d) => d.dimension === 'jobs_industry')).toMatchObject({
            n: 10,
            score: jobs.score,
            ci_low: jobs.ci_low,
            ci_high: jobs.ci_high,
          });
          expect(result.distributions.find((d) => d.question_id === 'job_opportunities')).toEqual(
            theirs.distributions.find((d) => d.question_id === 'job_opportunities'),
          );
        }
      }
    }
    expect(checked).toBeGreaterThan(20);
  });
});

// ---------------------------------------------------------------------------------------------
// live_in_steps (public-w1)
// ---------------------------------------------------------------------------------------------
describe('live_in_steps: snapshots around a real respondent', { timeout: 120_000 }, () => {
  it('one real submission to a published town changes no published figure (town, groups, JSON, CSV)', async () => {
    const { towns } = scenario();
    const town = towns[0]!;
    for (let i = 0; i < 10; i++) await send('public', town, await varied('public', 200 + i));
    const before = await snapshot(town, 'public-w1');
    expect((await resultOf(town, 'public-w1')).responses).toBe(10);
    await send('public', town, await realRespondent('public'));
    expect(await snapshot(town, 'public-w1')).toEqual(before);
  });

  it('one real submission to a town with no published state yet changes no published figure', async () => {
    const { towns } = scenario();
    const town = towns[0]!;
    const before = await snapshot(town, 'public-w1');
    await send('public', town, await realRespondent('public'));
    expect(await snapshot(town, 'public-w1')).toEqual(before);
    expect(await resultOf(town, 'public-w1')).toMatchObject({
      responses: 0,
      suppressed: true,
      dimensions: [],
      distributions: [],
      nps: null,
    });
  });

  it('4 own submissions and one real one change no published figure, whether the town is published or not', async () => {
    for (const start of [10, 0]) {
      const { towns } = scenario();
      const town = towns[0]!;
      for (let i = 0; i < start; i++) await send('public', town, await varied('public', 300 + i));
      const before = await snapshot(town, 'public-w1');
      const mine = await own('public');
      for (let i = 0; i < 4; i++) await send('public', town, mine);
      await send('public', town, await realRespondent('public'));
      expect(await snapshot(town, 'public-w1'), `from ${start}`).toEqual(before);
    }
  });

  it('a real submission that completes a step moves the town by 10 respondents at once: with 9 of them unknown, nothing is read', async () => {
    const { towns } = scenario();
    const town = towns[0]!;
    const before = await resultOf(town, 'public-w1');
    for (let i = 0; i < 5; i++) await send('public', town, await varied('public', 400 + i));
    const mine = await own('public');
    for (let i = 0; i < 4; i++) await send('public', town, mine);
    const real = await realRespondent('public');
    await send('public', town, real);
    const after = await resultOf(town, 'public-w1');
    expect(after.responses - before.responses).toBe(10);
    expect(await readBack('public', before, after, [mine, mine, mine, mine], real)).toEqual([]);
  });

  // The 9 + 1 attack, set up in full; the test after it is the attacker's reading.
  const nine: { before?: Result; after?: Result; mine?: Answers; real?: Answers } = {};
  it("(set-up) an attacker finds where a town's next step is by probing, then sends 9 of its own and waits for the real respondent", async () => {
    const { towns } = scenario();
    const town = towns[0]!;
    // 13 real responses: the town publishes 10, and 3 are pending, which the attacker cannot see.
    for (let i = 0; i < 13; i++) await send('public', town, await varied('public', 500 + i));
    expect((await resultOf(town, 'public-w1')).responses).toBe(10);
    const mine = await own('public');
    // The attacker sends one at a time until the published state moves: then it knows the count is a multiple of 10.
    let probes = 0;
    while ((await resultOf(town, 'public-w1')).responses === 10) {
      await send('public', town, { ...mine, comment: `probe ${probes}` });
      probes++;
    }
    expect(probes).toBe(7);
    nine.before = await resultOf(town, 'public-w1');
    expect(nine.before.responses).toBe(20);
    for (let i = 0; i < 9; i++) await send('public', town, mine);
    expect(await resultOf(town, 'public-w1')).toEqual(nine.before);
    nine.real = await realRespondent('public');
    await send('public', town, nine.real);
    nine.after = await resultOf(town, 'public-w1');
    expect(nine.after.responses).toBe(30);
    nine.mine = mine;
  });

  // RESIDUAL RISK, kept as a failing test on purpose. Steps of 10 guarantee that two published states differ by
  // at least 10 respondents; they cannot tell respondents from an attacker's own submissions. An attacker that
  // (1) probes with its own answers until the published state moves (7 submissions here), so that it knows the
  // town's count, (2) sends 9 more, and (3) can time the real respondent (e.g. an office that asks a resident to
  // answer "now") reads that respondent's score in every dimension and whether it recommends the town. Nothing in
  // the publication rules can stop this without knowing who is who; what bounds it is the cost of 16 accepted
  // submissions from 16 networks that are not probable duplicates, and the audit of the raw responses. If this test
  // starts to pass, the protection got stronger: turn it into a normal test.
  it.fails('the attacker with 9 of a step of 10 reads nothing of the 10th (it does: the residual risk of n ≥ 10)', async () => {
    expect(nine.after, 'set-up ran').toBeDefined();
    const read = await readBack('public', nine.before!, nine.after!, Array(9).fill(nine.mine!), nine.real!);
    expect(read).toEqual([]);
  });
});

// ---------------------------------------------------------------------------------------------
// after_close (enterprise-w2, then closed)
// ---------------------------------------------------------------------------------------------
describe('after_close: snapshots around a real respondent', { timeout: 120_000 }, () => {
  const towns: Record<'many' | 'nine' | 'four', string> = { many: '', nine: '', four: '' };
  const ownOf = { many: [] as Answers[], nine: [] as Answers[], four: [] as Answers[] };
  let real: Answers = {};
  let nineFinal: Result | undefined;

  it('while the wave is open, neither one real submission nor 4 own and one real change any published figure', async () => {
    towns.many = scenario().towns[0]!;
    towns.nine = scenario().towns[0]!;
    towns.four = scenario().towns[0]!;
    real = await realRespondent('enterprise');
    const mine = await own('enterprise');
    for (let i = 0; i < 12; i++) await send('enterprise', towns.many, await varied('enterprise', 600 + i));
    const before = await snapshot(towns.many, 'enterprise-w2');
    const beforeFour = await snapshot(towns.four, 'enterprise-w2');
    const beforeNine = await snapshot(towns.nine, 'enterprise-w2');
    expect(await resultOf(towns.many, 'enterprise-w2')).toMatchObject({
      published: false,
      responses: 0,
      suppressed: true,
      dimensions: [],
      nps: null,
      distributions: [],
      ipa: null,
    });
    await send('enterprise', towns.many, real);
    expect(await snapshot(towns.many, 'enterprise-w2')).toEqual(before);
    for (let i = 0; i < 4; i++) await send('enterprise', towns.many, mine);
    ownOf.many = Array(4).fill(mine);
    expect(await snapshot(towns.many, 'enterprise-w2')).toEqual(before);

    for (let i = 0; i < 4; i++) await send('enterprise', towns.four, mine);
    ownOf.four = Array(4).fill(mine);
    await send('enterprise', towns.four, real);
    expect(await snapshot(towns.four, 'enterprise-w2')).toEqual(beforeFour);
    for (let i = 0; i < 9; i++) await send('enterprise', towns.nine, mine);
    ownOf.nine = Array(9).fill(mine);
    await send('enterprise', towns.nine, real);
    expect(await snapshot(towns.nine, 'enterprise-w2')).toEqual(beforeNine);
  });

  it('once closed, the final results hold the real respondent among at least 10 the attacker does not know, or are withheld', async () => {
    const nothing = await resultOf(towns.many, 'enterprise-w2');
    const res = await request('PATCH', '/api/v1/admin/surveys/enterprise/waves/enterprise-w2', {
      headers: SURVEYS,
      body: JSON.stringify({ closes_at: new Date().toISOString() }),
    });
    expect(res.status).toBe(200);
    const many = await resultOf(towns.many, 'enterprise-w2');
    expect(many).toMatchObject({ published: true, responses: 17, suppressed: false });
    expect(many.wave.status).toBe('closed');
    expect(await readBack('enterprise', nothing, many, ownOf.many, real)).toEqual([]);
    // 4 own and the real one: 5 responses, withheld whole.
    const four = await resultOf(towns.four, 'enterprise-w2');
    expect(four).toMatchObject({
      published: true,
      responses: 5,
      suppressed: true,
      dimensions: [],
      nps: null,
      distributions: [],
      ipa: null,
    });
    const csv = await (await get(`/api/v1/towns/${towns.four}/satisfaction?wave=enterprise-w2&format=csv`, NO_CACHE)).text();
    const [header, row, extra] = csv
      .replace(/^\uFEFF/, '')
      .split('\r\n')
      .filter(Boolean);
    expect(extra).toBeUndefined();
    const cells = Object.fromEntries(header!.split(',').map((h, i) => [h, row!.split(',')[i]]));
    expect(cells).toMatchObject({ suppressed: 'true', score: '', ci_low: '', ci_high: '', nps: '', n: '' });
    // 9 own and the real one: 10 responses, published (the attacker's reading is the test after this one).
    nineFinal = await resultOf(towns.nine, 'enterprise-w2');
    expect(nineFinal).toMatchObject({ published: true, responses: 10, suppressed: false });
  });

  // RESIDUAL RISK, kept as a failing test on purpose: a wave published after it closes has one published state per
  // town, so there is nothing to difference, but an attacker that sent 9 of the town's 10 responses (each with a
  // made-up enterprise code: a code's check character is public arithmetic, and nothing ties a code to who sends
  // it) reads the 10th from the final results. The enterprise survey's towns have few enterprises, which is why
  // the threshold is 10 and not 5; only knowing who answers (which the design refuses to keep) could stop it.
  it.fails("the attacker with 9 of a closed wave's 10 responses reads nothing of the 10th (it does: the residual risk of n ≥ 10)", async () => {
    expect(nineFinal, 'set-up ran').toBeDefined();
    const final = nineFinal!;
    const nothing = { ...final, suppressed: true, responses: 0, dimensions: [], nps: null } as Result;
    expect(await readBack('enterprise', nothing, final, ownOf.nine, real)).toEqual([]);
  });

  it('a closed after_close wave cannot be reopened once its final results are out (so that a second final cannot be compared with the first)', async () => {
    const before = await snapshot(towns.many, 'enterprise-w2');
    for (const closes_at of [null, '2099-01-01T00:00:00Z']) {
      const res = await request('PATCH', '/api/v1/admin/surveys/enterprise/waves/enterprise-w2', {
        headers: SURVEYS,
        body: JSON.stringify({ closes_at }),
      });
      expect(res.status, String(closes_at)).toBe(422);
      expect((await res.json<any>()).errors.map((e: any) => e.name)).toEqual(['closes_at']);
    }
    const window = await request('PUT', '/api/v1/admin/surveys/enterprise/window', {
      headers: SURVEYS,
      body: JSON.stringify({ opens_at: null, closes_at: null }),
    });
    expect(window.status).toBe(422);
    // Nobody can answer the closed wave, so its final results stand.
    const res = await submit('enterprise', { town_id: towns.many, answers: await fullAnswers('enterprise'), consent }, { ip: freshIp() });
    expect(res.status).toBe(409);
    expect(await snapshot(towns.many, 'enterprise-w2')).toEqual(before);
  });
});

// ---------------------------------------------------------------------------------------------
// Across the two publication rules
// ---------------------------------------------------------------------------------------------
describe('differencing across the two publication rules', { timeout: 120_000 }, () => {
  it('a wave published live cannot be switched to publish its final state: that state would be fewer than 10 responses from the last step', async () => {
    const { towns } = scenario();
    const town = towns[0]!;
    for (let i = 0; i < 10; i++) await send('public', town, await varied('public', 700 + i));
    const mine = await own('public');
    for (let i = 0; i < 3; i++) await send('public', town, mine);
    const step = await resultOf(town, 'public-w1');
    const before = await snapshot(town, 'public-w1');
    expect(step.responses).toBe(10);
    const real = await realRespondent('public');
    await send('public', town, real);
    const res = await request('PATCH', '/api/v1/admin/surveys/public/waves/public-w1', {
      headers: SURVEYS,
      body: JSON.stringify({ publication: 'after_close' }),
    });
    expect(res.status).toBe(422);
    expect((await res.json<any>()).errors.map((e: any) => e.name)).toEqual(['publication']);
    // Closed, the live wave keeps publishing its last step: the 4 responses since are never published.
    expect(
      (
        await request('PATCH', '/api/v1/admin/surveys/public/waves/public-w1', {
          headers: SURVEYS,
          body: JSON.stringify({ closes_at: new Date().toISOString() }),
        })
      ).status,
    ).toBe(200);
    const closed = await resultOf(town, 'public-w1');
    expect(closed.wave.status).toBe('closed');
    expect(await readBack('public', step, closed, [mine, mine, mine], real)).toEqual([]);
    const after = await snapshot(town, 'public-w1');
    // Only the wave itself (its closing time and status) may differ: every figure is the same.
    expect(withoutWaves(after)).toEqual(withoutWaves(before));
  });

  it("a new wave of the public survey published after closing shows nothing while open, beside the live wave's last step", async () => {
    const now = new Date().toISOString();
    const created = await request('POST', '/api/v1/admin/surveys/public/waves', {
      headers: SURVEYS,
      body: JSON.stringify({
        id: 'public-w2',
        name: { zh: '第二轮', en: 'Wave 2' },
        opens_at: now,
        closes_at: null,
        publication: 'after_close',
      }),
    });
    expect(created.status).toBe(201);
    const { towns } = scenario();
    const town = towns[0]!;
    for (let i = 0; i < 12; i++) await send('public', town, await varied('public', 800 + i));
    const before = await snapshot(town, 'public-w2');
    await send('public', town, await realRespondent('public'));
    const mine = await own('public');
    for (let i = 0; i < 4; i++) await send('public', town, mine);
    await send('public', town, await realRespondent('public'));
    expect(await snapshot(town, 'public-w2')).toEqual(before);
    expect(await resultOf(town, 'public-w2')).toMatchObject({ published: false, responses: 0, suppressed: true });
    // Its publication rule is fixed now that it has responses, in either direction.
    const res = await request('PATCH', '/api/v1/admin/surveys/public/waves/public-w2', {
      headers: SURVEYS,
      body: JSON.stringify({ publication: 'live_in_steps' }),
    });
    expect(res.status).toBe(422);
  });
});
