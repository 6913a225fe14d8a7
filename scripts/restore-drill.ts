/**
 * The restore drill of docs/OPERATIONS.md ("Backup and restore"), run here without the internet:
 *
 *   1. the built worker over a local D1 kept on disk, migrated and loaded with data/;
 *   2. survey responses to both questionnaires (one with contact details) and admin writes (a source, a list,
 *      an import of a notice), all through the HTTP API as clients and staff send them;
 *   3. `wrangler d1 export DB --local` to a SQL file, prepared as the runbook says (scripts/backup-prepare.ts);
 *   4. `wrangler d1 execute DB --local --file` of that file into a fresh, empty D1;
 *   5. the same worker over the restored database, and checks: every table holds the same rows (count and a
 *      digest of the contents), the change feed replays equal page by page, every survey rollup and every list
 *      count equals a recount from the rows, the published results read the same, and an enterprise that has
 *      answered is still refused a second answer (the claims survive under the same wave secrets);
 *   6. the feed's sequence moved past every seq served before, as the runbook says, and the next write above it.
 *
 * `npm run drill:restore` prints what it checked and exits 1 on any difference; test/node/restore-drill.test.ts
 * asserts the same in CI. Everything lives in a temporary directory under .wrangler/, deleted at the end
 * (kept with DRILL_KEEP=1, to look at the files).
 */
import { execFileSync } from 'node:child_process';
import { createHash, randomUUID } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isDeepStrictEqual } from 'node:util';
import { prepareNotice } from '../bench/synthetic-notice.ts';
import { usccCheckCharacter } from '../worker/lib/uscc.ts';
import { prepareBackup } from './backup-prepare.ts';
import { type LocalServer, newEnterpriseWaveSecrets, startLocalServer } from './local-server.ts';
import { recountRollups } from './rollup-recount.ts';

const root = join(import.meta.dirname, '..');
const TOKEN = 'local-server-token';
const TOWNS = ['beijing-changgouzhen', 'beijing-gubeikouzhen'];
/** Rows of these tables may differ after a restore, on purpose (see scripts/backup-prepare.ts). */
const NOT_RESTORED = new Set(['daily_salts']);
const OFFLINE = { WRANGLER_SEND_METRICS: 'false', WRANGLER_HIDE_BANNER: 'true', CLOUDFLARE_CF_FETCH_ENABLED: 'false' };

/** A database as `wrangler d1 … --local --config <dir>/wrangler.toml` sees it: its config, and where its state is. */
interface LocalDatabase {
  config: string;
  d1: { persist: string; id: string };
}

function localDatabase(parent: string, name: string): LocalDatabase {
  const dir = join(parent, name);
  mkdirSync(dir, { recursive: true });
  const id = randomUUID();
  const config = join(dir, 'wrangler.toml');
  writeFileSync(
    config,
    [
      'name = "restore-drill"',
      'compatibility_date = "2026-04-20"',
      'send_metrics = false',
      '',
      '[[d1_databases]]',
      'binding = "DB"',
      'database_name = "tesexiaozhen"',
      `database_id = "${id}"`,
      '',
    ].join('\n'),
  );
  // wrangler keeps a local database under <config dir>/.wrangler/state/v3/d1, keyed by its database_id.
  return { config, d1: { persist: join(dir, '.wrangler', 'state', 'v3', 'd1'), id } };
}

