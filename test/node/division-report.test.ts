import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);
const root = join(import.meta.dirname, '..', '..');
const read = (name: string) => readFileSync(join(root, 'data', 'divisions', name), 'utf8');

describe('the division-code match report', () => {
  it('is what the data and the division tables give today (npx tsx scripts/division-report.ts)', async () => {
    // Exit code 1, naming the stale file, when the committed report differs from a fresh one.
    await expect(run('npx', ['tsx', 'scripts/division-report.ts', '--check'], { cwd: root })).resolves.toBeDefined();
  });

  it('gives each list the share of its towns with a township code, as its machine-readable twin counts them', () => {
    const rows = parse(read('match-report.csv'), { columns: true }) as Record<string, string>[];
    const summary = read('match-report.md')
      .split('\n')
      .filter((line) => /^\| [a-z0-9-]+ \| \d+ \|/.test(line));
    const lists = [...new Set(rows.map((r) => r.list_id))];
    expect(summary).toHaveLength(lists.length);
    for (const line of summary) {
      const [list, towns, withCode, share, reviewed, ambiguous, unmatched] = line
        .split('|')
        .slice(1, 8)
        .map((c) => c.trim());
      const own = rows.filter((r) => r.list_id === list);
      expect(Number(towns), list).toBe(own.length);
      expect(Number(withCode), list).toBe(own.filter((r) => /^\d{9}$/.test(r.township_code!)).length);
      expect(share, list).toBe(`${((100 * Number(withCode)) / own.length).toFixed(1)}%`);
      for (const [outcome, n] of Object.entries({ reviewed, ambiguous, unmatched }))
        expect(Number(n), `${list} ${outcome}`).toBe(own.filter((r) => r.outcome === outcome).length);
    }
    // A township code is never given without a match, and a match always gives one.
    for (const r of rows) expect(r.township_code !== '', r.town_id).toBe(r.outcome === 'matched' || r.outcome === 'reviewed');
  });
});
