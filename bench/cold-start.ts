/**
 * Cold start: the time from a fresh isolate to the first byte of
 * `/api/v1/lists`, and what it is made of. Each run starts the built worker
 * in a new workerd process (scripts/local-server.ts, Miniflare) over one D1
 * kept on disk, so every run is a fresh isolate with nothing cached, and
 * times with a fresh connection per request (headers received = first byte):
 *
 *   A. a fresh instance asked for /api/v1/lists first: the headline figure;
 *   B. a fresh instance asked for /livez, /livez, /healthz, /healthz, then
 *      /api/v1/lists and it again without cache: each step's excess over its
 *      warm repeat is one part of the cold start (the isolate's first request,
 *      the first D1 query, the first build of the lists);
 *   C. the bundle and a one-line worker, each started bare (no bindings) in
 *      a new workerd: the difference is the bundle's own startup (parsing,
 *      compiling and evaluating its modules), with a Node import of the bundle
 *      as a cross-check.
 *
 * Also what that startup spends its CPU on (V8's profile, source-mapped), and
 * the bundle's size and the modules that make it up (esbuild's metafile). Called by bench/http.ts (whose
 * RESULTS.md includes the lines), or alone: `npx tsx bench/cold-start.ts [--runs 5]`.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { SourceMap } from 'node:module';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { Miniflare } from 'miniflare';
import { startLocalServer } from '../scripts/local-server.ts';

const root = join(import.meta.dirname, '..');
const dir = join(root, '.wrangler/cold-start');
const OUT = '.wrangler/local-server';
const D1 = { persist: join(dir, 'd1'), id: 'cold-start' };

/** Milliseconds to the response's headers (the first byte), over a new connection (no keep-alive). */
function timeToFirstByte(url: string, headers: Record<string, string> = {}): Promise<number> {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const req = request(url, { agent: false, headers }, (res) => {
      const ms = performance.now() - t0;
      if ((res.statusCode ?? 0) >= 400) reject(new Error(`${url}: HTTP ${res.statusCode}`));
      res.resume();
      res.on('end', () => resolve(ms));
    });
    req.on('error', reject);
    req.end();
  });
}

async function timed<T>(start: () => Promise<T>): Promise<[T, number]> {
  const t0 = performance.now();
  const value = await start();
  return [value, performance.now() - t0];
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};
const max = (xs: number[]) => Math.max(...xs);

/** Median of `n` warm repeats of a request (the isolate already answered it once). */
async function warm(url: string, n: number, headers: Record<string, string> = {}): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < n; i++) times.push(await timeToFirstByte(url, headers));
  return median(times);
}

const NO_CACHE = { 'Cache-Control': 'no-cache' };

export interface ColdStart {
  runs: number;
  /** A: fresh instance, /api/v1/lists first. */
  listsCold: number[];
  /** Instance start (new workerd process, bundle loaded, D1 reachable from Node) until it accepts requests. */
  startInstance: number[];
  /** C: a bare workerd start (no bindings) with the bundle, and with a one-line worker. */
  startBareBundle: number[];
  startBareTrivial: number[];
  /** C's one-line worker's first request: workerd's own first-request cost, without the app. */
  bareTrivialFirst: number[];
  /** The bundle imported by a fresh Node process (V8 alone): parse, compile and evaluate its modules. */
  nodeImport: number[];
  /** B's steps. */
  livezFirst: number[];
  livezWarm: number[];
  healthzFirst: number[];
  healthzWarm: number[];
  listsAfterWarmup: number[];
  listsWarmUncached: number[];
  listsWarmCached: number[];
  bundle: { raw: number; gzip: number; modules: { name: string; bytes: number }[] };
  profile: ReturnType<typeof startupProfile>;
}

