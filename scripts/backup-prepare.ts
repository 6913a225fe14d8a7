/**
 * Makes a `wrangler d1 export` file fit to leave the platform and to load into a fresh database
 * (docs/OPERATIONS.md, "An off-platform copy"):
 *
 *   npx tsx scripts/backup-prepare.ts tesexiaozhen-2026-11-26.sql backup.sql
 *
 * - The day's salt is taken out. It keys today's rate limits and duplicate signals to client networks: with it,
 *   whoever holds the copy and an address could tell whether that network answered today. It is worth nothing
 *   after its day, and a restored database makes a new one at its first submission.
 * - Every CREATE TABLE is put before the first INSERT. The export writes each table and then its rows in the order
 *   the tables were created, and a table that a migration rebuilt (drizzle's copy-and-rename, e.g. `lists`) comes
 *   after the tables whose foreign keys name it: loading the file as exported stops at the first row of such a
 *   table with "no such table: main.lists". Indexes and triggers stay last, so no trigger fires while it loads.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export interface PreparedBackup {
  sql: string;
  saltRowsRemoved: number;
  tables: number;
}

export function prepareBackup(dump: string): PreparedBackup {
  const tables: string[] = [];
  const rest: string[] = [];
  let saltRowsRemoved = 0;
  const lines = dump.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (line.startsWith('CREATE TABLE')) {
      // A table's definition spans lines up to the one that ends the statement; a row is always one line.
      const statement = [line];
      while (!statement.at(-1)!.endsWith(';') && i + 1 < lines.length) statement.push(lines[++i]!);
      tables.push(statement.join('\n'));
    } else if (line.startsWith('INSERT INTO "daily_salts"')) saltRowsRemoved++;
    else rest.push(line);
  }
  // The export's PRAGMA (deferred foreign keys) stays first: the rows are checked against each other at the end.
  const head = rest[0]?.startsWith('PRAGMA') ? [rest.shift()!] : [];
  return { sql: [...head, ...tables, ...rest].join('\n'), saltRowsRemoved, tables: tables.length };
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const [input, output] = process.argv.slice(2);
  if (!input || !output) {
    console.error('usage: npx tsx scripts/backup-prepare.ts <export.sql> <backup.sql>');
    process.exit(2);
  }
  const prepared = prepareBackup(readFileSync(input, 'utf8'));
  writeFileSync(output, prepared.sql);
  console.log(`${output}: ${prepared.tables} tables first, ${prepared.saltRowsRemoved} salt row(s) left out`);
}
