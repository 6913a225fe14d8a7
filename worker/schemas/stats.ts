import { z } from '@hono/zod-openapi';
import { STATS_GROUPS } from '../lib/stats-group.ts';
import { FormatParam } from './common.ts';
import { TownFilterQuery } from './towns.ts';

export const StatsQuery = TownFilterQuery.extend({
  group_by: z.enum(STATS_GROUPS).default('province').openapi({ description: 'What to count by.', example: 'province' }),
  format: FormatParam,
}).strict();

export const StatsGroupSchema = z
  .object({
    key: z.string().openapi({ description: 'The province, status, list id or level.', example: '北京市' }),
    label: z.string().nullable().openapi({ description: 'Name of the list when grouping by list.', example: null }),
    towns: z.number().int().openapi({ description: 'Distinct towns in the group.', example: 3 }),
    memberships: z.number().int().openapi({ description: 'Town–list pairs in the group (a town on two lists counts twice).', example: 3 }),
    official_count: z.number().int().nullable().openapi({
      description:
        'The official number for this group, where a notice gives one: per list when grouping by list, per province when grouping by province with a `list` filter.',
      example: 3,
    }),
    missing: z
      .number()
      .int()
      .nullable()
      .openapi({ description: '`official_count - memberships`, when the official count is known.', example: 0 }),
  })
  .openapi('StatsGroup');

export const StatsSchema = z
  .object({
    group_by: z.enum(STATS_GROUPS).openapi({ example: 'province', description: 'What was counted by.' }),
    as_of: z.string().nullable().openapi({ format: 'date', example: null, description: 'The as_of date applied (YYYY-MM-DD), if any.' }),
    total_towns: z.number().int().openapi({ example: 122, description: 'Distinct towns matching the filters.' }),
    total_memberships: z.number().int().openapi({ example: 122, description: 'Town–list pairs matching the filters.' }),
    groups: z
      .array(StatsGroupSchema)
      .openapi({ description: 'One entry per group, largest first; groups the notice names but we hold no row of come last with 0.' }),
  })
  .openapi('Stats');
