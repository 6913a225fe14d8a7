import { applyD1Migrations } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { beforeAll, describe, expect, it } from 'vitest';
import worker from '../../worker/index.ts';
import { TownSatisfactionSchema } from '../../worker/schemas/satisfaction.ts';
import type { SurveyDefinition } from '../../worker/schemas/survey-definition.ts';
import { dimensionScores, meanWithInterval } from '../../worker/services/surveys/statistics.ts';
import { validateAnswers } from '../../worker/services/surveys/validate-answers.ts';

// Issue 12: "Existing responses migrate into a first wave; nothing is lost or recounted differently (a test
// recounts)." A database of the schema before waves (migrations 0000–0006), loaded with the data files of then and
// holding responses written exactly as the code of then wrote them, for two versions of the public survey and one of
// the enterprise survey, is migrated by 0007–0008, and then checked against its own raw answers.

const db = env.MIGRATION_DB;
const OLD = (name: string) => name < '0007';
const at = (day: string, n: number) =>
  `2026-${day}T${String(8 + (n % 10)).padStart(2, '0')}:${String(n % 60).padStart(2, '0')}:00.${String(n % 1000).padStart(3, '0')}Z`;

/** The seven statements of a submission before waves (worker/db/queries/submissions.ts at 9041b19^), with its tables. */
const OLD_SUBMISSION = [
  'INSERT INTO responses (id, survey_version_id, town_id, submitted_at, contact) VALUES (?1, ?2, ?3, ?4, ?5)',
  "INSERT INTO answers (response_id, question_id, value) SELECT ?1, json_extract(value, '$[0]'), json_extract(value, '$[1]') FROM json_each(?6)",
  'INSERT INTO rollup_responses (survey_version_id, town_id, n) VALUES (?2, ?3, 1) ON CONFLICT (survey_version_id, town_id) DO UPDATE SET n = rollup_responses.n + 1',
  `INSERT INTO rollup_answers (survey_version_id, town_id, question_id, value, n)
     SELECT ?2, ?3, json_extract(value, '$[0]'), json_extract(value, '$[1]'), 1 FROM json_each(?7) WHERE true
     ON CONFLICT (survey_version_id, town_id, question_id, value) DO UPDATE SET n = rollup_answers.n + 1`,
  `INSERT INTO rollup_dimensions (survey_version_id, town_id, dimension, n, sum, sum_squares)
     SELECT ?2, ?3, json_extract(value, '$[0]'), 1, json_extract(value, '$[1]'), json_extract(value, '$[1]') * json_extract(value, '$[1]') FROM json_each(?8) WHERE true
     ON CONFLICT (survey_version_id, town_id, dimension) DO UPDATE SET
       n = rollup_dimensions.n + 1, sum = rollup_dimensions.sum + excluded.sum, sum_squares = rollup_dimensions.sum_squares + excluded.sum_squares`,
  'INSERT INTO idempotency_keys (key, fingerprint, response_id, created_at) VALUES (?9, ?10, ?1, ?4)',
  "INSERT INTO meta (key, value, updated_at) VALUES ('results_version', ?1, ?4) ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at",
];

const definitions = new Map<string, SurveyDefinition>();
let written = 0;

