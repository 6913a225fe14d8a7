import { createRoute, type RouteHandler } from '@hono/zod-openapi';
import type { AppEnv } from '../../env.ts';
import { csvColumns } from '../../open-data/table.ts';
import { MEMBERSHIPS_TABLE } from '../../open-data/tables/memberships.ts';
import { problemResponses } from '../../schemas/common.ts';
import { MembershipPageSchema, MembershipsQuery } from '../../schemas/towns.ts';
import { listMemberships } from '../../services/towns.ts';
import { answerCollection, collectionResponse, wholePage } from '../collection.ts';

const MEMBERSHIP_CSV = csvColumns(MEMBERSHIPS_TABLE);

export const listMembershipsRoute = createRoute({
  method: 'get',
  operationId: 'listMemberships',
  path: '/api/v1/memberships',
  tags: ['Towns'],
  summary: 'Towns on lists, one row each (long form)',
  description:
    'Every town on every list with its current status there (on the `as_of` date when given): the `memberships` of /api/v1/towns as one row per town and list, which is how analysts join towns with lists. Takes the filters of /api/v1/towns; `list`, `status` and `level` also choose the rows. All rows in one page.',
  request: { query: MembershipsQuery },
  responses: { 200: collectionResponse(MembershipPageSchema, 'Every matching row.'), ...problemResponses(400, 503) },
});

export const listMembershipsHandler: RouteHandler<typeof listMembershipsRoute, AppEnv> = async (c) => {
  const { format, ...query } = c.req.valid('query');
  const items = await listMemberships(c.var.db, query);
  return answerCollection(c, listMembershipsRoute, {
    format,
    rows: () => items,
    columns: MEMBERSHIP_CSV,
    filename: 'memberships',
    json: () => c.json(wholePage(items), 200),
  });
};
