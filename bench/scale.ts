/**
 * The measured inputs of docs/SCALING.md (`npm run bench:scale`, `-- --smoke`
 * for a quick check that it still runs). The built worker in workerd with an
 * in-memory D1 loaded with data/ (scripts/local-server.ts); everything
 * written is synthetic and vanishes with the process. Prints, with the date,
 * machine, load and commit:
 *
 *  0. today's data: rows and bytes of the database as loaded;
 *  a. the submission path at 10 × today's burst (1,000 a minute = 16.7/s, so
 *     167/s) for 60 s, open loop (sent on a clock, whatever the answers),
 *     spread over every town: accepted, stored, lost, p50/p99, and the bytes
 *     the database grew by per stored response;
 *  b. the write of one submission as the service makes it (its own
 *     writeSubmission, captured instead of run, then run here): statements,
 *     rows read and written per statement for a town with 0, 1k, 100k and
 *     1M responses, and the time per submission when k submissions share one
 *     D1 batch (what a queue consumer would do);
 *  c. results reads as responses grow: one town at 1k, 100k, 1M responses,
 *     and the grouped results as the number of towns with results grows.
 *
 *   npm run bench:scale -- [--rate 167] [--seconds 60] [--smoke]
 *
 * Counts (statements, rows, bytes) do not depend on the machine; times do,
 * and another process on the machine moves them: the load average is printed
 * beside them.
 */
import { execFileSync } from 'node:child_process';
import { cpus, loadavg, totalmem } from 'node:os';
import { join } from 'node:path';
import { drizzle } from 'drizzle-orm/d1';
import { startLocalServer } from '../scripts/local-server.ts';
import { type SubmissionWrite, writeSubmission } from '../worker/db/queries/submissions.ts';
import { groupedSatisfaction, townSatisfaction } from '../worker/services/surveys/results.ts';
import { seedResponses } from './synthetic-responses.ts';

const smoke = process.argv.includes('--smoke');
const arg = (name: string, fallback: number) =>
  process.argv.includes(`--${name}`) ? Number(process.argv[process.argv.indexOf(`--${name}`) + 1]) : fallback;
const RATE = arg('rate', (1000 / 60) * 10);
const SECONDS = smoke ? 3 : arg('seconds', 60);
const SIZES = smoke ? [0, 1000, 5000] : [0, 1000, 100_000, 1_000_000];
const SAMPLES = smoke ? 5 : 40;

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
const median = (xs: number[]) =>
  percentile(
    [...xs].sort((a, b) => a - b),
    50,
  );
const load = () =>
  loadavg()
    .map((x) => x.toFixed(2))
    .join(' ');
const kib = (bytes: number) => `${(bytes / 1024).toFixed(1)} KiB`;

/**
 * The D1 binding, with the meta of every statement run through `.all()`, `.first()` or `.run()` kept (rows read,
 * D1's duration): the service's own code runs on it, and what it asked of D1 is counted.
 */