/** One response as the code before waves stored it: the answers, every rollup, the key and the results version, in one batch. */
async function oldSubmission(versionId: string, town: string, submittedAt: string, seed: number, overrides: Record<string, unknown> = {}) {
  const definition = definitions.get(versionId)!;
  const raw: Record<string, unknown> = {};
  let k = seed * 13 + 5;
  for (const q of definition.sections.flatMap((s) => s.questions)) {
    k = (k * 31 + 7) % 97;
    if (q.type === 'likert') raw[q.id] = q.allow_na && k % 9 === 0 ? 'na' : (k % q.scale) + 1;
    else if (q.type === 'nps') raw[q.id] = k % 11;
    else if (q.type === 'single') raw[q.id] = q.options[k % q.options.length]!.id;
    else if (q.type === 'multi')
      raw[q.id] = [q.options[k % q.options.length]!.id, q.options[(k + 1) % q.options.length]!.id].filter((v, i, a) => a.indexOf(v) === i);
    else if (q.type === 'text' && k % 3 === 0) raw[q.id] = `意见 ${seed}`;
  }
  const { answers, problems } = validateAnswers(definition, { ...raw, ...overrides } as never);
  expect(problems).toEqual([]);
  const id = `r-old-${++written}`;
  const rows = answers.flatMap((a) => a.values.map((value) => [a.question.id, value]));
  const counted = answers.filter((a) => a.question.type !== 'text').flatMap((a) => a.values.map((value) => [a.question.id, value]));
  const dimensions = [...dimensionScores(answers)];
  const values = [
    id,
    versionId,
    town,
    submittedAt,
    null,
    JSON.stringify(rows),
    JSON.stringify(counted),
    JSON.stringify(dimensions),
    `old-key-${written}`,
    `old-fingerprint-${written}`,
  ];
  await db.batch(
    OLD_SUBMISSION.map((statement) =>
      db.prepare(statement).bind(...values.slice(0, Math.max(...[...statement.matchAll(/\?(\d+)/g)].map((m) => Number(m[1]))))),
    ),
  );
  return id;
}

/** A honeypot catch as the code before waves kept it: the day's count and the decoy's receipt (no wave then). */
async function oldDecoy(surveyId: string, versionId: string, town: string, submittedAt: string, n: number) {
  await db.batch([
    db
      .prepare(
        'INSERT INTO honeypot_catches (day, survey_id, n) VALUES (?, ?, 1) ON CONFLICT (day, survey_id) DO UPDATE SET n = honeypot_catches.n + 1',
      )
      .bind(submittedAt.slice(0, 10), surveyId),
    db
      .prepare(
        'INSERT INTO decoy_receipts (key, fingerprint, receipt, survey_id, version_id, town_id, submitted_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
      )
      .bind(`decoy-key-${n}`, `decoy-fp-${n}`, `r-decoy-${n}`, surveyId, versionId, town, submittedAt),
  ]);
}

const all = async <T = Record<string, unknown>>(sql: string, ...binds: unknown[]) =>
  (
    await db
      .prepare(sql)
      .bind(...binds)
      .all<T>()
  ).results;

let towns: string[] = [];
/** The rollups before the migration, per version. */
let before: { responses: unknown[]; answers: unknown[]; dimensions: unknown[] };
const WAVE_OF: Record<string, string> = { 'public-v1': 'public-w1', 'public-v2': 'public-w2', 'enterprise-v1': 'enterprise-w1' };

