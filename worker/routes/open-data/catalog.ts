import { createRoute, type RouteHandler } from '@hono/zod-openapi';
import { config } from '../../config.ts';
import type { AppEnv } from '../../env.ts';
import { linkOrigin } from '../../http/link-origin.ts';
import { NoQuery, problemResponses } from '../../schemas/common.ts';
import { CatalogSchema } from '../../schemas/open-data.ts';
import { getCatalog } from '../../services/open-data.ts';

export const catalogRoute = createRoute({
  method: 'get',
  operationId: 'getCatalog',
  path: '/catalog.jsonld',
  tags: ['Open data'],
  summary: 'The catalogue of datasets (DCAT-AP, JSON-LD)',
  description:
    'Every dataset of the service in DCAT 3 / DCAT-AP 3 as JSON-LD, for data portals to harvest: publisher, licence, temporal and spatial coverage, when the data last changed, keywords in Chinese and English, and the distributions (CSV, NDJSON, JSON API, data package).',
  request: { query: NoQuery },
  responses: {
    200: { description: 'The catalogue.', content: { 'application/ld+json': { schema: CatalogSchema } } },
    ...problemResponses(400, 503),
  },
});

export const catalogHandler: RouteHandler<typeof catalogRoute, AppEnv> = async (c) => {
  const body = await getCatalog(c.var.db, linkOrigin(c.req.url, config(c.env).publicOrigin));
  return c.body(JSON.stringify(body), 200, {
    'Content-Type': 'application/ld+json; charset=utf-8',
    'Access-Control-Allow-Origin': '*',
  }) as never;
};
