/**
 * Loads every list in data/ into D1: `tsx scripts/load-data.ts --local` (the
 * embedded database of `wrangler dev`) or `--remote`. Rows are upserted on
 * their natural keys and rows the files no longer have are removed, so a
 * reload changes only what changed (and the change feed records only that),
 * running it twice leaves the same database, and rows written through the
 * admin API are kept.
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
writeFileSync(sqlFile, `${datasetToSql(dataset).join('\n')}\n`);

const wrangler = (args: string[]) =>
  execFileSync('npx', ['wrangler', 'd1', 'execute', 'DB', target, ...args], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'inherit'],
    env: { ...process.env, WRANGLER_SEND_METRICS: 'false', WRANGLER_HIDE_BANNER: 'true', CLOUDFLARE_CF_FETCH_ENABLED: 'false' },
  }).toString();
const dataVersion = () => {
  const out = JSON.parse(wrangler(['--json', '--command', "SELECT value FROM meta WHERE key = 'data_version'"])) as {
    results: { value: string }[];
  }[];
  return out[0]?.results[0]?.value ?? '0';
};

const before = dataVersion();
wrangler([`--file=${sqlFile}`]);
const after = dataVersion();

console.log(
  `Files ${dataset.version}; database data version ${before} → ${after} (${Number(after) - Number(before)} change(s) in the feed).`,
);
console.log(
  `Loaded ${dataset.towns.length} towns, ${dataset.lists.length} lists, ` +
    `${dataset.memberships.length} memberships, ${dataset.events.length} status events, ${dataset.figures.length} reported figures.`,
);
for (const list of dataset.lists) {
  const official = list.officialCount ?? '?';
  console.log(
    `  ${list.id.padEnd(34)} ${String(list.townCount).padStart(4)} / ${String(official).padEnd(4)} ${list.complete ? 'complete' : 'incomplete'}`,
  );
}
