import type { Db } from '../worker/db/client.ts';
import { isStatus, type Status } from '../worker/lib/statuses.ts';
import type { List } from '../worker/services/lists.ts';
import { getStats, type Stats } from '../worker/services/stats.ts';

/** What the province map of the home and statistics pages shows: the list and status chosen, and the counts. */
export interface ProvinceMapData {
  lists: List[];
  /** A list of the data, or null for all lists. */
  list: string | null;
  status: Status | null;
  /** Values of `list` and `status` that name nothing: ignored, and said so on the page. */
  ignored: { list?: string; status?: string };
  byProvince: Stats;
}

/** Long enough for any list id; a hostile value is cut before it is echoed in the page's message. */
const ECHO_LIMIT = 80;

/**
 * Reads the map's `list` and `status` query parameters. An unknown list or status is ignored with a message
 * rather than refused: the map is one part of a page that has other things to show.
 */
export async function provinceMapData(db: Db, lists: List[], query: { list?: string; status?: string }): Promise<ProvinceMapData> {
  const ignored: ProvinceMapData['ignored'] = {};
  const rawList = query.list?.trim() ?? '';
  const rawStatus = query.status?.trim() ?? '';
  const list = lists.some((l) => l.id === rawList) ? rawList : null;
  const status = isStatus(rawStatus) ? rawStatus : null;
  if (rawList && !list) ignored.list = rawList.slice(0, ECHO_LIMIT);
  if (rawStatus && !status) ignored.status = rawStatus.slice(0, ECHO_LIMIT);
  const byProvince = await getStats(db, { group_by: 'province', list: list ?? undefined, status: status ?? undefined });
  return { lists, list, status, ignored, byProvince };
}

/** The page that lists the towns a tile counts: the list's own page when one list is chosen, else the towns page. */
export function provinceHref(data: Pick<ProvinceMapData, 'list' | 'status'>, province: string): string {
  const params = new URLSearchParams({ province });
  if (data.status) params.set('status', data.status);
  return data.list ? `/lists/${encodeURIComponent(data.list)}?${params}` : `/towns?${params}`;
}
