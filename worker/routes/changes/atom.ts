import { createRoute, z, type RouteHandler } from '@hono/zod-openapi';
import type { AppEnv } from '../../env.ts';
import { config } from '../../config.ts';
import { latestFeedEntries } from '../../services/atom-feed.ts';
import { xmlText as xml } from '../../lib/xml.ts';
import { problemResponses } from '../../schemas/common.ts';
import { linkOrigin } from '../../http/link-origin.ts';

export const atomRoute = createRoute({
  method: 'get',
  operationId: 'getChangesFeed',
  path: '/feeds/changes.atom',
  tags: ['Changes'],
  summary: 'Atom feed of list changes',
  description: 'The latest 50 status events and list changes, in Chinese, for feed readers. Programs should follow `/api/v1/changes` instead.',
  responses: {
    200: { description: 'An Atom 1.0 feed.', content: { 'application/atom+xml': { schema: z.string().openapi({ description: 'Atom XML.' }) } } },
    ...problemResponses(503),
  },
});

export const atomHandler: RouteHandler<typeof atomRoute, AppEnv> = async (c) => {
  const origin = linkOrigin(c.req.url, config(c.env).publicOrigin);
  const { updated, entries } = await latestFeedEntries(c.var.db, origin);
  const body = [
    '<?xml version="1.0" encoding="utf-8"?>',
    '<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="zh-CN">',
    `<id>urn:tesexiaozhen:changes</id>`,
    '<title>特色小镇名单变更 · Characteristic town list changes</title>',
    `<updated>${xml(updated ?? '1970-01-01T00:00:00.000Z')}</updated>`,
    `<link rel="self" href="${xml(`${origin}/feeds/changes.atom`)}"/>`,
    `<link rel="alternate" href="${xml(`${origin}/`)}"/>`,
    '<author><name>特色小镇开放数据 tesexiaozhen open data</name></author>',
    ...entries.map((e) =>
      [
        '<entry>',
        `<id>${xml(e.id)}</id>`,
        `<title>${xml(e.title)}</title>`,
        `<updated>${xml(e.updated)}</updated>`,
        `<link href="${xml(e.link)}"/>`,
        `<summary>${xml(e.summary)}</summary>`,
        '</entry>',
      ].join(''),
    ),
    '</feed>',
  ].join('\n');
  return c.body(body, 200, { 'Content-Type': 'application/atom+xml; charset=utf-8' }) as never;
};
