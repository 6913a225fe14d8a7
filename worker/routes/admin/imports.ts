import { createRoute, type RouteHandler, z } from '@hono/zod-openapi';
import type { AppEnv } from '../../env.ts';
import { AppError } from '../../errors.ts';
import { ImportHeaders, ImportQuery, ImportReportSchema } from '../../schemas/admin.ts';
import { problemResponse, problemResponses } from '../../schemas/common.ts';
import { writeContext } from '../../services/admin/audit.ts';
import { importNotice, MAX_IMPORT_ROWS, OPTIONAL_COLUMNS, REQUIRED_COLUMNS } from '../../services/admin/import.ts';

export const IMPORT_MAX_BYTES = 2 * 1024 * 1024;

export const importRoute = createRoute({
  method: 'post',
  operationId: 'importNotice',
  path: '/api/v1/admin/imports',
  tags: ['Admin'],
  summary: 'Import a published notice (admin)',
  description: [
    `Records the rows of a notice in one step. The body is CSV (UTF-8, header row, at most ${MAX_IMPORT_ROWS} rows) with the columns ${REQUIRED_COLUMNS.map((c) => `\`${c}\``).join(', ')} and optionally ${OPTIONAL_COLUMNS.map((c) => `\`${c}\``).join(', ')}.`,
    "`town` is a town id or a name (add `province` when a name is shared); `list` a list id; `status` a status code; `document` a source id or document number; `effective_date` may be left empty to use the document's date.",
    "With `dry_run=true` nothing is written and the report lists every problem: unknown towns (with close matches), unknown lists or documents, duplicate rows, events already recorded, towns not on the list, impossible transitions. Without it the import is all or nothing: one D1 transaction writes every event, the memberships new entries create, their audit entries and the lists' counts; with any problem nothing is written (422).",
  ].join('\n\n'),
  security: [{ bearer: [] }],
  request: {
    query: ImportQuery,
    headers: ImportHeaders,
    body: {
      required: true,
      content: {
        'text/csv': {
          schema: z.string().openapi({
            example: 'town,list,status,effective_date,document\n新镇,zhejiang-2024-named,retained,2025-03-01,浙特镇办〔2024〕5号\n',
          }),
        },
      },
    },
  },
  responses: {
    200: { description: 'Dry run: the report; nothing written.', content: { 'application/json': { schema: ImportReportSchema } } },
    201: {
      description:
        'Imported: what was written (or, for a repeated Idempotency-Key, what the first request wrote: then `Idempotent-Replayed: true`).',
      content: { 'application/json': { schema: ImportReportSchema } },
    },
    ...problemResponses(400, 401, 403, 503),
    413: problemResponse('The file is larger than 2 MB.'),
    415: problemResponse('The body is not text/csv.'),
    422: problemResponse(
      'The import has problems (errors[] lists them by row), or the Idempotency-Key was used for another file; nothing was written.',
    ),
  },
});

export const importHandler: RouteHandler<typeof importRoute, AppEnv> = async (c) => {
  const type = c.req.header('Content-Type') ?? '';
  if (!/^text\/csv\b/i.test(type)) throw new AppError('unsupported-media-type', 'Send the notice as text/csv (UTF-8).');
  const dryRun = c.req.valid('query').dry_run === 'true';
  const { report, replayed } = await importNotice(
    c.var.db,
    writeContext(c.var.actor),
    await c.req.text(),
    dryRun,
    c.req.valid('header')['idempotency-key'],
  );
  if (replayed) c.header('Idempotent-Replayed', 'true');
  return dryRun ? c.json(report, 200) : c.json(report, 201);
};
