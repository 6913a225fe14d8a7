import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { readDivisionTables } from './division-tables.ts';
import type { DataFiles, EventFilesConfig, Row } from './types.ts';

/** Files in data/ that describe the lists rather than being lists themselves. */
const CONFIG_FILES = new Set(['lists.csv', 'provinces.csv', 'status-vocabulary.csv', 'official-province-counts.csv', 'town-aliases.csv']);

function readCsv(path: string): Row[] {
  return parse(readFileSync(path, 'utf8'), { columns: true, bom: true, skip_empty_lines: true, trim: true }) as Row[];
}

/**
 * Reads every file of the data directory. New CSV files and new rows are
 * picked up as they are; what they mean is decided in build-dataset.ts.
 */
export function readDataFiles(dir: string): DataFiles {
  const csv: Record<string, Row[]> = {};
  for (const name of readdirSync(dir).sort()) {
    if (name.endsWith('.csv') && !CONFIG_FILES.has(name)) csv[name] = readCsv(join(dir, name));
  }
  return {
    lists: readCsv(join(dir, 'lists.csv')),
    provinces: readCsv(join(dir, 'provinces.csv')),
    vocabulary: readCsv(join(dir, 'status-vocabulary.csv')),
    provinceCounts: readCsv(join(dir, 'official-province-counts.csv')),
    aliases: readCsv(join(dir, 'town-aliases.csv')),
    eventFiles: JSON.parse(readFileSync(join(dir, 'event-files.json'), 'utf8')) as EventFilesConfig,
    csv,
    surveys: readdirSync(join(dir, 'surveys'))
      .filter((name) => name.endsWith('.json'))
      .sort()
      .map((name) => JSON.parse(readFileSync(join(dir, 'surveys', name), 'utf8')) as unknown),
    waves: readCsv(join(dir, 'surveys', 'waves.csv')),
    // Optional, so that a copy of data/ from before division codes still loads.
    reviewedDivisions: existsSync(join(dir, 'divisions', 'reviewed-matches.csv'))
      ? readCsv(join(dir, 'divisions', 'reviewed-matches.csv'))
      : [],
    divisions: readDivisionTables(),
  };
}
