import { createRoute, type RouteHandler, z } from '@hono/zod-openapi';
import type { AppEnv } from '../../env.ts';
import { sitemapXml } from '../../open-data/sitemap.ts';
import { NoQuery, problemResponses } from '../../schemas/common.ts';
import { sitePaths } from '../../services/open-data.ts';
import { originFor } from './absolute-origin.ts';

export const sitemapRoute = createRoute({
  method: 'get',
  operationId: 'getSitemap',
  path: '/sitemap.xml',
  tags: ['Open data'],
  summary: 'The sitemap of the web site',
  description:
    'Every page worth indexing (each list and town, the statistics, the questionnaires, the data, methodology and API pages) in the Sitemaps 0.9 format, with its English alternate.',
  request: { query: NoQuery },
  responses: {
    200: {
      description: 'The sitemap.',
      content: {
        'application/xml': {
          schema: z.string().openapi({ description: 'Sitemaps 0.9 XML.', example: '<?xml version="1.0" encoding="UTF-8"?><urlset …/>' }),
        },
      },
    },
    ...problemResponses(400, 503),
  },
});

export const sitemapHandler: RouteHandler<typeof sitemapRoute, AppEnv> = async (c) => {
  const { origin, cacheControl } = originFor(c);
  const { paths, lastModified } = await sitePaths(c.var.db);
  return c.body(sitemapXml(origin, paths, lastModified), 200, {
    'Content-Type': 'application/xml; charset=utf-8',
    'Cache-Control': cacheControl,
  });
};
