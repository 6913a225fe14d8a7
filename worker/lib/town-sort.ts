/**
 * The orders of a page of towns (`sort`): `name` and `-name` by pinyin, `province` then pinyin, `id`.
 * Domain vocabulary lives in lib/ beside statuses.ts: the query (db/queries/towns.ts), the service and the
 * contract (schemas/towns.ts) all take this one tuple, so none imports another layer for it.
 */
export const TOWN_SORTS = ['name', '-name', 'province', 'id'] as const;
export type TownSort = (typeof TOWN_SORTS)[number];
