import type { Db } from '../db/client.ts';
import { getVersions } from '../db/queries/meta.ts';
import { memoised } from '../lib/memo.ts';
import { catalog } from '../open-data/catalog.ts';
import { dataPackage } from '../open-data/package.ts';
import { listLists } from './lists.ts';
import { iterateTowns } from './towns.ts';

/** The data package of the current data, its URLs starting at `origin` ('' for relative ones). */
export async function getDataPackage(db: Db, origin: string): Promise<Record<string, unknown>> {
  const versions = await getVersions(db);
  return dataPackage({ origin, dataVersion: versions.data_version ?? null, dataChangedAt: versions.data_changed_at ?? null });
}

/** The DCAT catalogue: its temporal coverage runs from the earliest notice to the latest. */
export async function getCatalog(db: Db, origin: string): Promise<Record<string, unknown>> {
  const [versions, lists] = await Promise.all([getVersions(db), listLists(db)]);
  // Dates as precise as their sources sort as text: '2016' < '2016-10-14' < '2017'.
  const dates = lists
    .map((l) => l.published_on)
    .filter((d): d is string => Boolean(d))
    .sort();
  return catalog({ origin, modified: versions.data_changed_at ?? null, temporal: { start: dates[0] ?? null, end: dates.at(-1) ?? null } });
}

/**
 * The isolate's copy of the site's paths, by the data version they were read at:
 * the sitemap is one cheap request for anyone, and reading every town for each
 * would make it an expensive one. A write changes the version, so the copy is never stale.
 */
const pathsMemo = memoised<string[]>();

async function readPaths(db: Db): Promise<string[]> {
  const lists = await listLists(db);
  const towns: string[] = [];
  for await (const page of await iterateTowns(db, { sort: 'id' })) towns.push(...page.map((t) => t.id));
  return [
    '/',
    '/lists',
    ...lists.map((l) => `/lists/${encodeURIComponent(l.id)}`),
    ...towns.map((id) => `/towns/${encodeURIComponent(id)}`),
    '/stats',
    '/survey',
    '/data',
    '/methodology',
    '/accessibility',
    '/docs',
  ];
}

/** Every page of the site worth indexing: the fixed pages, each list and each town. */
export async function sitePaths(db: Db): Promise<{ paths: string[]; lastModified: string | null }> {
  const versions = await getVersions(db);
  return { paths: await pathsMemo(versions.data_version ?? '', () => readPaths(db)), lastModified: versions.data_changed_at ?? null };
}
