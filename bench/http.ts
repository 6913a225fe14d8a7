/**
 * The HTTP benchmark (`npm run bench`, `npm run bench -- --smoke` in CI):
 * the built worker in workerd (Miniflare on a real port, all lists loaded, an
 * in-memory D1), driven by autocannon for a fixed time per endpoint. Prints
 * one table (requests per second, p50 / p99 latency, each read's throughput
 * as a ratio to the trivial route) and the results endpoint at 1M synthetic
 * responses against 1k, the cold start (bench/cold-start.ts: fresh isolates to
 * the first byte of /api/v1/lists, and what it is made of), and writes the
 * same to bench/RESULTS.md.
 * Synthetic responses exist only in that throwaway database.
 */
import { writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { join } from 'node:path';
import autocannon, { type Result } from 'autocannon';
import { startLocalServer } from '../scripts/local-server.ts';
import { coldStartReport, measureColdStart } from './cold-start.ts';
import { seedResponses } from './synthetic-responses.ts';

const smoke = process.argv.includes('--smoke');
const arg = (name: string, fallback: number) =>
  process.argv.includes(`--${name}`) ? Number(process.argv[process.argv.indexOf(`--${name}`) + 1]) : fallback;
const DURATION = smoke ? 1 : arg('duration', 10);
const CONNECTIONS = arg('connections', 10);
const SIZES = smoke ? [1000, 5000] : [1000, arg('large', 1_000_000)];

interface Row {
  name: string;
  path: string;
  rps: number;
  p50: number;
  p99: number;
  ok: number;
  bad: number;
  why: string;
}

// What the non-2xx answers were (status: count), and connection errors and timeouts: a refusal is never unexplained.
function whyNot2xx(result: Result): string {
  const statuses = Object.entries(result.statusCodeStats ?? {})
    .filter(([code]) => !code.startsWith('2'))
    .map(([code, s]) => `${code}: ${s.count}`);
  if (result.errors) statuses.push(`connection errors: ${result.errors}`);
  if (result.timeouts) statuses.push(`timeouts: ${result.timeouts}`);
  return statuses.join(', ');
}

async function measure(url: string, name: string, path: string, extra: Partial<Parameters<typeof autocannon>[0]> = {}): Promise<Row> {
  // A second of the same load first, not counted: the JIT and the caches warm up as they would in service.
  if (!smoke && !extra.requests) await autocannon({ url: `${url}${path}`, connections: CONNECTIONS, duration: 1 });
  const result: Result = await autocannon({ url: `${url}${path}`, connections: CONNECTIONS, duration: DURATION, ...extra });
  return {
    name,
    path,
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    ok: result['2xx'],
    bad: result.non2xx + result.errors + result.timeouts,
    why: whyNot2xx(result),
  };
}

// First, while nothing else runs: it builds the worker (with esbuild's metafile) for this whole benchmark.
const cold = await measureColdStart({ runs: smoke ? 1 : 5 });
const server = await startLocalServer({ submissionLimit: 100_000_000, build: false });
try {
  const { url, db } = server;
  const town = 'beijing-changgouzhen';
  await seedResponses(db, 'bench-town-results', SIZES[0]!);
  const reads: [string, string][] = [
    ['trivial route (/livez)', '/livez'],
    ['towns, filtered', `/api/v1/towns?province=${encodeURIComponent('浙江省')}&level=provincial&limit=50`],
    ['one town', `/api/v1/towns/${town}`],
    ['stats', '/api/v1/stats'],
    ["a town's results", '/api/v1/towns/bench-town-results/satisfaction'],
    ['results grouped by province', '/api/v1/satisfaction?group_by=province'],
    ['CSV export of the largest list', '/api/v1/towns?list=mohurd-2017-batch2&format=csv&limit=500'],
  ];
  const rows: Row[] = [];
  // The trivial route first and again after the other reads: every ratio is to the mean of the two, so neither a
  // machine still settling after the cold starts nor its drift during the run flatters or hurts the reads.
  for (const [name, path] of [...reads, ['trivial route again (/livez, after the reads)', '/livez'] as [string, string]])
    rows.push(await measure(url, name, path));

  // Submissions: every request a new Idempotency-Key and client address, as many browsers would send.
  const survey = (await (await fetch(`${url}/api/v1/surveys/public`)).json()) as {
    sections: { questions: { id: string; type: string; options?: { id: string }[] }[] }[];
  };
  const answers = Object.fromEntries(
    survey.sections
      .flatMap((s) => s.questions)
      .map((q) => [
        q.id,
        q.type === 'likert'
          ? 4
          : q.type === 'nps'
            ? 8
            : q.type === 'single'
              ? q.options![0]!.id
              : q.type === 'multi'
                ? [q.options![0]!.id]
                : 'synthetic',
      ]),
  );
  const before = (await db.prepare('SELECT COUNT(*) AS n FROM responses').first<number>('n'))!;
  let sent = 0;
  const post = await measure(url, 'submissions (POST)', '/api/v1/surveys/public/responses', {
    requests: [
      {
        method: 'POST',
        setupRequest: (req) => {
          sent += 1;
          return {
            ...req,
            headers: {
              'Content-Type': 'application/json',
              'Idempotency-Key': `bench-${process.pid}-${sent}`,
              'CF-Connecting-IP': `10.${(sent >> 16) & 255}.${(sent >> 8) & 255}.${sent & 255}`,
            },
            body: JSON.stringify({ town_id: town, answers, consent: { participation: true } }),
          };
        },
      },
    ],
  });
  // autocannon stops counting at the deadline; let the requests still in flight finish before counting rows.
  await new Promise((resolve) => setTimeout(resolve, 2000));
  const stored = (await db.prepare('SELECT COUNT(*) AS n FROM responses').first<number>('n'))! - before;
  const keys = (await db.prepare("SELECT COUNT(*) AS n FROM idempotency_keys WHERE key LIKE 'bench-%'").first<number>('n'))!;
  rows.push(post);

  // The results endpoint as the responses of a town grow: two towns, measured in turns so that the machine's
  // drift hits both alike, each request made afresh from D1 (Cache-Control: no-cache skips the isolate's copy).
  for (const size of SIZES) await seedResponses(db, `bench-town-${size}`, size);
  const scaling = SIZES.map((size) => ({ size, p50: [] as number[], p99: [] as number[], mean: [] as number[] }));
  for (let round = 0; round < (smoke ? 1 : 3); round++) {
    for (const s of scaling) {
      const r = await autocannon({
        url: `${url}/api/v1/towns/bench-town-${s.size}/satisfaction`,
        headers: { 'Cache-Control': 'no-cache' },
        connections: 1,
        duration: smoke ? 1 : Math.max(1, Math.round(DURATION / 2)),
      });
      s.p50.push(r.latency.p50);
      s.p99.push(r.latency.p99);
      s.mean.push(r.latency.mean);
    }
  }
  const avg = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;

  const trivial = { rps: (rows[0]!.rps + rows[reads.length]!.rps) / 2, p99: (rows[0]!.p99 + rows[reads.length]!.p99) / 2 };
  const table = [
    '| endpoint | req/s | p50 ms | p99 ms | throughput / trivial (mean of its two runs) | p99 / trivial | 2xx | other |',
    '|---|---:|---:|---:|---:|---:|---:|---:|',
    ...rows.map(
      (r) =>
        `| ${r.name} | ${r.rps.toFixed(0)} | ${r.p50.toFixed(1)} | ${r.p99.toFixed(1)} | ${(r.rps / trivial.rps).toFixed(2)} | ${(r.p99 / Math.max(trivial.p99, 1)).toFixed(2)} | ${r.ok} | ${r.bad} |`,
    ),
  ].join('\n');
  const [small, large] = scaling;
  const scalingText = [
    `| responses of the town (uncached, 1 connection, ${scaling[0]!.mean.length} turns) | p50 ms | p99 ms | mean ms |`,
    '|---:|---:|---:|---:|',
    ...scaling.map(
      (s) => `| ${s.size.toLocaleString('en')} | ${avg(s.p50).toFixed(2)} | ${avg(s.p99).toFixed(2)} | ${avg(s.mean).toFixed(2)} |`,
    ),
  ].join('\n');
  // The load average says how much else ran on the machine meanwhile (other processes move every throughput figure).
  const machine = `${cpus().length} × ${cpus()[0]?.model ?? 'CPU'}, ${(totalmem() / 2 ** 30).toFixed(1)} GiB, Node ${process.version}, load average ${loadavg()
    .map((x) => x.toFixed(1))
    .join(' ')}`;
  const summary = [
    `Submissions: ${post.ok} accepted in ${DURATION} s (${post.rps.toFixed(0)}/s); ${sent} sent, ${stored} stored (those still in flight at the deadline included), ${keys} idempotency keys, ${post.bad} refused or failed${post.why ? ` (${post.why})` : ''}.`,
    `Results latency at ${large!.size.toLocaleString('en')} responses / at ${small!.size.toLocaleString('en')}: mean ${(avg(large!.mean) / avg(small!.mean)).toFixed(2)}×, p50 ${(avg(large!.p50) / Math.max(avg(small!.p50), 0.01)).toFixed(2)}×.`,
    ...rows.filter((r) => r.why).map((r) => `Not 2xx, ${r.name}: ${r.why}.`),
  ].join('\n');
  const report = `# Benchmark results\n\n${new Date().toISOString()} · ${machine} · workerd via Miniflare, in-memory D1 · ${CONNECTIONS} connections, ${DURATION} s per endpoint${smoke ? ' · SMOKE RUN (not figures)' : ''}\n\n${table}\n\n${scalingText}\n\n${summary}\n\n${coldStartReport(cold)}\n`;
  console.log(`\n${report}`);
  if (!smoke) writeFileSync(join(import.meta.dirname, 'RESULTS.md'), report);
  // Nothing accepted may be missing, and no submission may be stored twice (one key, one row).
  if (stored < post.ok || stored !== keys || stored > sent) {
    console.error(`lost or duplicated submissions: ${post.ok} accepted, ${sent} sent, ${stored} stored, ${keys} keys`);
    process.exitCode = 1;
  }
  if (rows.some((r) => r.ok === 0)) process.exitCode = 1;
} finally {
  await server.dispose();
}