/** Bytes of the minified bundle per package (node_modules) or per top-level folder of ours, largest first. */
function modulesOf(metafile: string): { name: string; bytes: number }[] {
  const meta = JSON.parse(readFileSync(metafile, 'utf8')) as {
    outputs: Record<string, { inputs: Record<string, { bytesInOutput: number }> }>;
  };
  const js = Object.entries(meta.outputs).find(([name]) => name.endsWith('.js'))![1];
  const sums = new Map<string, number>();
  for (const [path, { bytesInOutput }] of Object.entries(js.inputs)) {
    const pkg = path.match(/node_modules\/((?:@[^/]+\/)?[^/]+)/)?.[1];
    const name =
      pkg ??
      path
        .replace(/^(\.\.\/)+/, '')
        .split('/')
        .slice(0, 2)
        .join('/');
    sums.set(name, (sums.get(name) ?? 0) + bytesInOutput);
  }
  return [...sums].map(([name, bytes]) => ({ name, bytes })).sort((a, b) => b.bytes - a.bytes);
}

/** The worker as it is deployed (the same build as scripts/local-server.ts makes), with esbuild's metafile beside it. */
function build(): ColdStart['bundle'] {
  mkdirSync(dir, { recursive: true });
  const metafile = join(dir, 'meta.json');
  execFileSync('npx', ['wrangler', 'deploy', '--dry-run', '--outdir', OUT, '--minify', '--metafile', metafile], {
    cwd: root,
    stdio: 'ignore',
    env: { ...process.env, WRANGLER_SEND_METRICS: 'false', WRANGLER_HIDE_BANNER: 'true', CLOUDFLARE_CF_FETCH_ENABLED: 'false' },
  });
  const script = readFileSync(join(root, OUT, 'index.js'));
  return { raw: script.length, gzip: gzipSync(script).length, modules: modulesOf(metafile) };
}

/** A cross-check outside workerd: a new Node process imports the bundle (it runs in Node too) and says how long that took. */
function nodeImportMs(): number {
  const code = `const t = performance.now(); await import(${JSON.stringify(join(root, OUT, 'index.js'))}); console.log(performance.now() - t);`;
  return Number(execFileSync(process.execPath, ['--input-type=module', '-e', code], { encoding: 'utf8' }).trim());
}

interface CpuProfile {
  nodes: { id: number; callFrame: { url: string; functionName: string; lineNumber: number; columnNumber: number } }[];
  samples: number[];
  timeDeltas: number[];
}

/**
 * What the bundle's startup spends its CPU on: a new Node process imports it under V8's sampling profiler, and each
 * sample in the bundle is traced back through the source map to its package (or our folder). V8 is the engine
 * workerd runs too; the shares, not the milliseconds, are the finding (another process on the machine moves those).
 */
function startupProfile(): { totalMs: number; parts: { name: string; ms: number }[] } {
  const profiles = mkdtempSync(join(dir, 'profile-'));
  const bundlePath = join(root, OUT, 'index.js');
  execFileSync(process.execPath, [
    '--cpu-prof',
    '--cpu-prof-dir',
    profiles,
    '--input-type=module',
    '-e',
    `await import(${JSON.stringify(bundlePath)});`,
  ]);
  const profile = JSON.parse(readFileSync(join(profiles, readdirSync(profiles)[0]!), 'utf8')) as CpuProfile;
  rmSync(profiles, { recursive: true, force: true });
  const map = new SourceMap(JSON.parse(readFileSync(`${bundlePath}.map`, 'utf8')));
  const self = new Map<number, number>();
  profile.samples.forEach((id, i) => {
    self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0));
  });
  const parts = new Map<string, number>();
  let total = 0;
  for (const node of profile.nodes) {
    const us = self.get(node.id) ?? 0;
    const frame = node.callFrame;
    let name: string;
    if (frame.url.endsWith(`${OUT}/index.js`)) {
      // Zero-based line and column, as the profile gives them; an entry that maps nowhere is esbuild's own glue.
      const source = (map.findEntry(frame.lineNumber, Math.max(0, frame.columnNumber)) as { originalSource?: string }).originalSource;
      name = !source
        ? 'bundle glue (no source)'
        : (source.match(/node_modules\/((?:@[^/]+\/)?[^/]+)/)?.[1] ??
          source
            .replace(/^.*?\/(worker|web)\//, '$1/')
            .split('/')
            .slice(0, 2)
            .join('/'));
    } else if (frame.functionName === 'compileSourceTextModule') name = 'V8 parses and compiles the bundle';
    else if (frame.functionName === '(garbage collector)') name = 'garbage collection';
    else if (frame.functionName === '(idle)') continue;
    else name = "Node's own (process start, module loading)";
    total += us;
    parts.set(name, (parts.get(name) ?? 0) + us);
  }
  return { totalMs: total / 1000, parts: [...parts].map(([name, us]) => ({ name, ms: us / 1000 })).sort((a, b) => b.ms - a.ms) };
}

