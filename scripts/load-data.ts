/**
 * Loads every list in data/ into D1: `tsx scripts/load-data.ts --local` (the
 * embedded database of `wrangler dev`) or `--remote`. The load replaces the
 * data rows as a whole, so running it twice leaves the same database.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildDataset } from './data/build-dataset.ts';
import { readDataFiles } from './data/read-files.ts';
import { datasetToSql } from './data/to-sql.ts';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const target = process.argv.includes('--remote') ? '--remote' : '--local';

const dataset = buildDataset(readDataFiles(join(root, 'data')));
const sqlFile = join(root, '.wrangler', 'seed', 'data.sql');
mkdirSync(dirname(sqlFile), { recursive: true });
writeFileSync(sqlFile, datasetToSql(dataset).join('\n') + '\n');

execFileSync('npx', ['wrangler', 'd1', 'execute', 'DB', target, `--file=${sqlFile}`], {
  cwd: root,
  stdio: ['ignore', 'ignore', 'inherit'],
  env: { ...process.env, WRANGLER_SEND_METRICS: 'false', WRANGLER_HIDE_BANNER: 'true', CLOUDFLARE_CF_FETCH_ENABLED: 'false' },
});

console.log(`Loaded data version ${dataset.version}: ${dataset.towns.length} towns, ${dataset.lists.length} lists, ` +
  `${dataset.memberships.length} memberships, ${dataset.events.length} status events, ${dataset.figures.length} reported figures.`);
for (const list of dataset.lists) {
  const official = list.officialCount ?? '?';
  console.log(`  ${list.id.padEnd(34)} ${String(list.townCount).padStart(4)} / ${String(official).padEnd(4)} ${list.complete ? 'complete' : 'incomplete'}`);
}
