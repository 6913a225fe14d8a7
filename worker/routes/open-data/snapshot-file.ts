import { createRoute, type RouteHandler, z } from '@hono/zod-openapi';
import { config } from '../../config.ts';
import type { AppEnv } from '../../env.ts';
import { AppError } from '../../errors.ts';
import { sha256Hex } from '../../lib/hash.ts';
import { NoQuery, problemResponses } from '../../schemas/common.ts';
import { SnapshotParams } from '../../schemas/open-data.ts';
import { checksums, currentSnapshot, SNAPSHOT_ID } from '../../services/snapshot.ts';
import { notModified } from './not-modified.ts';

export const snapshotFileRoute = createRoute({
  method: 'get',
  operationId: 'getSnapshotFile',
  path: '/downloads/{snapshot}/{file}',
  tags: ['Open data'],
  summary: 'One file of a snapshot',
  description:
    'The bytes of one file of the current snapshot, immutable: the ETag is its SHA-256. An earlier snapshot answers 410 with a `Link` to the current one.',
  request: { params: SnapshotParams, query: NoQuery },
  responses: {
    200: {
      description: 'The file.',
      headers: z.object({ ETag: z.string().openapi({ description: 'The SHA-256 of the bytes, quoted.' }) }),
      content: {
        'text/csv': { schema: z.string().openapi({ description: 'A table, UTF-8 with BOM.' }) },
        'application/json': {
          schema: z.string().openapi({
            description: 'The data package of the snapshot (resources point to the files beside it, with their sizes and hashes).',
          }),
        },
        'text/plain': { schema: z.string().openapi({ description: 'SHA256SUMS: one `<sha256>  <file>` line per file.' }) },
      },
    },
    ...problemResponses(400, 404, 410, 503),
  },
});

/** An id of a data version and a date not after the current one's: it may have been served, and is now gone. */
function couldHaveBeen(id: string, current: { dataVersion: string; date: string }): boolean {
  const [version, ymd] = id.split('-') as [string, string];
  return Number(version) <= Number(current.dataVersion) && ymd <= current.date.replaceAll('-', '');
}

async function textFile(text: string): Promise<{ bytes: Uint8Array; mediaType: string; sha256: string }> {
  return { bytes: new TextEncoder().encode(text), mediaType: 'text/plain; charset=utf-8', sha256: await sha256Hex(text) };
}

export const snapshotFileHandler: RouteHandler<typeof snapshotFileRoute, AppEnv> = async (c) => {
  const { snapshot: id, file } = c.req.valid('param');
  if (!SNAPSHOT_ID.test(id)) throw new AppError('not-found', `"${id}" is not a snapshot id. GET /downloads/ gives the current one.`);
  const snapshot = await currentSnapshot(c.var.db, config(c.env).minSample);
  if (id !== snapshot.id && !couldHaveBeen(id, snapshot))
    throw new AppError('not-found', `There never was a snapshot ${id}. The current snapshot is ${snapshot.id}: GET /downloads/.`);
  if (id !== snapshot.id) {
    throw new AppError(
      'snapshot-gone',
      `Snapshot ${id} is of an earlier version of the data, whose files are no longer kept. The current snapshot is ${snapshot.id}: GET /downloads/.`,
      {
        headers: { Link: `</downloads/${snapshot.id}/${encodeURIComponent(file)}>; rel="latest-version"` },
      },
    );
  }
  const body = file === 'SHA256SUMS' ? await textFile(checksums(snapshot)) : snapshot.files.find((f) => f.name === file);
  if (!body)
    throw new AppError(
      'not-found',
      `Snapshot ${id} has no file "${file}". Its files: ${snapshot.files.map((f) => f.name).join(', ')}, SHA256SUMS.`,
    );
  const etag = `"${body.sha256}"`;
  const headers = {
    ETag: etag,
    'Cache-Control': 'public, max-age=31536000, immutable',
    'Content-Type': body.mediaType,
    'Content-Disposition': `attachment; filename="${file}"`,
    'Access-Control-Allow-Origin': '*',
  };
  if (notModified(c.req.header('If-None-Match'), etag)) return c.body(null, 304, headers) as never;
  return c.body(c.req.method === 'HEAD' ? null : (body.bytes as never), 200, headers) as never;
};