const TRIVIAL = "export default { fetch() { return new Response('ok'); } };";

/**
 * A worker started with nothing else (no D1, assets or other bindings), either the built bundle or a one-line
 * script: the difference between the two is the bundle's own startup (workerd parses, compiles and evaluates
 * its modules before it accepts requests).
 */
async function startBare(script: 'bundle' | 'trivial'): Promise<{ url: string; dispose: () => Promise<void> }> {
  const mf = new Miniflare({
    // The module given whole, so that Miniflare does not parse it in Node to find its imports: only workerd's work is timed.
    modules: [
      {
        type: 'ESModule',
        path: join(root, OUT, 'index.js'),
        contents: script === 'bundle' ? readFileSync(join(root, OUT, 'index.js'), 'utf8') : TRIVIAL,
      },
    ],
    compatibilityDate: '2026-04-20',
    compatibilityFlags: ['nodejs_compat'],
    host: '127.0.0.1',
    port: 0,
  });
  const url = (await mf.ready).toString().replace(/\/$/, '');
  return { url, dispose: () => mf.dispose() };
}

export async function measureColdStart({ runs = 5 }: { runs?: number } = {}): Promise<ColdStart> {
  const bundle = build();
  rmSync(D1.persist, { recursive: true, force: true });
  // The database, migrated and loaded once; every run below opens it afresh.
  await (await startLocalServer({ build: false, d1: D1 })).dispose();
  const start = () => startLocalServer({ build: false, seed: false, d1: D1 });
  const c: ColdStart = {
    runs,
    listsCold: [],
    startInstance: [],
    startBareBundle: [],
    startBareTrivial: [],
    bareTrivialFirst: [],
    nodeImport: [],
    livezFirst: [],
    livezWarm: [],
    healthzFirst: [],
    healthzWarm: [],
    listsAfterWarmup: [],
    listsWarmUncached: [],
    listsWarmCached: [],
    bundle,
    profile: startupProfile(),
  };
  for (let run = 0; run < runs; run++) {
    // A: the first request of a fresh isolate is the list of lists.
    const [a, startA] = await timed(start);
    try {
      c.startInstance.push(startA);
      c.listsCold.push(await timeToFirstByte(`${a.url}/api/v1/lists`));
    } finally {
      await a.dispose();
    }
    // B: the same, one part at a time.
    const [b, startB] = await timed(start);
    try {
      c.startInstance.push(startB);
      c.livezFirst.push(await timeToFirstByte(`${b.url}/livez`));
      c.livezWarm.push(await warm(`${b.url}/livez`, 5));
      c.healthzFirst.push(await timeToFirstByte(`${b.url}/healthz`));
      c.healthzWarm.push(await warm(`${b.url}/healthz`, 5));
      c.listsAfterWarmup.push(await timeToFirstByte(`${b.url}/api/v1/lists`, NO_CACHE));
      c.listsWarmUncached.push(await warm(`${b.url}/api/v1/lists`, 5, NO_CACHE));
      c.listsWarmCached.push(await warm(`${b.url}/api/v1/lists`, 5));
    } finally {
      await b.dispose();
    }
    c.nodeImport.push(nodeImportMs());
    // C: the bundle and a worker with nothing in it, started bare, in turns.
    for (const script of ['bundle', 'trivial'] as const) {
      const [bare, ms] = await timed(() => startBare(script));
      try {
        (script === 'bundle' ? c.startBareBundle : c.startBareTrivial).push(ms);
        // (The bare bundle is not asked: without its settings it would answer with an error.)
        if (script === 'trivial') c.bareTrivialFirst.push(await timeToFirstByte(`${bare.url}/`));
      } finally {
        await bare.dispose();
      }
    }
  }
  return c;
}

