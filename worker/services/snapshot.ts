import type { Db } from '../db/client.ts';
import { getVersions } from '../db/queries/meta.ts';
import { AppError } from '../errors.ts';
import { beijingDate } from '../lib/beijing-date.ts';
import { hashHex, toHex } from '../lib/hash.ts';
import { memoised } from '../lib/memo.ts';
import { csvText } from '../open-data/csv-text.ts';
import { dataPackage } from '../open-data/package.ts';
import type { Table } from '../open-data/table.ts';
import { LISTS_TABLE } from '../open-data/tables/lists.ts';
import { MEMBERSHIPS_TABLE } from '../open-data/tables/memberships.ts';
import { REPORTED_FIGURES_TABLE } from '../open-data/tables/reported-figures.ts';
import { resultRows, SATISFACTION_RESULTS_TABLE } from '../open-data/tables/satisfaction-results.ts';
import { SOURCES_TABLE } from '../open-data/tables/sources.ts';
import { STATUS_EVENTS_TABLE } from '../open-data/tables/status-events.ts';
import { TOWNS_TABLE } from '../open-data/tables/towns.ts';
import { listLists } from './lists.ts';
import { listFigures, listSources } from './sources.ts';
import { groupedSatisfaction } from './surveys/results.ts';
import { iterateTowns, listMemberships, listStatusEvents, type TownSummary } from './towns.ts';

export interface SnapshotFile {
  name: string;
  mediaType: string;
  bytes: Uint8Array;
  sha256: string;
}

export interface Snapshot {
  /** `{data version}-{Beijing date}-{content hash}`: the same id is always the same bytes. */
  id: string;
  dataVersion: string;
  /** The Beijing date the statuses are for (a scheduled status takes effect on its day without a write). */
  date: string;
  /** When the data last changed (UTC). */
  dataChangedAt: string | null;
  files: SnapshotFile[];
}

/** A snapshot id: the data version, the date and a content hash. Anything else is not one. */
export const SNAPSHOT_ID = /^[0-9]+-[0-9]{8}-[0-9a-f]{12}$/;

const encoder = new TextEncoder();

async function file(name: string, mediaType: string, text: string): Promise<SnapshotFile> {
  const bytes = encoder.encode(text);
  return { name, mediaType, bytes, sha256: toHex(await crypto.subtle.digest('SHA-256', bytes)) };
}

async function allTowns(db: Db): Promise<TownSummary[]> {
  const towns: TownSummary[] = [];
  for await (const page of await iterateTowns(db, { sort: 'id' })) towns.push(...page);
  return towns;
}

const CSV_TYPE = 'text/csv; charset=utf-8; header=present';

/** The tables made of the lists' data alone, in the order of the data package. */
async function dataCsvs(db: Db, date: string): Promise<SnapshotFile[]> {
  const [sources, lists, towns, memberships, events, figures] = await Promise.all([
    listSources(db),
    listLists(db),
    allTowns(db),
    listMemberships(db, {}),
    listStatusEvents(db, date),
    listFigures(db),
  ]);
  const tables = [
    [SOURCES_TABLE, sources],
    [LISTS_TABLE, lists],
    [TOWNS_TABLE, towns],
    [MEMBERSHIPS_TABLE, memberships],
    [STATUS_EVENTS_TABLE, events],
    [REPORTED_FIGURES_TABLE, figures],
  ] as [Table<never>, unknown[]][];
  return Promise.all(tables.map(([table, rows]) => file(`${table.name}.csv`, CSV_TYPE, csvText(table, rows as never[]))));
}

/** The satisfaction results: the one table a survey answer changes. */
async function resultsCsv(db: Db, minSample: number): Promise<SnapshotFile> {
  const satisfaction = await groupedSatisfaction(db, {}, 'province', minSample);
  const rows = satisfaction.groups.flatMap((g) => resultRows(g.key, g.surveys));
  return file(`${SATISFACTION_RESULTS_TABLE.name}.csv`, CSV_TYPE, csvText(SATISFACTION_RESULTS_TABLE, rows));
}

// Every survey answer moves the results version; only the results table is made again for it, not every table.
const dataMemo = memoised<SnapshotFile[]>();
const resultsMemo = memoised<SnapshotFile>();

/** Every public table as CSV, the data package that describes them (with each file's size and hash), and SHA256SUMS. */
async function build(
  db: Db,
  minSample: number,
  date: string,
  versions: { data: string; results: string },
  dataChangedAt: string | null,
): Promise<Snapshot> {
  const dataVersion = versions.data;
  const [data, results] = await Promise.all([
    dataMemo(`${dataVersion}|${date}`, () => dataCsvs(db, date)),
    // Results are grouped by the towns' provinces: they depend on the data version too.
    resultsMemo(`${dataVersion}|${versions.results}|${minSample}`, () => resultsCsv(db, minSample)),
  ]);
  const csvs = [...data, results];
  const pkg = dataPackage({ origin: '', dataVersion, dataChangedAt, pathOf: (table) => `${table.name}.csv` }) as {
    resources: Record<string, unknown>[];
  };
  // Each resource says its size and hash, so that a copy of the package can be checked without this service.
  for (const [i, resource] of pkg.resources.entries())
    Object.assign(resource, { bytes: csvs[i]!.bytes.byteLength, hash: `sha256:${csvs[i]!.sha256}` });
  const files = [...csvs, await file('datapackage.json', 'application/json; charset=utf-8', `${JSON.stringify(pkg, null, 2)}\n`)];
  const id = `${dataVersion}-${date.replaceAll('-', '')}-${hashHex(files.map((f) => f.sha256).join(' '), 12)}`;
  return { id, dataVersion, date, dataChangedAt, files };
}

/** The isolate's copy of the current snapshot, by what it was built from. */
const snapshotMemo = memoised<Snapshot>();

/**
 * The snapshot of the public data as it stands now. Built from D1 only when
 * the data, the results or the date moved since the isolate last built one;
 * if the lists change while it is being built, it is built again, so a
 * snapshot never mixes two versions of the lists.
 */
export async function currentSnapshot(db: Db, minSample: number): Promise<Snapshot> {
  for (let attempt = 1; ; attempt++) {
    const before = await getVersions(db);
    const date = beijingDate();
    const key = `${before.data_version}|${before.results_version}|${date}|${minSample}`;
    const snapshot = await snapshotMemo(key, () =>
      build(
        db,
        minSample,
        date,
        { data: before.data_version ?? '0', results: before.results_version ?? '0' },
        before.data_changed_at ?? null,
      ),
    );
    // Only a change of the lists can tear the tables apart (a town without its list, an event without its town).
    // A survey answer landing meanwhile is not waited for: the results table is read as /api/v1/satisfaction reads
    // it, and on a busy survey (an answer every few milliseconds) waiting for a quiet moment would refuse every download.
    const after = await getVersions(db);
    if (after.data_version === before.data_version) return snapshot;
    if (attempt === 3)
      throw new AppError('service-unavailable', 'The data is changing faster than a snapshot can be taken; retry shortly.', {
        headers: { 'Retry-After': '5' },
      });
  }
}

/** SHA256SUMS in the format `sha256sum -c` reads. */
export function checksums(snapshot: Snapshot): string {
  return snapshot.files.map((f) => `${f.sha256}  ${f.name}\n`).join('');
}
