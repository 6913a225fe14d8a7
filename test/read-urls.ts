/**
 * The reads whose answers must not change when the way they are built changes (issue 15, one statement per read):
 * every town by id, pages of towns and stats for every list, every province of each list, every status and level,
 * dates, searches, division codes, sort orders, and the refusals (unknown list, bad cursor, missing town).
 * `test/api/read-snapshots.test.ts` compares each answer with the one recorded from the implementation before
 * (`test/fixtures/read-snapshots.json`); pages after the first are reached by following `next_cursor`.
 */
import { STATUSES } from '../worker/lib/statuses.ts';
import { LEVELS } from '../worker/schemas/lists.ts';

export interface ReadData {
  towns: string[];
  lists: string[];
  /** Each list with the provinces of its towns. */
  listProvinces: [string, string][];
}

/** The SQL that gives `ReadData` from the loaded database (the test's D1 and the local server's are the same). */
export const READ_DATA_SQL = {
  towns: 'SELECT id FROM towns ORDER BY id',
  lists: 'SELECT id FROM lists ORDER BY position',
  listProvinces: 'SELECT DISTINCT m.list_id AS list, t.province AS province FROM memberships m JOIN towns t ON t.id = m.town_id ORDER BY m.list_id, t.province',
};

const e = encodeURIComponent;
const DATES = ['2016-01-01', '2017-06-30', '2019-01-01', '2030-01-01'];
const SEARCHES = ['changgou', '长沟', 'cgz', 'zhen', ' chang gou ', 'ｃｈａｎｇｇｏｕ', '%', 'a_b', '\\', 'x'.repeat(50)];
const DIVISIONS = ['11', '33', '3301', '110111', '110111108', '99'];

export type ReadGroup = 'towns by id' | 'stats' | 'pages' | 'refusals';

/** Paths of reads by group; `pages` are followed through `next_cursor`, page by page. */
export function readPaths(data: ReadData): Record<ReadGroup, string[]> {
  const byId: string[] = [];
  const single: string[] = [];
  const paged: string[] = [];
  for (const id of data.towns) byId.push(`/api/v1/towns/${e(id)}`);
  byId.push('/api/v1/towns/beijing-nowhere', `/api/v1/towns/${e('北京')}`, `/api/v1/towns/${e("x' OR 1=1 --")}`);

  const towns = (q: string) => `/api/v1/towns${q ? `?${q}` : ''}`;
  const stats = (q: string) => `/api/v1/stats${q ? `?${q}` : ''}`;
  const filters: string[] = [''];
  for (const list of data.lists) filters.push(`list=${e(list)}`);
  for (const [list, province] of data.listProvinces) filters.push(`list=${e(list)}&province=${e(province)}`);
  for (const status of STATUSES) filters.push(`status=${status}`, `status=${status}&as_of=2019-01-01`);
  for (const level of LEVELS) filters.push(`level=${level}`);
  for (const date of DATES) filters.push(`as_of=${date}`, `as_of=${date}&list=mohurd-2016-batch1`, `as_of=${date}&status=eliminated`);
  for (const q of SEARCHES) filters.push(`q=${e(q)}`);
  for (const code of DIVISIONS) filters.push(`division_code=${code}`);
  filters.push(
    `province=${e('浙江省')}`, `city=${e('承德市')}`, `county=${e('房山区')}`, `province=${e('浙江省')}&level=provincial&status=named`,
    `list=mohurd-2017-batch2&status=approved&as_of=2018-01-01`, `q=zhen&province=${e('浙江省')}&as_of=2019-01-01`, `division_code=33&list=mohurd-2016-batch1`,
    // Empty values filter nothing (an empty list is refused), and a search of spaces only finds every town.
    'province=', `city=&county=&province=${e('浙江省')}`, 'list=', 'q=%20%20', 'as_of=&status=',
  );
  // First, so that a sample of the pages starts with a cursor of `sort=name` (sent again with another sort).
  for (const sort of ['name', '-name', 'province', 'id']) {
    paged.push(towns(`sort=${sort}&limit=97`), towns(`sort=${sort}&limit=3&list=mohurd-2016-batch1&province=${e('浙江省')}`), towns(`sort=${sort}&limit=500&as_of=2017-06-30`));
  }
  for (const f of filters) {
    paged.push(towns(f));
    for (const group of ['province', 'status', 'list', 'level']) single.push(stats(`${f}${f ? '&' : ''}group_by=${group}`));
  }
  single.push(stats(''));
  paged.push(towns('limit=1&q=changgou'), towns('limit=5&q=zhen'), towns(`limit=7&status=eliminated&as_of=2030-01-01`));
  // Refusals: each must stay the same problem.
  const refusals = [
    towns('list=no-such-list'), stats('list=no-such-list'), towns('cursor=bm90LWEtY3Vyc29y'), towns('cursor=bm90LWEtY3Vyc29y&list=no-such-list'),
    towns('limit=0'), towns('limit=501'), towns('sort=bogus'), stats('group_by=bogus'), towns('as_of=2019-02-30'), towns('division_code=123'),
    towns(`q=${'x'.repeat(51)}`), towns('bogus=1'),
  ];
  return { 'towns by id': byId, stats: single, pages: paged, refusals };
}

/** A read's answer as compared: its status and its JSON (parsed and written again, so key order and types count, not spacing). */
async function fingerprint(status: number, body: string): Promise<string> {
  const canonical = `${status} ${JSON.stringify(JSON.parse(body))}`;
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(canonical));
  return [...new Uint8Array(digest).slice(0, 8)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

/**
 * Every read of `readPaths` made through `fetch`, each answer's fingerprint by a key: the path, or for pages after
 * the first the first page's path and the page's number. Also a cursor sent with another sort order (a refusal).
 */
export async function fingerprints(
  data: ReadData,
  fetch: (path: string) => Promise<{ status: number; body: string }>,
  groups: ReadGroup[] = ['towns by id', 'stats', 'pages', 'refusals'],
  /** Every `every`-th read of the groups only (pages after a first one taken are all followed). */
  every = 1,
): Promise<Record<string, string>> {
  const paths = readPaths(data);
  const sampled = (list: string[]) => list.filter((_, i) => i % every === 0);
  const single = sampled(groups.filter((g) => g !== 'pages').flatMap((g) => paths[g]));
  const paged = groups.includes('pages') ? sampled(paths.pages) : [];
  const out: Record<string, string> = {};
  const record = async (key: string, path: string) => {
    const { status, body } = await fetch(path);
    out[key] = await fingerprint(status, body);
    return status === 200 ? (JSON.parse(body) as { next_cursor?: string | null }) : {};
  };
  for (const path of single) await record(path, path);
  let crossSort: string | undefined;
  for (const path of paged) {
    let next = (await record(path, path)).next_cursor;
    crossSort ??= path.includes('sort=name&') ? (next ?? undefined) : undefined;
    for (let page = 1; next; page += 1) next = (await record(`${path} #${page}`, `${path}${path.includes('?') ? '&' : '?'}cursor=${next}`)).next_cursor;
  }
  if (crossSort) await record('cursor of another sort', `/api/v1/towns?sort=province&limit=97&cursor=${crossSort}`);
  return out;
}