/** The cold-start section of bench/RESULTS.md. */
export function coldStartReport(c: ColdStart): string {
  const ms = (x: number) => `${x.toFixed(1)}`;
  const row = (what: string, xs: number[]) => `| ${what} | ${ms(median(xs))} | ${ms(max(xs))} |`;
  const excess = (first: number[], warmed: number[]) => first.map((x, i) => x - warmed[i]!);
  const script = c.startBareBundle.map((x, i) => x - c.startBareTrivial[i]!);
  const top = c.bundle.modules
    .slice(0, 8)
    .map((m) => `${m.name} ${(m.bytes / 1024).toFixed(1)} KiB (${((100 * m.bytes) / c.bundle.raw).toFixed(0)} %)`)
    .join(', ');
  return [
    `Cold start (${c.runs} fresh workerd instance(s) per row, built worker over a D1 on disk, a new connection per request; first byte = response headers):`,
    '',
    '| step | median ms | max ms |',
    '|---|---:|---:|',
    row('**fresh isolate → first byte of /api/v1/lists** (its first request)', c.listsCold),
    row(
      'instance start (scripts/local-server.ts: new workerd process, bundle, bindings, D1 reachable) until it accepts requests',
      c.startInstance,
    ),
    row('bare workerd start with the bundle (no bindings)', c.startBareBundle),
    row('bare workerd start with a one-line worker', c.startBareTrivial),
    row('**script startup: bare start with the bundle minus with a one-line worker** (same run)', script),
    row('cross-check: a new Node process imports the bundle (V8 parses, compiles, evaluates it)', c.nodeImport),
    row("first request's excess over a warm one: /livez (runtime + the app's first request)", excess(c.livezFirst, c.livezWarm)),
    row('first D1 query (/healthz first, minus warm /healthz)', excess(c.healthzFirst, c.healthzWarm)),
    row('first build of /api/v1/lists after that, minus a warm uncached one', excess(c.listsAfterWarmup, c.listsWarmUncached)),
    row('/api/v1/lists warm, built from D1 (Cache-Control: no-cache)', c.listsWarmUncached),
    row("/api/v1/lists warm, from the isolate's copy", c.listsWarmCached),
    row('/livez warm', c.livezWarm),
    row("one-line worker's first request", c.bareTrivialFirst),
    '',
    `Startup CPU by part (V8's profile of a Node import of the bundle, source-mapped; ${ms(c.profile.totalMs)} ms in all): ${c.profile.parts
      .slice(0, 8)
      .map((p) => `${p.name} ${((100 * p.ms) / c.profile.totalMs).toFixed(0)} %`)
      .join(', ')}.`,
    '',
    `Bundle: ${(c.bundle.raw / 1024).toFixed(1)} KiB minified, ${c.bundle.gzip.toLocaleString('en')} B gzip. Largest parts (minified bytes): ${top}.`,
  ].join('\n');
}

if (process.argv[1] === import.meta.filename) {
  const runs = process.argv.includes('--runs') ? Number(process.argv[process.argv.indexOf('--runs') + 1]) : 5;
  console.log(coldStartReport(await measureColdStart({ runs })));
}
