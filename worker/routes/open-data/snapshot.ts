import { createRoute, type RouteHandler } from '@hono/zod-openapi';
import { config } from '../../config.ts';
import type { AppEnv } from '../../env.ts';
import { LICENCE_REF } from '../../open-data/licence.ts';
import { NoQuery, problemResponses } from '../../schemas/common.ts';
import { SnapshotSchema } from '../../schemas/open-data.ts';
import { currentSnapshot } from '../../services/snapshot.ts';
import { notModified } from './not-modified.ts';

export const snapshotRoute = createRoute({
  method: 'get',
  operationId: 'getSnapshot',
  path: '/downloads/',
  tags: ['Open data'],
  summary: 'A full snapshot of the public data, with checksums',
  description:
    'Every public table as CSV plus the data package, each with its size and SHA-256, at URLs that contain the snapshot id (data version, date and a content hash). A snapshot URL never serves other bytes; once the data has moved on, an earlier snapshot answers 410 with a link to the current one (the service keeps the current data only, not every version’s files).',
  request: { query: NoQuery },
  responses: {
    200: { description: 'The current snapshot.', content: { 'application/json': { schema: SnapshotSchema } } },
    ...problemResponses(400, 503),
  },
});

export const snapshotHandler: RouteHandler<typeof snapshotRoute, AppEnv> = async (c) => {
  const snapshot = await currentSnapshot(c.var.db, config(c.env).minSample);
  const base = `/downloads/${snapshot.id}`;
  c.header('Cache-Control', 'no-cache');
  c.header('ETag', `"${snapshot.id}"`);
  c.header('Access-Control-Allow-Origin', '*');
  if (notModified(c.req.header('If-None-Match'), `"${snapshot.id}"`)) return c.body(null, 304) as never;
  return c.json(
    {
      snapshot: snapshot.id,
      data_version: snapshot.dataVersion,
      date: snapshot.date,
      data_changed_at: snapshot.dataChangedAt,
      licence: LICENCE_REF,
      checksums: `${base}/SHA256SUMS`,
      files: snapshot.files.map((f) => ({
        name: f.name,
        url: `${base}/${f.name}`,
        media_type: f.mediaType,
        bytes: f.bytes.byteLength,
        sha256: f.sha256,
      })),
    },
    200,
  );
};
