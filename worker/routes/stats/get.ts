import { createRoute, type RouteHandler } from '@hono/zod-openapi';
import type { AppEnv } from '../../env.ts';
import type { CsvColumn } from '../../lib/csv.ts';
import { problemResponses } from '../../schemas/common.ts';
import { StatsQuery, StatsSchema } from '../../schemas/stats.ts';
import { getStats, type Stats } from '../../services/stats.ts';
import { answerCollection, collectionResponse } from '../collection.ts';

const GROUP_CSV: CsvColumn<Stats['groups'][number]>[] = [
  ['key', (g) => g.key],
  ['label', (g) => g.label],
  ['towns', (g) => g.towns],
  ['memberships', (g) => g.memberships],
  ['official_count', (g) => g.official_count],
  ['missing', (g) => g.missing],
];

export const statsRoute = createRoute({
  method: 'get',
  operationId: 'getStats',
  path: '/api/v1/stats',
  tags: ['Statistics'],
  summary: 'Counts by province, status, list or level',
  description:
    'Counts of towns and town–list pairs, with the filters of /api/v1/towns (including `as_of`). Where a notice states a number (per list; per province with a `list` filter) it is given beside our count, with the gap, as long as the filters cover the whole list.',
  request: { query: StatsQuery },
  responses: { 200: collectionResponse(StatsSchema, 'The counts; as CSV or NDJSON, one row per group.'), ...problemResponses(400, 503) },
});

export const statsHandler: RouteHandler<typeof statsRoute, AppEnv> = async (c) => {
  const query = c.req.valid('query');
  const stats = await getStats(c.var.db, query);
  return answerCollection(c, statsRoute, {
    format: query.format,
    rows: () => stats.groups,
    columns: GROUP_CSV,
    filename: `stats-${query.group_by}`,
    json: () => c.json(stats, 200),
  });
};
