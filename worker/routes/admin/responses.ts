import { createRoute, type RouteHandler, z } from '@hono/zod-openapi';
import type { AppEnv } from '../../env.ts';
import { exportResponse } from '../../http/formats.ts';
import type { CsvColumn } from '../../lib/csv.ts';
import { FormatParam, problemResponses } from '../../schemas/common.ts';
import { SurveyIdParams } from '../../schemas/surveys.ts';
import { writeContext } from '../../services/admin/audit.ts';
import { exportResponses } from '../../services/admin/response-export.ts';
import type { ExportedResponse } from '../../services/surveys/export.ts';

const RESPONSE_CSV: CsvColumn<ExportedResponse>[] = [
  ['receipt', (r) => r.receipt],
  ['wave_id', (r) => r.wave_id],
  ['version_id', (r) => r.version_id],
  ['probable_duplicate', (r) => r.probable_duplicate],
  ['town_id', (r) => r.town_id],
  ['submitted_at', (r) => r.submitted_at],
  ['answers', (r) => JSON.stringify(r.answers)],
  ['contact', (r) => (r.contact ? JSON.stringify(r.contact) : '')],
];

export const exportResponsesRoute = createRoute({
  method: 'get',
  operationId: 'exportSurveyResponses',
  path: '/api/v1/admin/surveys/{id}/responses',
  tags: ['Admin'],
  summary: 'Export raw responses (admin)',
  description:
    'Every response of the survey submitted up to the moment of the request, with its wave, its answers and whether it was flagged as a probable duplicate, streamed as NDJSON (default) or CSV. No client hash or address, and no enterprise code, is stored, so none is exported. Contact details appear only where the respondent consented. Raw responses are personal data: before any is read, the audit log records the export (entity `responses`, action `export`: who, which survey, the format and how many responses, never the data), and when that entry cannot be written nothing is served.',
  security: [{ bearer: [] }],
  request: { params: SurveyIdParams, query: z.object({ format: FormatParam }).strict() },
  responses: {
    200: {
      description: 'The responses.',
      content: {
        'application/x-ndjson': { schema: z.string().openapi({ description: 'One response per line.' }) },
        'text/csv': { schema: z.string().openapi({ description: 'One response per row; answers as JSON.' }) },
      },
    },
    ...problemResponses(400, 401, 403, 404, 503),
  },
});

export const exportResponsesHandler: RouteHandler<typeof exportResponsesRoute, AppEnv> = async (c) => {
  const { id } = c.req.valid('param');
  const format = c.req.valid('query').format === 'csv' || /\btext\/csv\b/.test(c.req.header('Accept') ?? '') ? 'csv' : 'ndjson';
  const { pages } = await exportResponses(c.var.db, writeContext(c.var.actor), id, format);
  return exportResponse(format, pages, RESPONSE_CSV, `responses-${id}`);
};