function wrangler(args: string[]): string {
  return execFileSync(join(root, 'node_modules', '.bin', 'wrangler'), args, {
    cwd: root,
    env: { ...process.env, ...OFFLINE },
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

async function call(
  server: LocalServer,
  method: string,
  path: string,
  init: { body?: string; headers?: Record<string, string> } = {},
): Promise<Response> {
  return fetch(`${server.url}${path}`, { method, body: init.body, headers: init.headers });
}

// biome-ignore lint/suspicious/noExplicitAny: the drill reads many answer shapes and checks each field it uses.
async function expectStatus(res: Response, status: number, what: string): Promise<any> {
  const text = await res.text();
  if (res.status !== status) throw new Error(`${what}: expected ${status}, got ${res.status} ${text}`);
  return text ? JSON.parse(text) : null;
}

/** Answers to every question of the survey's open version, varied by `i` so that the rollups hold several values. */
async function answersFor(server: LocalServer, surveyId: string, i: number): Promise<Record<string, unknown>> {
  const survey = await expectStatus(await call(server, 'GET', `/api/v1/surveys/${surveyId}`), 200, `GET survey ${surveyId}`);
  const answers: Record<string, unknown> = {};
  for (const section of survey.sections) {
    for (const q of section.questions) {
      if (q.type === 'likert') answers[q.id] = 1 + ((i + q.id.length) % q.scale);
      else if (q.type === 'nps') answers[q.id] = (i * 3) % 11;
      else if (q.type === 'single') answers[q.id] = q.options[i % q.options.length].id;
      else if (q.type === 'multi') answers[q.id] = [q.options[i % q.options.length].id];
      else if (q.type === 'text') answers[q.id] = `演练意见 ${i} drill comment`;
    }
  }
  return answers;
}

/** A made-up unified social credit code with a valid check character (GB 32100-2015): no enterprise has it. */
function enterpriseCode(n: number): string {
  const first17 = `91110108${String(n).padStart(9, '0')}`;
  return first17 + usccCheckCharacter(first17);
}

function submission(server: LocalServer, surveyId: string, body: unknown, ip: string): Promise<Response> {
  return call(server, 'POST', `/api/v1/surveys/${surveyId}/responses`, {
    body: JSON.stringify(body),
    headers: { 'Content-Type': 'application/json', 'Idempotency-Key': `drill-${randomUUID()}`, 'CF-Connecting-IP': ip },
  });
}

/** What the drill writes: 12 + 3 public responses (12 publish a live step), 3 enterprise answers, and an imported notice. */
async function writeData(server: LocalServer): Promise<{ enterpriseCodes: string[] }> {
  for (let i = 0; i < 15; i++) {
    const body = {
      town_id: TOWNS[i < 12 ? 0 : 1],
      answers: await answersFor(server, 'public', i),
      consent: { participation: true, contact: i === 0 },
      ...(i === 0 ? { respondent: { name: '演练联系人', phone: '010-00000000' } } : {}),
    };
    await expectStatus(await submission(server, 'public', body, `198.51.100.${i + 1}`), 201, `public response ${i}`);
  }
  const enterpriseCodes = [1, 2, 3].map((n) => enterpriseCode(900_000 + n));
  for (const [i, code] of enterpriseCodes.entries()) {
    const body = {
      town_id: TOWNS[0],
      enterprise_code: code,
      answers: await answersFor(server, 'enterprise', i),
      consent: { participation: true },
    };
    await expectStatus(await submission(server, 'enterprise', body, `203.0.113.${i + 1}`), 201, `enterprise response ${i}`);
  }
  const notice = await prepareNotice(server.url, TOKEN, 20, 'restore-drill-list');
  const imported = await call(server, 'POST', '/api/v1/admin/imports?dry_run=false', {
    body: notice.csv,
    headers: { Authorization: `Bearer ${TOKEN}`, 'Content-Type': 'text/csv; charset=utf-8', 'Idempotency-Key': `drill-${randomUUID()}` },
  });
  await expectStatus(imported, 201, 'import');
  return { enterpriseCodes };
}

/** Everything the drill compares, read from one database through SQL and through the worker's API. */
export interface DatabaseFacts {
  /** Per table: its rows and a SHA-256 of its contents, the rows sorted. */
  tables: Record<string, { rows: number; sha256: string }>;
  /** The change feed from `since=0`, every page. */
  feed: unknown[];
  /** The survey rollups beside their recount, final and published states. */
  rollups: { final: Awaited<ReturnType<typeof recountRollups>>; published: Awaited<ReturnType<typeof recountRollups>> };
  /** Lists and provinces whose stored town count differs from a count of the memberships (none, when sound). */
  listCountsOff: unknown[];
  /** The published results of the town the responses went to, as the API serves them. */
  satisfaction: unknown;
}

async function readFacts(server: LocalServer): Promise<DatabaseFacts> {
  const db = server.db;
  const { results: names } = await db
    .prepare(`SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT GLOB 'sqlite_*' AND name NOT GLOB '_cf_*' ORDER BY name`)
    .all<{ name: string }>();
  const tables: DatabaseFacts['tables'] = {};
  for (const { name } of names) {
    // Sorted here, not by rowid: an export keeps the rows' order but not their rowids.
    const rows = (await db.prepare(`SELECT * FROM "${name}"`).raw()).map((row) => JSON.stringify(row)).sort();
    tables[name] = { rows: rows.length, sha256: createHash('sha256').update(rows.join('\n')).digest('hex') };
  }
  const feed: unknown[] = [];
  for (let since = '0', more = true; more; ) {
    const page = await expectStatus(await call(server, 'GET', `/api/v1/changes?since=${since}&limit=1000`), 200, `changes since ${since}`);
    feed.push(...page.items);
    if (page.has_more && page.next_since === since) throw new Error('the change feed does not move on');
    since = page.next_since;
    more = page.has_more;
  }
  const { results: listCountsOff } = await db
    .prepare(
      `SELECT 'list' AS kind, l.id AS list_id, NULL AS province, l.town_count AS stored, (SELECT COUNT(*) FROM memberships m WHERE m.list_id = l.id) AS counted FROM lists l
       UNION ALL
       SELECT 'province', p.list_id, p.province, p.town_count, (SELECT COUNT(*) FROM memberships m JOIN towns t ON t.id = m.town_id WHERE m.list_id = p.list_id AND t.province = p.province) FROM list_province_counts p`,
    )
    .all<{ stored: number; counted: number }>();
  const satisfaction = await expectStatus(
    await call(server, 'GET', `/api/v1/towns/${TOWNS[0]}/satisfaction`, { headers: { 'Cache-Control': 'no-cache' } }),
    200,
    'satisfaction',
  );
  return {
    tables,
    feed,
    rollups: { final: await recountRollups(db), published: await recountRollups(db, { published: true }) },
    listCountsOff: listCountsOff.filter((r) => r.stored !== r.counted),
    satisfaction,
  };
}

/**
 * Step 2 of "after any restore" in docs/OPERATIONS.md: the feed's sequence set past every seq served before (here
 * the source's last, plus a margin standing for writes made after the copy), then one admin write, whose change
 * must enter the feed above it, so that no data version (ETag) is ever served for two states of the data.
 */
async function moveSequenceOn(server: LocalServer, sourceFeed: unknown[]): Promise<{ movedTo: number; nextWrite: number }> {
  const lastServed = Math.max(0, ...sourceFeed.map((c) => (c as { seq: number }).seq));
  const movedTo = lastServed + 1000;
  await server.db.prepare(`UPDATE sqlite_sequence SET seq = ? WHERE name = 'change_log'`).bind(movedTo).run();
  const source = await call(server, 'POST', '/api/v1/admin/sources', {
    body: JSON.stringify({
      title: '恢复演练后的第一份文件（非官方）',
      note: 'Synthetic: the first write after the restore drill, never published.',
    }),
    headers: { Authorization: `Bearer ${TOKEN}`, 'Content-Type': 'application/json' },
  });
  await expectStatus(source, 201, 'the first write after the restore');
  const page = await expectStatus(await call(server, 'GET', `/api/v1/changes?since=${lastServed}`), 200, 'changes after the restore');
  return { movedTo, nextWrite: Math.max(0, ...page.items.map((c: { seq: number }) => c.seq)) };
}

export interface DrillReport {
  source: DatabaseFacts;
  restored: DatabaseFacts;
  /** Bytes of the SQL file, and the salt rows taken out of it before it left the "platform". */
  dump: { bytes: number; saltRowsRemoved: number };
  /** The status of a second answer by an enterprise that answered before the backup, sent to the restored database. */
  secondEnterpriseAnswer: number;
  /** The feed's sequence moved on after the restore (docs/OPERATIONS.md), and the seq of the next write's change. */
  sequence: { movedTo: number; nextWrite: number };
  /** Every difference found, in words; empty when the restore is sound. */
  problems: string[];
}

function rollupProblems(where: string, recount: DatabaseFacts['rollups']['final'], what: string): string[] {
  const problems: string[] = [];
  if (!isDeepStrictEqual(recount.rolledResponses, recount.responses))
    problems.push(`${where}: ${what} response counts differ from the recount`);
  if (!isDeepStrictEqual(recount.rolledAnswers, recount.answers)) problems.push(`${where}: ${what} answer counts differ from the recount`);
  if (!isDeepStrictEqual(recount.rolledDimensions, recount.dimensions))
    problems.push(`${where}: ${what} dimension sums differ from the recount`);
  return problems;
}

/** Every way the restored database differs from the source, or fails to add up by itself. */
export function compare(source: DatabaseFacts, restored: DatabaseFacts): string[] {
  const problems: string[] = [];
  for (const name of new Set([...Object.keys(source.tables), ...Object.keys(restored.tables)])) {
    const [a, b] = [source.tables[name], restored.tables[name]];
    if (!a || !b) problems.push(`table ${name} is only in the ${a ? 'source' : 'restored'} database`);
    else if (NOT_RESTORED.has(name)) {
      if (b.rows !== 0) problems.push(`table ${name} was restored (${b.rows} rows) though the runbook takes it out`);
    } else if (a.rows !== b.rows) problems.push(`table ${name}: ${a.rows} rows in the source, ${b.rows} restored`);
    else if (a.sha256 !== b.sha256) problems.push(`table ${name}: same ${a.rows} rows, other contents`);
  }
  if (!isDeepStrictEqual(source.feed, restored.feed))
    problems.push(`the change feed differs: ${source.feed.length} changes in the source, ${restored.feed.length} restored`);
  for (const [where, facts] of [
    ['source', source],
    ['restored', restored],
  ] as const) {
    problems.push(...rollupProblems(where, facts.rollups.final, 'rollup'), ...rollupProblems(where, facts.rollups.published, 'published'));
    if (facts.listCountsOff.length) problems.push(`${where}: ${facts.listCountsOff.length} list counts differ from the memberships`);
  }
  if (!isDeepStrictEqual(source.satisfaction, restored.satisfaction)) problems.push('the published satisfaction results differ');
  return problems;
}

export async function runRestoreDrill({ log = (_: string) => {} } = {}): Promise<DrillReport> {
  mkdirSync(join(root, '.wrangler'), { recursive: true });
  const dir = mkdtempSync(join(root, '.wrangler', 'restore-drill-'));
  // The restored worker gets the same wave secrets, as production keeps them across a restore (they are not in the backup).
  const enterpriseWaveSecrets = newEnterpriseWaveSecrets();
  // Far above what the drill sends: it measures the restore, not the limiter.
  const submissionLimit = 1000;
  try {
    const sourceDb = localDatabase(dir, 'source');
    const restoredDb = localDatabase(dir, 'restored');

    log('1/5 starting the worker over a local D1 with data/ loaded');
    const source = await startLocalServer({ d1: sourceDb.d1, enterpriseWaveSecrets, submissionLimit });
    let written: { enterpriseCodes: string[] };
    let sourceFacts: DatabaseFacts;
    try {
      log('2/5 writing survey responses (both surveys) and an imported notice');
      written = await writeData(source);
      sourceFacts = await readFacts(source);
    } finally {
      await source.dispose();
    }

    log('3/5 wrangler d1 export DB --local, then scripts/backup-prepare.ts');
    const dumpFile = join(dir, 'backup.sql');
    wrangler(['d1', 'export', 'DB', '--local', '--config', sourceDb.config, '--output', dumpFile]);
    const { sql, saltRowsRemoved } = prepareBackup(readFileSync(dumpFile, 'utf8'));
    writeFileSync(dumpFile, sql);

    log('4/5 wrangler d1 execute DB --local --file backup.sql (into a fresh database)');
    wrangler(['d1', 'execute', 'DB', '--local', '--config', restoredDb.config, '--file', dumpFile]);

    log('5/5 comparing the restored database with the source');
    const restored = await startLocalServer({ d1: restoredDb.d1, seed: false, enterpriseWaveSecrets, submissionLimit, build: false });
    try {
      const restoredFacts = await readFacts(restored);
      const again = {
        town_id: TOWNS[0],
        enterprise_code: written.enterpriseCodes[0],
        answers: await answersFor(restored, 'enterprise', 0),
        consent: { participation: true },
      };
      const secondEnterpriseAnswer = (await submission(restored, 'enterprise', again, '203.0.113.99')).status;
      const problems = compare(sourceFacts, restoredFacts);
      if (secondEnterpriseAnswer !== 409)
        problems.push(`an enterprise that answered before the backup answered again after the restore (${secondEnterpriseAnswer})`);
      const sequence = await moveSequenceOn(restored, sourceFacts.feed);
      if (!(sequence.nextWrite > sequence.movedTo))
        problems.push(`after moving the sequence to ${sequence.movedTo}, the next write's change has seq ${sequence.nextWrite}`);
      return {
        source: sourceFacts,
        restored: restoredFacts,
        dump: { bytes: statSync(dumpFile).size, saltRowsRemoved },
        secondEnterpriseAnswer,
        sequence,
        problems,
      };
    } finally {
      await restored.dispose();
    }
  } finally {
    if (!process.env.DRILL_KEEP) rmSync(dir, { recursive: true, force: true });
  }
}

// `npm run drill:restore`
if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const started = Date.now();
  const report = await runRestoreDrill({ log: (line) => console.log(line) });
  const tables = Object.entries(report.restored.tables);
  console.log(`backup: ${report.dump.bytes} bytes of SQL, ${report.dump.saltRowsRemoved} salt row(s) left out`);
  console.log(`tables: ${tables.length}, ${tables.reduce((n, [, t]) => n + t.rows, 0)} rows restored`);
  for (const [name, t] of tables)
    console.log(`  ${name.padEnd(28)} ${String(report.source.tables[name]?.rows ?? '-').padStart(6)} → ${String(t.rows).padStart(6)}`);
  console.log(
    `change feed: ${report.source.feed.length} changes in the source, ${report.restored.feed.length} replayed from the restored database`,
  );
  console.log(
    `rollups: ${report.restored.rollups.final.rolledAnswers.length} answer counts and ${report.restored.rollups.final.rolledDimensions.length} dimension sums recounted`,
  );
  console.log(`second answer of an enterprise after the restore: ${report.secondEnterpriseAnswer}`);
  console.log(`feed sequence moved to ${report.sequence.movedTo}; the next write entered the feed at ${report.sequence.nextWrite}`);
  console.log(
    report.problems.length
      ? `FAILED:\n- ${report.problems.join('\n- ')}`
      : `restore drill passed in ${((Date.now() - started) / 1000).toFixed(1)} s`,
  );
  process.exitCode = report.problems.length ? 1 : 0;
}
