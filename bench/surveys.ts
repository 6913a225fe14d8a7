/**
 * Survey benchmark (`npm run bench:surveys`): submissions accepted per second,
 * and the latency of a town's results at 1k and 100k responses. Not a test:
 * it prints figures. All responses are synthetic and vanish with the process.
 *
 *   npm run bench:surveys -- [--submissions 2000] [--concurrency 20] [--large 100000] [--smoke]
 */
import { startLocalServer } from '../scripts/local-server.ts';

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const smoke = process.argv.includes('--smoke');
const SUBMISSIONS = smoke ? 50 : arg('submissions', 2000);
const CONCURRENCY = arg('concurrency', 20);
const SIZES = smoke ? [1000, 2000] : [1000, arg('large', 100_000)];
const SAMPLES = smoke ? 30 : 300;

type Question = { id: string; type: string; dimension: string | null; options?: { id: string }[] };

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

async function main() {
  // The benchmark is one client: the per-client limit would measure the limiter, not the service.
  const server = await startLocalServer({ submissionLimit: 1_000_000 });
  const { url, db } = server;
  try {
    const survey = (await (await fetch(`${url}/api/v1/surveys/public`)).json()) as { sections: { questions: Question[] }[] };
    const questions = survey.sections.flatMap((s) => s.questions);
    const answers = (i: number) =>
      Object.fromEntries(
        questions.map((q) => [
          q.id,
          q.type === 'likert'
            ? 1 + (i % 5)
            : q.type === 'nps'
              ? i % 11
              : q.type === 'single'
                ? q.options![i % q.options!.length]!.id
                : 'synthetic',
        ]),
      );
    const towns = (await db.prepare('SELECT id FROM towns ORDER BY id LIMIT 50').all<{ id: string }>()).results.map((r) => r.id);

    // 1. Submissions: unique keys, bodies and client addresses, CONCURRENCY in flight.
    let next = 0;
    let accepted = 0;
    const failures = new Map<number, number>();
    const started = performance.now();
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async () => {
        while (next < SUBMISSIONS) {
          const i = next++;
          const res = await fetch(`${url}/api/v1/surveys/public/responses`, {
            method: 'POST',
            headers: {
              'Content-Type': 'application/json',
              'Idempotency-Key': `bench-${i}-${Date.now()}`,
              'CF-Connecting-IP': `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`,
            },
            body: JSON.stringify({ town_id: towns[i % towns.length], answers: answers(i), consent: { participation: true } }),
          });
          await res.arrayBuffer();
          if (res.status === 201) accepted++;
          else failures.set(res.status, (failures.get(res.status) ?? 0) + 1);
        }
      }),
    );
    const seconds = (performance.now() - started) / 1000;
    const stored = (await db.prepare('SELECT COUNT(*) AS n FROM responses').first<number>('n'))!;
    const rolled = (await db.prepare('SELECT SUM(n + duplicates) AS n FROM rollup_wave_responses').first<number>('n'))!;

    // 2. Results latency as the number of responses of one town grows (synthetic rows straight into D1).
    const town = 'bench-town-not-in-data';
    await db
      .prepare(
        "INSERT INTO towns (id, name, name_pinyin, search_text, province) VALUES (?, '基准测试镇', 'ji zhun ce shi zhen', 'bench', '北京市')",
      )
      .bind(town)
      .run();
    const likert = questions.filter((q) => q.type === 'likert');
    const latencies: { size: number; p50: number; p99: number; mean: number }[] = [];
    let have = 0;
    for (const size of SIZES) {
      for (let from = have; from < size; from += 10_000) {
        const to = Math.min(size, from + 10_000);
        await db
          .prepare(
            `WITH RECURSIVE k(i) AS (SELECT ? UNION ALL SELECT i + 1 FROM k WHERE i + 1 < ?)
             INSERT INTO responses (id, survey_version_id, wave_id, town_id, submitted_at) SELECT 'synthetic-' || i, 'public-v1', 'public-w1', ?, '2026-01-01T00:00:00.000Z' FROM k`,
          )
          .bind(from, to, town)
          .run();
        for (const q of questions.filter((q) => q.type === 'likert' || q.type === 'nps')) {
          const range = q.type === 'nps' ? 11 : 5;
          const base = q.type === 'nps' ? 0 : 1;
          await db
            .prepare(
              `WITH RECURSIVE k(i) AS (SELECT ? UNION ALL SELECT i + 1 FROM k WHERE i + 1 < ?)
               INSERT INTO answers (response_id, question_id, value) SELECT 'synthetic-' || i, ?, CAST(? + (abs(random()) % ?) AS TEXT) FROM k`,
            )
            .bind(from, to, q.id, base, range)
            .run();
        }
      }
      have = size;
      // Rollups recomputed from the synthetic rows, exactly as submissions would have kept them: live, and (the sizes
      // being multiples of 10) published as the wave's live-in-steps rule publishes them.
      const dims = likert.map((q) => `('${q.id}', '${q.dimension}')`).join(', ');
      await db.batch([
        ...['rollup_wave', 'published'].flatMap((table) => [
          db.prepare(`DELETE FROM ${table}_responses WHERE town_id = ?`).bind(town),
          db.prepare(`DELETE FROM ${table}_answers WHERE town_id = ?`).bind(town),
          db.prepare(`DELETE FROM ${table}_dimensions WHERE town_id = ?`).bind(town),
          db
            .prepare(
              `INSERT INTO ${table}_responses (wave_id, town_id, n, duplicates) SELECT 'public-w1', ?, COUNT(*), 0 FROM responses WHERE town_id = ?`,
            )
            .bind(town, town),
          db
            .prepare(
              `INSERT INTO ${table}_answers (wave_id, town_id, question_id, value, n) SELECT 'public-w1', r.town_id, a.question_id, a.value, COUNT(*) FROM answers a JOIN responses r ON r.id = a.response_id WHERE r.town_id = ? GROUP BY 2, 3, 4`,
            )
            .bind(town),
          db
            .prepare(
              `WITH d(q, dim) AS (VALUES ${dims}),
               s AS (SELECT a.response_id, d.dim, AVG((CAST(a.value AS REAL) - 1) * 25) AS score FROM answers a JOIN d ON d.q = a.question_id JOIN responses r ON r.id = a.response_id WHERE r.town_id = ? GROUP BY 1, 2)
               INSERT INTO ${table}_dimensions (wave_id, town_id, dimension, n, sum, sum_squares) SELECT 'public-w1', ?, dim, COUNT(*), SUM(score), SUM(score * score) FROM s GROUP BY dim`,
            )
            .bind(town, town),
        ]),
        // Submissions move the results version; rows written behind the service's back must too, or the isolate's
        // copy of the results read at the previous size would be served.
        db
          .prepare("INSERT INTO meta (key, value) VALUES ('results_version', ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value")
          .bind(`bench-${size}`),
      ]);
      const times: number[] = [];
      for (let i = 0; i < SAMPLES + 20; i++) {
        const t0 = performance.now();
        // Made afresh from D1 each time (as bench/http.ts measures results): the cost that grows, if anything does.
        const res = await fetch(`${url}/api/v1/towns/${town}/satisfaction`, { headers: { 'Cache-Control': 'no-cache' } });
        const body = (await res.json()) as { surveys: { survey_id: string; responses: number }[] };
        if (i >= 20) times.push(performance.now() - t0);
        if (i === 0 && body.surveys.find((s) => s.survey_id === 'public')?.responses !== size)
          throw new Error('results do not show the synthetic responses');
      }
      times.sort((a, b) => a - b);
      latencies.push({
        size,
        p50: percentile(times, 50),
        p99: percentile(times, 99),
        mean: times.reduce((a, b) => a + b, 0) / times.length,
      });
    }

    console.log(`\nSurvey benchmark: ${new Date().toISOString()}, Node ${process.version}, workerd via Miniflare, in-memory D1`);
    console.log(
      `Submissions: ${accepted}/${SUBMISSIONS} accepted in ${seconds.toFixed(1)} s = ${(accepted / seconds).toFixed(0)} per second (concurrency ${CONCURRENCY})`,
    );
    console.log(`  stored ${stored}, rollup total ${rolled}, other statuses ${JSON.stringify(Object.fromEntries(failures))}`);
    console.log('Results of one town (GET /api/v1/towns/{id}/satisfaction, sequential, warm):');
    for (const l of latencies)
      console.log(
        `  ${String(l.size).padStart(7)} responses: p50 ${l.p50.toFixed(2)} ms, p99 ${l.p99.toFixed(2)} ms, mean ${l.mean.toFixed(2)} ms`,
      );
    const [small, large] = latencies;
    if (small && large) console.log(`  mean at ${large.size} / at ${small.size}: ${(large.mean / small.mean).toFixed(2)}x`);
    if (stored !== accepted || rolled !== accepted) throw new Error('stored rows or rollups differ from the accepted submissions');
  } finally {
    await server.dispose();
  }
}

await main();
