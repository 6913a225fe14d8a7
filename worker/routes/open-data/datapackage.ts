import { createRoute, type RouteHandler } from '@hono/zod-openapi';
import { config } from '../../config.ts';
import type { AppEnv } from '../../env.ts';
import { linkOrigin } from '../../http/link-origin.ts';
import { NoQuery, problemResponses } from '../../schemas/common.ts';
import { DataPackageSchema } from '../../schemas/open-data.ts';
import { getDataPackage } from '../../services/open-data.ts';

export const dataPackageRoute = createRoute({
  method: 'get',
  operationId: 'getDataPackage',
  path: '/datapackage.json',
  tags: ['Open data'],
  summary: 'The data package: every CSV download described',
  description:
    'A Frictionless Tabular Data Package: every public CSV as a resource with its Table Schema (each column’s name, type, bilingual title and description, constraints, keys, and the separator of multi-valued cells), and the licence. Generated from the same definitions that write the CSVs.',
  request: { query: NoQuery },
  responses: {
    200: { description: 'The data package.', content: { 'application/json': { schema: DataPackageSchema } } },
    ...problemResponses(400, 503),
  },
});

export const dataPackageHandler: RouteHandler<typeof dataPackageRoute, AppEnv> = async (c) => {
  const descriptor = await getDataPackage(c.var.db, linkOrigin(c.req.url, config(c.env).publicOrigin));
  c.header('Access-Control-Allow-Origin', '*');
  return c.json(descriptor as never, 200);
};
