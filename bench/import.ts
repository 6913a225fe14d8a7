/**
 * How long a notice takes to check and to import: `npm run bench:import [-- --rows 300]`.
 * Runs the built worker in workerd with an in-memory D1 loaded with data/,
 * posts a synthetic notice of N rows (dry run, then the import) and prints the times.
 */
import { startLocalServer } from '../scripts/local-server.ts';
import { prepareNotice } from './synthetic-notice.ts';

const arg = (flag: string, fallback: number) =>
  process.argv.includes(flag) ? Number(process.argv[process.argv.indexOf(flag) + 1]) : fallback;
const rows = arg('--rows', 300);
const TOKEN = 'local-server-token';

const server = await startLocalServer();
try {
  const notice = await prepareNotice(server.url, TOKEN, rows);
  const post = async (dryRun: boolean) => {
    const started = performance.now();
    const res = await fetch(`${server.url}/api/v1/admin/imports?dry_run=${dryRun}`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${TOKEN}`, 'Content-Type': 'text/csv' },
      body: notice.csv,
    });
    const report = (await res.json()) as { valid: boolean; events: unknown[]; problems: unknown[] };
    return { ms: performance.now() - started, status: res.status, report };
  };
  const dry = await post(true);
  const real = await post(false);
  const stored = (await server.db
    .prepare('SELECT COUNT(*) AS n FROM status_events WHERE list_id = ?')
    .bind(notice.listId)
    .first<number>('n'))!;
  const audit = (await server.db.prepare("SELECT COUNT(*) AS n FROM audit_log WHERE action = 'import'").first<number>('n'))!;
  console.log(`Notice of ${rows} rows (synthetic, ${notice.csv.length} bytes):`);
  console.log(
    `  dry run  ${dry.ms.toFixed(0).padStart(6)} ms  HTTP ${dry.status}, valid ${dry.report.valid}, ${dry.report.problems.length} problems`,
  );
  console.log(`  import   ${real.ms.toFixed(0).padStart(6)} ms  HTTP ${real.status}, ${real.report.events.length} events written`);
  console.log(`  stored: ${stored} events on the list, ${audit} audit entries`);
  if (dry.status !== 200 || real.status !== 201 || stored !== rows) process.exitCode = 1;
} finally {
  await server.dispose();
}
