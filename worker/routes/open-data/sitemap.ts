import { createRoute, z, type RouteHandler } from '@hono/zod-openapi';
import type { Context } from 'hono';
import type { AppEnv } from '../../env.ts';
import { config } from '../../config.ts';
import { robotsTxt, sitemapXml } from '../../open-data/sitemap.ts';
import { sitePaths } from '../../services/open-data.ts';
import { NoQuery, problemResponses } from '../../schemas/common.ts';
import { feedOrigin } from '../changes/feed-origin.ts';

/**
 * Sitemaps and robots.txt need absolute URLs. The configured PUBLIC_ORIGIN
 * (or a developer's localhost) gives them; without one, the request's own
 * origin does, and the answer is then kept by no cache, so that a request
 * naming another Host can only ever mislead itself.
 */
function originFor(c: Context<AppEnv>): { origin: string; cacheControl: string } {
  const configured = feedOrigin(c.req.url, config(c.env).publicOrigin);
  return configured ? { origin: configured, cacheControl: 'public, max-age=3600' } : { origin: new URL(c.req.url).origin, cacheControl: 'no-store' };
}

export const sitemapRoute = createRoute({
  method: 'get',
  operationId: 'getSitemap',
  path: '/sitemap.xml',
  tags: ['Open data'],
  summary: 'The sitemap of the web site',
  description: 'Every page worth indexing (each list and town, the statistics, the questionnaires, the data, methodology and API pages) in the Sitemaps 0.9 format, with its English alternate.',
  request: { query: NoQuery },
  responses: {
    200: { description: 'The sitemap.', content: { 'application/xml': { schema: z.string().openapi({ description: 'Sitemaps 0.9 XML.', example: '<?xml version="1.0" encoding="UTF-8"?><urlset …/>' }) } } },
    ...problemResponses(400, 503),
  },
});

export const sitemapHandler: RouteHandler<typeof sitemapRoute, AppEnv> = async (c) => {
  const { origin, cacheControl } = originFor(c);
  const { paths, lastModified } = await sitePaths(c.var.db);
  return c.body(sitemapXml(origin, paths, lastModified), 200, { 'Content-Type': 'application/xml; charset=utf-8', 'Cache-Control': cacheControl }) as never;
};

export const robotsRoute = createRoute({
  method: 'get',
  operationId: 'getRobots',
  path: '/robots.txt',
  tags: ['Open data'],
  summary: 'What crawlers may visit',
  description: 'Everything public; not the admin API. Names the sitemap.',
  request: { query: NoQuery },
  responses: {
    200: { description: 'robots.txt.', content: { 'text/plain': { schema: z.string().openapi({ description: 'The Robots Exclusion Protocol (RFC 9309).', example: 'User-agent: *\nAllow: /' }) } } },
    ...problemResponses(400),
  },
});

export const robotsHandler: RouteHandler<typeof robotsRoute, AppEnv> = (c) => {
  const { origin, cacheControl } = originFor(c);
  return c.body(robotsTxt(origin), 200, { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': cacheControl }) as never;
};
