/**
 * Starts the built worker in workerd directly (Miniflare on a real port, no
 * wrangler dev proxy) with its static assets and an in-memory D1, migrated
 * and loaded with data/. Used by the benchmarks, the browser tests and the
 * restore drill; unless `d1.persist` is given, everything written to it lives
 * only as long as the process.
 */
import { execFileSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { readD1Migrations } from '@cloudflare/vitest-pool-workers';
import { type Request as MfRequest, Response as MfResponse, Miniflare } from 'miniflare';
import { buildDataset } from '../scripts/data/build-dataset.ts';
import { readDataFiles } from '../scripts/data/read-files.ts';
import { datasetToSql } from '../scripts/data/to-sql.ts';

const root = join(import.meta.dirname, '..');

export interface LocalServer {
  url: string;
  db: D1Database;
  /** The form bodies the worker posted to Turnstile's siteverify (only with `turnstile: true`). */
  siteverifyCalls: URLSearchParams[];
  /** A request to instance `i` (0 is the one at `url`), each its own isolate over the same D1. */
  fetchInstance: (i: number, path: string, init?: RequestInit) => Promise<Response>;
  dispose: () => Promise<void>;
}

/** Cloudflare's Turnstile test keys: this pair always passes (PLATFORM.md); never production configuration. */
export const TURNSTILE_TEST_KEYS = { siteKey: '1x00000000000000000000AA', secret: '1x0000000000000000000000000000000AA' };
const SITEVERIFY = 'https://challenges.cloudflare.com/turnstile/v0/siteverify';

export interface LocalServerOptions {
  /** 0 picks a free port. */
  port?: number;
  /** Submissions per minute per client; the benchmark raises it so that it measures the service, not the limiter. */
  submissionLimit?: number;
  /**
   * Turnstile on, with Cloudflare's always-passing test keys. There is no internet here, so the worker's one
   * outbound call, siteverify, is answered locally as Cloudflare answers the test secrets: success for a
   * non-empty token under a 1x… secret, failure under a 2x… secret.
   */
  turnstile?: boolean;
  /**
   * Keep the database on disk, where `wrangler d1 … --local` finds it (`<config dir>/.wrangler/state/v3/d1`) under
   * `id`, the `database_id` of that wrangler config: the restore drill exports it and restores into another.
   * Without it the database lives in memory.
   */
  d1?: { persist: string; id: string };
  /** Migrate and load data/ (the default); false for a database that already holds them, such as a restored one. */
  seed?: boolean;
  /** The waves' secrets; new random ones by default. A restored database keeps its claims only under the same secrets. */
  enterpriseWaveSecrets?: Record<string, string>;
  /** Build the worker first (the default); false to start the build of an earlier start in this process again. */
  build?: boolean;
  /**
   * Instances of the worker, each its own isolate (its own module state: response copies, versions), all bound to
   * the one D1 database, as Cloudflare runs a worker in many isolates; only the first listens on `port`.
   */
  instances?: number;
}

/** New secrets for the local enterprise waves: what is written under them lives only as long as the database. */
export function newEnterpriseWaveSecrets(): Record<string, string> {
  return { 'enterprise-w1': randomBytes(32).toString('base64url'), 'enterprise-w2': randomBytes(32).toString('base64url') };
}

/** The worker's outbound fetches: siteverify answered as for the test keys; anything else is a bug, refused. */
function outbound(calls: URLSearchParams[]) {
  return async (request: MfRequest): Promise<MfResponse> => {
    if (request.method !== 'POST' || request.url !== SITEVERIFY)
      return new MfResponse(`no outbound access to ${request.url}`, { status: 502 });
    const form = new URLSearchParams(await request.text());
    calls.push(form);
    const success = (form.get('secret') ?? '').startsWith('1x') && Boolean(form.get('response'));
    return MfResponse.json({ success, 'error-codes': success ? [] : ['invalid-input-response'] });
  };
}

export async function startLocalServer({
  port = 0,
  submissionLimit = 10,
  turnstile = false,
  d1,
  seed = true,
  enterpriseWaveSecrets = newEnterpriseWaveSecrets(),
  build = true,
  instances = 1,
}: LocalServerOptions = {}): Promise<LocalServer> {
  if (build)
    execFileSync('npx', ['wrangler', 'deploy', '--dry-run', '--outdir', '.wrangler/local-server', '--minify'], {
      cwd: root,
      stdio: 'ignore',
      env: { ...process.env, WRANGLER_SEND_METRICS: 'false', WRANGLER_HIDE_BANNER: 'true', CLOUDFLARE_CF_FETCH_ENABLED: 'false' },
    });
  const siteverifyCalls: URLSearchParams[] = [];
  const worker = {
    modules: true,
    scriptPath: join(root, '.wrangler/local-server/index.js'),
    compatibilityDate: '2026-04-20',
    compatibilityFlags: ['nodejs_compat'],
    // The same id in every instance: one database.
    d1Databases: { DB: d1?.id ?? 'bench' },
    assets: { directory: join(root, 'web/public'), routerConfig: { has_user_worker: true } },
    ratelimits: { SUBMISSION_LIMITER: { simple: { limit: submissionLimit, period: 60 } } },
    outboundService: outbound(siteverifyCalls),
    bindings: {
      MIN_SAMPLE: '10',
      ...(turnstile ? { TURNSTILE_SITE_KEY: TURNSTILE_TEST_KEYS.siteKey, TURNSTILE_SECRET: TURNSTILE_TEST_KEYS.secret } : {}),
      // The token `local-server-token`, with every role.
      ADMIN_TOKENS: JSON.stringify([
        {
          name: 'local-server',
          roles: ['editor', 'surveys', 'auditor'],
          sha256: createHash('sha256').update('local-server-token').digest('hex'),
        },
      ]),
      ENTERPRISE_WAVE_SECRETS: JSON.stringify(enterpriseWaveSecrets),
    },
  };
  const names = Array.from({ length: instances }, (_, i) => (i === 0 ? 'main' : `instance-${i + 1}`));
  const mf = new Miniflare({
    d1Persist: d1?.persist ?? false,
    host: '127.0.0.1',
    port,
    workers: names.map((name) => ({ name, ...worker })),
  });
  const url = (await mf.ready).toString().replace(/\/$/, '');
  const db = (await mf.getD1Database('DB')) as unknown as D1Database;
  if (seed) {
    for (const migration of await readD1Migrations(join(root, 'migrations'))) {
      await db.batch(migration.queries.map((q) => db.prepare(q)));
    }
    const data = datasetToSql(buildDataset(readDataFiles(join(root, 'data'))));
    await db.batch(data.map((s) => db.prepare(s)));
  }
  const fetchInstance = async (i: number, path: string, init?: RequestInit) =>
    (await (await mf.getWorker(names[i]!)).fetch(`${url}${path}`, init as never)) as unknown as Response;
  return { url, db, siteverifyCalls, fetchInstance, dispose: () => mf.dispose() };
}
