/**
 * What /stats counts by (`group_by`). Domain vocabulary lives in lib/ beside statuses.ts: the query
 * (db/queries/stats.ts), the service and the contract (schemas/stats.ts) all take this one tuple.
 */
export const STATS_GROUPS = ['province', 'status', 'list', 'level'] as const;
export type StatsGroup = (typeof STATS_GROUPS)[number];