function metered(d1: D1Database): { db: D1Database; metas: D1Meta[] } {
  const metas: D1Meta[] = [];
  const wrap = (stmt: D1PreparedStatement): D1PreparedStatement =>
    new Proxy(stmt, {
      get(target, key) {
        if (key === 'bind') return (...values: unknown[]) => wrap(target.bind(...values));
        if (key === 'all' || key === 'run')
          return async () => {
            const result = await target.all();
            metas.push(result.meta);
            return result;
          };
        if (key === 'first')
          return async (column?: string) => {
            const result = await target.all<Record<string, unknown>>();
            metas.push(result.meta);
            const row = result.results[0] ?? null;
            return column && row ? row[column] : row;
          };
        const value = Reflect.get(target, key) as unknown;
        return typeof value === 'function' ? value.bind(target) : value;
      },
    });
  const db = new Proxy(d1, {
    get(target, key) {
      if (key === 'prepare') return (query: string) => wrap(target.prepare(query));
      const value = Reflect.get(target, key) as unknown;
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
  return { db, metas };
}

interface Question {
  id: string;
  type: string;
  dimension?: string | null;
  options?: { id: string }[];
}

const root = join(import.meta.dirname, '..');
const commit = (() => {
  try {
    const head = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: root, encoding: 'utf8' }).trim();
    const dirty = execFileSync('git', ['status', '--porcelain', '--', 'worker', 'web', 'migrations'], {
      cwd: root,
      encoding: 'utf8',
    }).trim();
    // The commit that last changed what is measured: later commits to bench/ or docs/ do not change the figures.
    const code = execFileSync('git', ['log', '-1', '--format=%h', '--', 'worker', 'web', 'migrations', 'data', 'scripts/local-server.ts'], {
      cwd: root,
      encoding: 'utf8',
    }).trim();
    return `${head} (worker, web, migrations, data last changed in ${code})${dirty ? ', with uncommitted changes in worker/web/migrations' : ''}`;
  } catch {
    return 'unknown';
  }
})();

console.log(
  `Scale benchmark: ${new Date().toISOString()} · commit ${commit} · ${cpus().length} × ${cpus()[0]?.model ?? 'CPU'}, ${(totalmem() / 2 ** 30).toFixed(1)} GiB, Node ${process.version}`,
);
console.log(
  `workerd via Miniflare (scripts/local-server.ts), in-memory D1 · load average at start ${load()}${smoke ? ' · SMOKE RUN (not figures)' : ''}`,
);

const server = await startLocalServer({ submissionLimit: 1_000_000_000 });
let failed = false;
try {
  const { url, db } = server;
  /** The database's size in bytes, as D1 reports it after a statement (`meta.size_after`). */
  const size = async () => (await db.prepare('SELECT 1').run()).meta.size_after as number;
  const count = async (table: string) => (await db.prepare(`SELECT COUNT(*) AS n FROM ${table}`).first<number>('n'))!;

  // 0. Today's data.
  const tables = ['towns', 'lists', 'memberships', 'status_events', 'sources', 'change_log', 'responses'];
  const rows = Object.fromEntries(await Promise.all(tables.map(async (t) => [t, await count(t)] as const)));
  const baseBytes = await size();
  console.log(
    `\n0. Today's data as loaded: ${Object.entries(rows)
      .map(([t, n]) => `${t} ${n}`)
      .join(', ')}; database ${baseBytes.toLocaleString('en')} B (${kib(baseBytes)}).`,
  );

  // The questionnaire and wave that submissions go to, and one answer per question as a respondent would give.
  const now = new Date().toISOString();
  const wave = (await db
    .prepare(
      "SELECT id, version_id AS versionId, publication FROM survey_waves WHERE survey_id = 'public' AND opens_at <= ? AND (closes_at IS NULL OR ? < closes_at)",
    )
    .bind(now, now)
    .first<{ id: string; versionId: string; publication: string }>())!;
  const definition = JSON.parse(
    (await db.prepare('SELECT definition FROM survey_versions WHERE id = ?').bind(wave.versionId).first<string>('definition'))!,
  ) as { sections: { questions: Question[] }[] };
  const questions = definition.sections.flatMap((s) => s.questions);
  const answerOf = (q: Question) =>
    q.type === 'likert'
      ? 4
      : q.type === 'nps'
        ? 8
        : q.type === 'single'
          ? q.options![0]!.id
          : q.type === 'multi'
            ? [q.options![0]!.id]
            : 'synthetic';
  const body = Object.fromEntries(questions.map((q) => [q.id, answerOf(q)]));
  const townIds = (await db.prepare("SELECT id FROM towns WHERE origin <> 'admin' ORDER BY id").all<{ id: string }>()).results.map(
    (t) => t.id,
  );

  // a. Submissions. Each has its own Idempotency-Key and client address; a network failure is retried with the same
  // key (as web/public/survey.js does), so a retry may never store twice.
  let sent = 0;
  /** `since`: when the respondent pressed send (an open loop's clock), so that time queued in this process counts too. */
  const submit = async (townId: string, since = performance.now()): Promise<{ status: string; ms: number }> => {
    const i = sent++;
    const started = since;
    for (let attempt = 1; ; attempt++) {
      try {
        const res = await fetch(`${url}/api/v1/surveys/public/responses`, {
          method: 'POST',
          headers: {
            'Content-Type': 'application/json',
            'Idempotency-Key': `scale-${process.pid}-${i}`,
            'CF-Connecting-IP': `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`,
          },
          body: JSON.stringify({ town_id: townId, answers: body, consent: { participation: true } }),
        });
        await res.arrayBuffer();
        return { status: String(res.status), ms: performance.now() - started };
      } catch (err) {
        if (attempt === 5)
          return { status: `network error ${String((err as { cause?: unknown }).cause ?? err)}`, ms: performance.now() - started };
        await new Promise((resolve) => setTimeout(resolve, 1000 * attempt));
      }
    }
  };
  const tally = (answers: { status: string; ms: number }[]) => {
    const statuses = new Map<string, number>();
    for (const a of answers) statuses.set(a.status, (statuses.get(a.status) ?? 0) + 1);
    const ok = answers
      .filter((a) => a.status === '201')
      .map((a) => a.ms)
      .sort((x, y) => x - y);
    return {
      statuses: [...statuses].map(([st, n]) => `${st}: ${n}`).join(', '),
      accepted: ok.length,
      p50: percentile(ok, 50),
      p99: percentile(ok, 99),
      max: ok.at(-1) ?? NaN,
    };
  };

  // First one submission to every town (ten at a time): the rows a town gets once per wave (its rollups), apart from
  // those every response adds.
  const bytes0 = await size();
  for (let i = 0; i < townIds.length; i += 10) await Promise.all(townIds.slice(i, i + 10).map((t) => submit(t)));
  const perFirst = ((await size()) - bytes0) / townIds.length;

  // The capacity of this machine now: as many as 10 clients get through in 10 s, each sending its next when answered.
  const capacityStart = performance.now();
  const capacityAnswers: { status: string; ms: number }[] = [];
  await Promise.all(
    Array.from({ length: 10 }, async (_, c) => {
      for (let j = c; performance.now() - capacityStart < (smoke ? 2000 : 10_000); j += 10)
        capacityAnswers.push(await submit(townIds[j % townIds.length]!));
    }),
  );
  const capacity = tally(capacityAnswers);
  const capacityRate = capacity.accepted / ((performance.now() - capacityStart) / 1000);
  const capacityLoad = load();

  // 10 × today's burst, open loop: respondents arrive on a clock whatever the answers. At most MAX_OPEN requests are
  // open at once (as a browser or a load balancer holds only so many connections); the rest wait here, and their
  // latency counts from their arrival, so a server that falls behind shows it in p50/p99 rather than hiding it.
  const MAX_OPEN = 200;
  const responsesBefore = await count('responses');
  const bytesBefore = await size();
  const total = Math.round(RATE * SECONDS);
  let open = 0;
  let maxWaiting = 0;
  const waiting: (() => void)[] = [];
  const slot = async () => {
    if (open >= MAX_OPEN) await new Promise<void>((resolve) => waiting.push(resolve));
    open += 1;
  };
  const release = () => {
    open -= 1;
    waiting.shift()?.();
  };
  const t0 = performance.now();
  const sends: Promise<{ status: string; ms: number }>[] = [];
  for (let i = 0; i < total; i++) {
    const due = t0 + (i * 1000) / RATE;
    const wait = due - performance.now();
    if (wait > 1) await new Promise((resolve) => setTimeout(resolve, wait));
    maxWaiting = Math.max(maxWaiting, waiting.length);
    const town = townIds[i % townIds.length]!;
    sends.push(
      slot()
        .then(() => submit(town, due))
        .finally(release),
    );
  }
  const sentIn = (performance.now() - t0) / 1000;
  const burst = tally(await Promise.all(sends));
  const doneIn = (performance.now() - t0) / 1000;
  const stored = (await count('responses')) - responsesBefore;
  const allStored = await count('responses');
  const keys = (await db.prepare("SELECT COUNT(*) AS n FROM idempotency_keys WHERE key LIKE 'scale-%'").first<number>('n'))!;
  const perResponse = ((await size()) - bytesBefore) / stored;
  console.log(`\na. Submissions through HTTP (POST /api/v1/surveys/public/responses), over ${townIds.length} towns:`);
  console.log(
    `   capacity now, closed loop (10 clients, each sends its next when answered): ${capacity.accepted} accepted, ${capacityRate.toFixed(0)}/s, p50 ${capacity.p50.toFixed(1)} ms, p99 ${capacity.p99.toFixed(1)} ms (${capacity.statuses}), load average ${capacityLoad}`,
  );
  console.log(
    `   open loop at ${RATE.toFixed(1)}/s for ${SECONDS} s (10 × a burst of 1,000 a minute): ${total} arrived in ${sentIn.toFixed(1)} s, all answered ${doneIn.toFixed(1)} s after the first (${(burst.accepted / doneIn).toFixed(0)}/s accepted); at most ${MAX_OPEN} open at once, most waiting behind them ${maxWaiting}`,
  );
  console.log(
    `   answers: ${burst.statuses}; accepted, from arrival: p50 ${burst.p50.toFixed(1)} ms, p99 ${burst.p99.toFixed(1)} ms, max ${burst.max.toFixed(1)} ms; load average after ${load()}`,
  );
  console.log(
    `   stored ${stored} of ${burst.accepted} accepted in the burst; in all ${sent} sent, ${allStored} stored, ${keys} idempotency keys: lost ${allStored < keys ? keys - allStored : 0}, stored twice ${allStored - keys}`,
  );
  console.log(
    `   bytes: ${perResponse.toFixed(0)} B per stored response (its row, ${questions.length} answers' rows, key, duplicate signal, indexes); a town's first response ${perFirst.toFixed(0)} B (its rollup rows too)`,
  );
  if (allStored !== keys || stored !== burst.accepted) failed = true;

  // b. One submission's write, as the service builds it, captured and run here.
  // writeSubmission runs on a stand-in binding that keeps each statement's SQL and values instead of running them.
  // They are prepared on the real binding here, once per SQL text: every call on Miniflare's binding from Node is a
  // round trip to workerd, which the timings below must not include.
  interface Captured {
    sql: string;
    values: unknown[];
  }
  let captured: Captured[] = [];
  const capture = drizzle({
    prepare: (sql: string) => ({ bind: (...values: unknown[]) => ({ sql, values }) }),
    batch: async (statements: Captured[]) => {
      captured = statements;
      return [];
    },
  } as unknown as D1Database);
  const prepared = new Map<string, D1PreparedStatement>();
  const toD1 = (statements: Captured[]) =>
    statements.map(({ sql, values }) => {
      if (!prepared.has(sql)) prepared.set(sql, db.prepare(sql));
      return prepared.get(sql)!.bind(...values);
    });
  let serial = 0;
  const statementsOf = async (townId: string): Promise<Captured[]> => {
    serial += 1;
    const answers = questions.flatMap((q) => [answerOf(q)].flat().map((value) => ({ questionId: q.id, value: String(value) })));
    const likert = questions.filter((q) => q.type === 'likert' && q.dimension);
    const write: SubmissionWrite = {
      id: `r-scale-${process.pid}-${serial}`,
      surveyId: 'public',
      waveId: wave.id,
      surveyVersionId: wave.versionId,
      publication: wave.publication,
      townId,
      submittedAt: new Date().toISOString(),
      contact: null,
      answers,
      counted: answers.filter((a) => questions.find((q) => q.id === a.questionId)!.type !== 'text'),
      // Every Likert answer is 4: a score of (4 − 1) × 25 = 75 in each dimension.
      dimensions: [...new Set(likert.map((q) => q.dimension!))].map((dimension) => ({ dimension, score: 75 })),
      idempotencyKey: `scale-direct-${process.pid}-${serial}`,
      fingerprint: `f${serial}`,
      claimHash: null,
      duplicateHash: `scale-${process.pid}-${serial}`,
    };
    await writeSubmission(capture, write);
    return captured;
  };

  console.log(
    `\nb. One submission's write batch (worker/db/queries/submissions.ts writeSubmission), per statement, for a town with n responses before it:`,
  );
  const perSize: { size: number; results: D1Result[] }[] = [];
  for (const n of SIZES) {
    const town = `scale-town-${n}`;
    if (n > 0) await seedResponses(db, town, n);
    else
      await db
        .prepare(
          "INSERT OR IGNORE INTO towns (id, name, name_pinyin, search_text, province, origin) VALUES (?, '合成测试镇', 'he cheng ce shi zhen', 'synthetic', '北京市', 'admin')",
        )
        .bind(town)
        .run();
    perSize.push({ size: n, results: await db.batch(toD1(await statementsOf(town))) });
  }
  const sqlOf = captured.map(
    ({ sql: text }) => `${text.replace(/\s+/g, ' ').slice(0, 60)}… (${(text.match(/\?/g) ?? []).length} params, ${text.length} B)`,
  );
  console.log(
    `   ${perSize[0]!.results.length} statements in one batch (one transaction), plus the one-statement read before it (readSubmissionState)`,
  );
  console.log(`   | # | statement | ${perSize.map((p) => `rows read / written at n = ${p.size.toLocaleString('en')}`).join(' | ')} |`);
  perSize[0]!.results.forEach((_, i) => {
    console.log(
      `   | ${i + 1} | ${sqlOf[i] ?? ''} | ${perSize.map((p) => `${p.results[i]!.meta.rows_read} / ${p.results[i]!.meta.rows_written}`).join(' | ')} |`,
    );
  });
  const sum = (results: D1Result[], key: 'rows_read' | 'rows_written') => results.reduce((a, r) => a + (r.meta[key] as number), 0);
  console.log(`   | | total | ${perSize.map((p) => `${sum(p.results, 'rows_read')} / ${sum(p.results, 'rows_written')}`).join(' | ')} |`);

  // The write time per submission as k submissions share one batch (a queue consumer's choice), timed from Node
  // around the whole batch: it includes one round trip to workerd's D1, printed beside it.
  const roundTrip: number[] = [];
  for (let i = 0; i < 50; i++) {
    const t = performance.now();
    await db.batch([db.prepare('SELECT 1')]);
    roundTrip.push(performance.now() - t);
  }
  const SUBMISSIONS = smoke ? 100 : 300;
  const perK: { k: number; wall: number; sql: number }[] = [];
  for (const k of [1, 10, 100]) {
    const walls: number[] = [];
    let sqlMs = 0;
    for (let done = 0; done < SUBMISSIONS; done += k) {
      const writes: Captured[] = [];
      for (let j = 0; j < k; j++) writes.push(...(await statementsOf(townIds[(done + j) % townIds.length]!)));
      const statements = toD1(writes);
      const t = performance.now();
      const results = await db.batch(statements);
      walls.push(performance.now() - t);
      sqlMs += results.reduce((a, r) => a + (r.meta.duration as number), 0);
    }
    perK.push({ k, wall: median(walls) / k, sql: sqlMs / SUBMISSIONS });
  }
  console.log(
    `   time per submission written straight to D1 (${SUBMISSIONS} submissions per row; median batch time / k, a round trip included: an empty batch takes ${median(roundTrip).toFixed(2)} ms; D1's meta.duration summed, a timer of whole ms), load average ${load()}:`,
  );
  for (const p of perK)
    console.log(
      `   | ${String(p.k).padStart(3)} per batch | ${p.wall.toFixed(2)} ms per submission (${(1000 / p.wall).toFixed(0)}/s if one writer did only this) | D1 duration ${p.sql.toFixed(2)} ms per submission |`,
    );

  // c. Results reads as responses grow (each made afresh from D1).
  const fresh = { 'Cache-Control': 'no-cache' };
  const timeGet = async (path: string) => {
    const t = performance.now();
    const res = await fetch(`${url}${path}`, { headers: fresh });
    await res.arrayBuffer();
    if (res.status !== 200) throw new Error(`${path}: HTTP ${res.status}`);
    return performance.now() - t;
  };
  const readSizes = SIZES.filter((n) => n > 0);
  const townTimes = new Map(readSizes.map((n) => [n, [] as number[]]));
  for (let i = 0; i < SAMPLES; i++)
    for (const n of readSizes) townTimes.get(n)!.push(await timeGet(`/api/v1/towns/scale-town-${n}/satisfaction`));
  console.log(
    `\nc. Results of one town (GET /api/v1/towns/{id}/satisfaction, no-cache, ${SAMPLES} in turns, median), load average ${load()}:`,
  );
  const base = median(townTimes.get(readSizes[0]!)!);
  for (const n of readSizes) {
    const meter = metered(db);
    await townSatisfaction(drizzle(meter.db), `scale-town-${n}`, 10);
    const rowsRead = meter.metas.reduce((a, m) => a + (m.rows_read as number), 0);
    console.log(
      `   ${n.toLocaleString('en').padStart(9)} responses: ${median(townTimes.get(n)!).toFixed(2)} ms (${(median(townTimes.get(n)!) / base).toFixed(2)} × the ${readSizes[0]!.toLocaleString('en')} town); the service's ${meter.metas.length} statements read ${rowsRead} rows`,
    );
  }

  // Grouped results as more towns publish: the 1k town's rollups copied to the first T real towns (500 answers' worth or not, the rows are what cost).
  const source = `scale-town-${readSizes[0]}`;
  const grouped: { towns: number; publishing: number; ms: number; statements: number; rowsRead: number; d1Ms: number }[] = [];
  // A national wave's 2,000 towns: the real ones, then synthetic towns in the same provinces.
  const NATIONAL = 2000;
  await db
    .prepare(
      `WITH RECURSIVE k(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM k WHERE i + 1 < ?),
       real(province, r) AS (SELECT province, ROW_NUMBER() OVER (ORDER BY id) - 1 FROM towns WHERE origin <> 'admin')
       INSERT INTO towns (id, name, name_pinyin, search_text, province, origin)
       SELECT 'scale-g-' || k.i, '合成测试镇', 'he cheng ce shi zhen', 'synthetic', real.province, 'admin' FROM k JOIN real ON real.r = k.i % ?`,
    )
    .bind(NATIONAL - townIds.length, townIds.length)
    .run();
  const firstTowns = "(SELECT id FROM towns WHERE id NOT LIKE 'scale-town-%' ORDER BY origin = 'admin', id LIMIT ?)";
  for (const t of smoke ? [10, 100, NATIONAL] : [10, 100, townIds.length, NATIONAL]) {
    const copies: D1PreparedStatement[] = [];
    for (const table of ['rollup_wave', 'published']) {
      copies.push(
        db
          .prepare(
            `INSERT OR REPLACE INTO ${table}_responses (wave_id, town_id, n, duplicates) SELECT r.wave_id, t.id, r.n, r.duplicates FROM ${table}_responses r, ${firstTowns} t WHERE r.town_id = ?`,
          )
          .bind(t, source),
        db
          .prepare(
            `INSERT OR REPLACE INTO ${table}_answers (wave_id, town_id, question_id, value, n) SELECT r.wave_id, t.id, r.question_id, r.value, r.n FROM ${table}_answers r, ${firstTowns} t WHERE r.town_id = ?`,
          )
          .bind(t, source),
        db
          .prepare(
            `INSERT OR REPLACE INTO ${table}_dimensions (wave_id, town_id, dimension, n, sum, sum_squares) SELECT r.wave_id, t.id, r.dimension, r.n, r.sum, r.sum_squares FROM ${table}_dimensions r, ${firstTowns} t WHERE r.town_id = ?`,
          )
          .bind(t, source),
      );
    }
    copies.push(
      db
        .prepare("INSERT INTO meta (key, value) VALUES ('results_version', ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value")
        .bind(`scale-grouped-${t}`),
    );
    await db.batch(copies);
    const times: number[] = [];
    for (let i = 0; i < Math.max(3, SAMPLES / 4); i++) times.push(await timeGet('/api/v1/satisfaction?group_by=province'));
    // The same read by the service's own code, on a binding that counts what D1 did for it.
    const meter = metered(db);
    await groupedSatisfaction(drizzle(meter.db), {}, 'province', 10);
    const rowsRead = meter.metas.reduce((a, m) => a + (m.rows_read as number), 0);
    const d1Ms = meter.metas.reduce((a, m) => a + (m.duration as number), 0);
    // Towns that publish in the wave: the T given the copied rollups, and any the submissions above published (10 or more).
    const publishing = (await db.prepare('SELECT COUNT(*) AS n FROM published_responses WHERE n >= 10').first<number>('n'))!;
    grouped.push({ towns: t, publishing, ms: median(times), statements: meter.metas.length, rowsRead, d1Ms });
  }
  const publishedRows = await count('published_responses');
  console.log(
    `   Results grouped by province (GET /api/v1/satisfaction?group_by=province, no-cache, median), by towns with published results, load average ${load()}:`,
  );
  for (const g of grouped)
    console.log(
      `   first ${String(g.towns).padStart(4)} towns given results (${g.publishing} towns publishing in all): ${g.ms.toFixed(1)} ms over HTTP; the service's ${g.statements} statements read ${g.rowsRead.toLocaleString('en')} rows, D1 duration ${g.d1Ms.toFixed(0)} ms`,
    );
  console.log(
    `   (published_responses rows at the end: ${publishedRows}; rollup rows per town and wave: ${await db.prepare('SELECT COUNT(*) AS n FROM rollup_wave_answers WHERE town_id = ?').bind(source).first<number>('n')} answers, ${await db.prepare('SELECT COUNT(*) AS n FROM rollup_wave_dimensions WHERE town_id = ?').bind(source).first<number>('n')} dimensions, 1 count)`,
  );
  console.log(
    `\nDatabase at the end: ${(await size()).toLocaleString('en')} B (the synthetic towns' response rows hold no answers: their bytes are not a measure).`,
  );
} finally {
  await server.dispose();
}
if (failed) {
  console.error('\nFAILED: a submission was lost, duplicated or not accepted');
  process.exitCode = 1;
}
