/**
 * How grouped satisfaction results group the towns (`group_by`); `all` is one group of every matching town.
 * Domain vocabulary lives in lib/ beside statuses.ts: the query (db/queries/rollups.ts), the service and the
 * contract (schemas/satisfaction.ts) all take this one tuple.
 */
export const RESULT_GROUPS = ['all', 'province', 'list', 'status'] as const;
export type ResultsGroup = (typeof RESULT_GROUPS)[number];