beforeAll(async () => {
  // The schema of before waves, and the data files loaded as the loader of then did (it knew no waves, and the
  // second enterprise questionnaire did not exist yet).
  await applyD1Migrations(
    db,
    env.TEST_MIGRATIONS.filter((m) => OLD(m.name)),
  );
  expect(await all("SELECT name FROM sqlite_master WHERE name IN ('survey_waves', 'rollup_responses')")).toEqual([
    { name: 'rollup_responses' },
  ]);
  const seed = env.TEST_SEED.filter((statement) => !/survey_waves/.test(statement) && !/VALUES \('enterprise-v2'/.test(statement));
  expect(seed.length).toBeGreaterThan(env.TEST_SEED.length - 10);
  // Today's loader also writes the columns of later migrations (0009's division codes, 0010's Chinese notes and source
  // stages), which the schema of then lacks: they are there while the seed loads and gone again before the migrations run, as they were.
  const LATER_COLUMNS = [
    ...['division_code', 'derived_city', 'derived_county', 'note_zh'].map((c) => ['towns', c]),
    ['sources', 'note_zh'],
    ['lists', 'note_zh'],
    ['memberships', 'note_zh'],
    ['memberships', 'source_stage'],
    ['memberships', 'source_stage_date'],
    ['status_events', 'note_zh'],
    ['reported_figures', 'detail_zh'],
    ['reported_figures', 'note_zh'],
  ];
  await db.batch(LATER_COLUMNS.map(([table, c]) => db.prepare(`ALTER TABLE ${table} ADD ${c} text`)));
  await db.batch(seed.map((statement) => db.prepare(statement)));
  await db.batch(LATER_COLUMNS.map(([table, c]) => db.prepare(`ALTER TABLE ${table} DROP COLUMN ${c}`)));
  // The questionnaires were loaded at the start of 2026; a second version of the public one came on 1 June.
  await db.prepare("UPDATE survey_versions SET created_at = '2026-01-01T00:00:00Z'").run();
  const v1 = (await db.prepare("SELECT definition FROM survey_versions WHERE id = 'public-v1'").first<string>('definition'))!;
  await db
    .prepare(
      "INSERT INTO survey_versions (id, survey_id, version, definition, created_at) VALUES ('public-v2', 'public', 2, ?, '2026-06-01T00:00:00Z')",
    )
    .bind(JSON.stringify({ ...JSON.parse(v1), version: 2 }))
    .run();
  for (const row of await all<{ id: string; definition: string }>('SELECT id, definition FROM survey_versions'))
    definitions.set(row.id, JSON.parse(row.definition));
  expect([...definitions.keys()].sort()).toEqual(['enterprise-v1', 'public-v1', 'public-v2']);
  towns = (await all<{ id: string }>('SELECT id FROM towns ORDER BY id LIMIT 4')).map((t) => t.id);
  const [a, b, c, d] = towns as [string, string, string, string];

  // public-v1, February to May: 20 in town a (a published state at 20), 3 in b; one with every rating "not applicable".
  for (let i = 0; i < 20; i++) await oldSubmission('public-v1', a, at(`02-${String(1 + i).padStart(2, '0')}`, i), i);
  for (let i = 0; i < 3; i++) await oldSubmission('public-v1', b, at(`05-0${1 + i}`, i), 100 + i);
  const naAll = Object.fromEntries(
    definitions
      .get('public-v1')!
      .sections.flatMap((s) => s.questions)
      .filter((q) => q.type === 'likert' && q.allow_na)
      .map((q) => [q.id, 'na']),
  );
  await oldSubmission('public-v1', b, at('05-20', 1), 200, naAll);
  // public-v2, from June: 5 in a, 10 in c (published at 10).
  for (let i = 0; i < 5; i++) await oldSubmission('public-v2', a, at(`06-${String(2 + i).padStart(2, '0')}`, i), 300 + i);
  for (let i = 0; i < 10; i++) await oldSubmission('public-v2', c, at(`07-${String(1 + i).padStart(2, '0')}`, i), 400 + i);
  // enterprise-v1 (published after closing, so nothing is published while it is open): 12 in d.
  for (let i = 0; i < 12; i++) await oldSubmission('enterprise-v1', d, at(`0${3 + (i % 6)}-1${i % 10}`, i), 500 + i);
  // Honeypot catches of each version.
  await oldDecoy('public', 'public-v1', a, at('03-03', 1), 1);
  await oldDecoy('public', 'public-v2', c, at('08-08', 2), 2);
  await oldDecoy('enterprise', 'enterprise-v1', d, at('04-04', 3), 3);

  before = {
    responses: await all('SELECT survey_version_id AS v, town_id AS t, n FROM rollup_responses ORDER BY 1, 2'),
    answers: await all('SELECT survey_version_id AS v, town_id AS t, question_id AS q, value, n FROM rollup_answers ORDER BY 1, 2, 3, 4'),
    dimensions: await all(
      'SELECT survey_version_id AS v, town_id AS t, dimension AS d, n, sum, sum_squares FROM rollup_dimensions ORDER BY 1, 2, 3',
    ),
  };
  expect(before.responses).toHaveLength(5);

  await applyD1Migrations(db, env.TEST_MIGRATIONS);
}, 60_000);

/** Every rollup recounted from the raw answers of the counted responses (each respondent's dimension score from its ratings). */
async function recount(published: boolean) {
  const from = published
    ? `(SELECT r.* FROM responses r JOIN published_responses p ON p.wave_id = r.wave_id AND p.town_id = r.town_id
        WHERE r.probable_duplicate = 0 AND (SELECT COUNT(*) FROM responses r2 WHERE r2.wave_id = r.wave_id AND r2.town_id = r.town_id AND r2.probable_duplicate = 0 AND r2.rowid <= r.rowid) <= p.n)`
    : '(SELECT * FROM responses WHERE probable_duplicate = 0)';
  const items = [...definitions].flatMap(([v, d]) =>
    d.sections
      .flatMap((s) => s.questions)
      .flatMap((q) => (q.type === 'likert' && q.dimension ? [`('${v}', '${q.id}', '${q.dimension}', ${q.scale})`] : [])),
  );
  return {
    responses: await all(`SELECT wave_id AS w, town_id AS t, COUNT(*) AS n FROM ${from} GROUP BY 1, 2 ORDER BY 1, 2`),
    answers: await all(
      `SELECT r.wave_id AS w, r.town_id AS t, a.question_id AS q, a.value, COUNT(*) AS n FROM answers a JOIN ${from} r ON r.id = a.response_id
       WHERE a.question_id <> 'comment' GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4`,
    ),
    dimensions: await all(
      `WITH item(v, q, dim, scale) AS (VALUES ${items.join(', ')}),
       score AS (SELECT r.wave_id AS w, r.town_id AS t, r.id, item.dim, AVG((CAST(a.value AS REAL) - 1) * 100.0 / (item.scale - 1)) AS s
                 FROM answers a JOIN ${from} r ON r.id = a.response_id JOIN item ON item.v = r.survey_version_id AND item.q = a.question_id
                 WHERE a.value <> 'na' GROUP BY 1, 2, 3, 4)
       SELECT w, t, dim AS d, COUNT(*) AS n, ROUND(SUM(s), 6) AS sum, ROUND(SUM(s * s), 6) AS sum_squares FROM score GROUP BY 1, 2, 3 ORDER BY 1, 2, 3`,
    ),
  };
}

const rounded = (rows: Record<string, unknown>[]) =>
  rows.map((r) => ({ ...r, sum: Math.round(Number(r.sum) * 1e6) / 1e6, sum_squares: Math.round(Number(r.sum_squares) * 1e6) / 1e6 }));

describe('migrating a database with responses to waves (0007, 0008)', () => {
  it('gives every response a wave: one per questionnaire version that has responses (and the current one), named <survey>-w<version>', async () => {
    expect(await all('SELECT COUNT(*) AS n FROM responses WHERE wave_id IS NULL')).toEqual([{ n: 0 }]);
    expect(await all('SELECT COUNT(*) AS n FROM responses')).toEqual([{ n: written }]);
    const waves = await all('SELECT id, survey_id, version_id, publication, origin FROM survey_waves ORDER BY id');
    expect(waves).toEqual([
      { id: 'enterprise-w1', survey_id: 'enterprise', version_id: 'enterprise-v1', publication: 'after_close', origin: 'data' },
      { id: 'public-w1', survey_id: 'public', version_id: 'public-v1', publication: 'live_in_steps', origin: 'data' },
      { id: 'public-w2', survey_id: 'public', version_id: 'public-v2', publication: 'live_in_steps', origin: 'data' },
    ]);
    // Each response is in the wave of the version it answered.
    expect(
      await all('SELECT COUNT(*) AS n FROM responses r JOIN survey_waves w ON w.id = r.wave_id WHERE w.version_id <> r.survey_version_id'),
    ).toEqual([{ n: 0 }]);
    expect(await all('SELECT survey_version_id AS v, wave_id AS w, COUNT(*) AS n FROM responses GROUP BY 1, 2 ORDER BY 1')).toEqual([
      { v: 'enterprise-v1', w: 'enterprise-w1', n: 12 },
      { v: 'public-v1', w: 'public-w1', n: 24 },
      { v: 'public-v2', w: 'public-w2', n: 15 },
    ]);
    // Nothing else about a response changed, and nothing is a probable duplicate after the fact.
    expect(await all('SELECT COUNT(*) AS n FROM responses WHERE probable_duplicate <> 0')).toEqual([{ n: 0 }]);
    expect(await all('SELECT COUNT(*) AS n FROM idempotency_keys k JOIN responses r ON r.id = k.response_id')).toEqual([{ n: written }]);
  });

  it('gives each wave a window that holds all its responses, and no two waves of a survey overlap', async () => {
    const outside = await all(
      `SELECT r.id, r.submitted_at, w.opens_at, w.closes_at FROM responses r JOIN survey_waves w ON w.id = r.wave_id
       WHERE r.submitted_at < w.opens_at OR (w.closes_at IS NOT NULL AND r.submitted_at >= w.closes_at)`,
    );
    expect(outside).toEqual([]);
    const overlapping = await all(
      `SELECT a.id AS a, b.id AS b FROM survey_waves a JOIN survey_waves b ON a.survey_id = b.survey_id AND a.id < b.id
       WHERE a.opens_at < COALESCE(b.closes_at, '9999') AND b.opens_at < COALESCE(a.closes_at, '9999')`,
    );
    expect(overlapping).toEqual([]);
    expect(await all("SELECT id, opens_at, closes_at FROM survey_waves WHERE survey_id = 'public' ORDER BY opens_at")).toEqual([
      // From its first response to the day the next version came; the current one from its first response, open.
      // Every instant in the responses' spelling (milliseconds and Z), so that they compare as text.
      { id: 'public-w1', opens_at: at('02-01', 0), closes_at: '2026-06-01T00:00:00.000Z' },
      { id: 'public-w2', opens_at: at('06-02', 0), closes_at: null },
    ]);
    // A response arriving now belongs to exactly one wave per survey, the current version's.
    const now = new Date().toISOString();
    expect(
      await all('SELECT survey_id, id FROM survey_waves WHERE opens_at <= ?1 AND (closes_at IS NULL OR ?1 < closes_at) ORDER BY 1', now),
    ).toEqual([
      { survey_id: 'enterprise', id: 'enterprise-w1' },
      { survey_id: 'public', id: 'public-w2' },
    ]);
  });

  it('moves the rollups unchanged: the new ones equal the old ones, and both equal a recount from the raw answers', async () => {
    const responses = await all('SELECT wave_id AS w, town_id AS t, n, duplicates FROM rollup_wave_responses ORDER BY 1, 2');
    expect(responses).toEqual(
      (before.responses as { v: string; t: string; n: number }[])
        .map((r) => ({ w: WAVE_OF[r.v], t: r.t, n: r.n, duplicates: 0 }))
        .sort((x, y) => `${x.w}|${x.t}`.localeCompare(`${y.w}|${y.t}`)),
    );
    const answers = await all('SELECT wave_id AS w, town_id AS t, question_id AS q, value, n FROM rollup_wave_answers ORDER BY 1, 2, 3, 4');
    const key = (r: Record<string, unknown>) => Object.values(r).join('|');
    expect(answers.map(key).sort()).toEqual(
      (before.answers as Record<string, unknown>[]).map(({ v, ...r }) => key({ w: WAVE_OF[v as string], ...r })).sort(),
    );
    const dimensions = await all(
      'SELECT wave_id AS w, town_id AS t, dimension AS d, n, sum, sum_squares FROM rollup_wave_dimensions ORDER BY 1, 2, 3',
    );
    // Moved, not recomputed: the very same floating-point sums.
    expect(dimensions.map(key).sort()).toEqual(
      (before.dimensions as Record<string, unknown>[]).map(({ v, ...r }) => key({ w: WAVE_OF[v as string], ...r })).sort(),
    );

    expect(answers.length).toBeGreaterThan(200);
    expect(dimensions.length).toBeGreaterThan(30);
    const counted = await recount(false);
    expect(responses.map(({ duplicates: _, ...r }) => r)).toEqual(counted.responses);
    expect(answers).toEqual(counted.answers);
    expect(rounded(dimensions)).toEqual(rounded(counted.dimensions));
    // The town whose every rating was "not applicable" counts as a response, and in no dimension but overall.
    expect(counted.dimensions.length).toBeGreaterThan(20);
    // The old tables are gone.
    expect(await all("SELECT name FROM sqlite_master WHERE name IN ('rollup_responses', 'rollup_answers', 'rollup_dimensions')")).toEqual(
      [],
    );
  });

  it('publishes the waves published live only at multiples of 10, each published state equal to its recount; nothing of a wave published after closing', async () => {
    const published = await all('SELECT wave_id AS w, town_id AS t, n FROM published_responses ORDER BY 1, 2');
    const [a, , c] = towns;
    expect(published).toEqual([
      { w: 'public-w1', t: a, n: 20 },
      { w: 'public-w2', t: c, n: 10 },
    ]);
    expect(await all('SELECT COUNT(*) AS n FROM published_responses WHERE n % 10 <> 0 OR n = 0')).toEqual([{ n: 0 }]);
    expect(await all("SELECT COUNT(*) AS n FROM published_answers WHERE wave_id LIKE 'enterprise-%'")).toEqual([{ n: 0 }]);
    expect((await all('SELECT COUNT(*) AS n FROM published_answers'))[0]).toMatchObject({ n: expect.any(Number) });
    expect((await all<{ n: number }>('SELECT COUNT(*) AS n FROM published_dimensions'))[0]!.n).toBeGreaterThan(10);
    const steps = await recount(true);
    expect(published).toEqual(steps.responses);
    expect(await all('SELECT wave_id AS w, town_id AS t, question_id AS q, value, n FROM published_answers ORDER BY 1, 2, 3, 4')).toEqual(
      steps.answers,
    );
    expect(
      rounded(
        await all('SELECT wave_id AS w, town_id AS t, dimension AS d, n, sum, sum_squares FROM published_dimensions ORDER BY 1, 2, 3'),
      ),
    ).toEqual(rounded(steps.dimensions));
  });

  it('gives the decoy receipts of the honeypot the wave of their version', async () => {
    expect(await all('SELECT receipt, version_id AS v, wave_id AS w FROM decoy_receipts ORDER BY receipt')).toEqual([
      { receipt: 'r-decoy-1', v: 'public-v1', w: 'public-w1' },
      { receipt: 'r-decoy-2', v: 'public-v2', w: 'public-w2' },
      { receipt: 'r-decoy-3', v: 'enterprise-v1', w: 'enterprise-w1' },
    ]);
  });

  it('serves the migrated results through the worker: the published state of each town, with the scores of the old rollups', async () => {
    const [a] = towns;
    const res = await worker.fetch(
      new Request(`https://example.test/api/v1/towns/${a}/satisfaction`, { headers: { 'Cache-Control': 'no-cache' } }),
      { ...env, DB: db } as never,
      {
        waitUntil() {},
        passThroughOnException() {},
        props: {},
      } as never,
    );
    expect(res.status).toBe(200);
    const body = TownSatisfactionSchema.parse(await res.json());
    const w1 = body.surveys.find((s) => s.wave_id === 'public-w1')!;
    const w2 = body.surveys.find((s) => s.wave_id === 'public-w2')!;
    expect(w1).toMatchObject({ published: true, responses: 20, suppressed: false });
    // 5 responses to public-v2 in this town: not yet a published state.
    expect(w2).toMatchObject({ published: true, responses: 0, suppressed: true });
    for (const d of w1.dimensions.filter((x) => !x.suppressed)) {
      const old = (before.dimensions as { v: string; t: string; d: string; n: number; sum: number; sum_squares: number }[]).find(
        (r) => r.v === 'public-v1' && r.t === a && r.d === d.dimension,
      )!;
      const est = meanWithInterval(old.n, old.sum, old.sum_squares);
      expect([d.n, d.score, d.ci_low, d.ci_high], d.dimension).toEqual([
        old.n,
        Math.round(est.mean * 10) / 10,
        Math.round(est.ciLow! * 10) / 10,
        Math.round(est.ciHigh! * 10) / 10,
      ]);
    }
  });
});
