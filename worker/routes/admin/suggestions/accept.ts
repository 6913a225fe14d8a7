import { createRoute, type RouteHandler } from '@hono/zod-openapi';
import type { AppEnv } from '../../../env.ts';
import { problemResponses } from '../../../schemas/common.ts';
import { AcceptanceSchema, SuggestionIdParams } from '../../../schemas/suggestions.ts';
import { writeContext } from '../../../services/admin/audit.ts';
import { acceptSuggestion } from '../../../services/suggestions/review.ts';
import { DECIDED, ROLE } from './shared.ts';

export const acceptSuggestionRoute = createRoute({
  method: 'post',
  operationId: 'acceptSuggestion',
  path: '/api/v1/admin/suggestions/{suggestion}/accept',
  tags: ['Admin'],
  summary: 'Accept a public suggestion (admin)',
  description: `Accepts a received suggestion (audited; the contact details are deleted) and returns the import row it proposes, with the dry run of that row. Nothing is written to the lists: send the row, edited if need be, to \`POST /api/v1/admin/imports\`, where it goes through every check of a notice; its \`suggestion\` column makes the events credit the public. Accepting again returns the row and its dry run again. ${ROLE}`,
  security: [{ bearer: [] }],
  request: { params: SuggestionIdParams },
  responses: {
    200: { description: 'Accepted: the prefilled row and its dry run.', content: { 'application/json': { schema: AcceptanceSchema } } },
    ...problemResponses(400, 401, 403, 404, 503),
    409: DECIDED,
  },
});

export const acceptSuggestionHandler: RouteHandler<typeof acceptSuggestionRoute, AppEnv> = async (c) => {
  return c.json(await acceptSuggestion(c.var.db, writeContext(c.var.actor), c.req.valid('param').suggestion), 200);
};
