import { createRoute, type RouteHandler } from '@hono/zod-openapi';
import type { AppEnv } from '../../../env.ts';
import { problemResponses } from '../../../schemas/common.ts';
import { AdminSuggestionSchema, SuggestionIdParams } from '../../../schemas/suggestions.ts';
import { writeContext } from '../../../services/admin/audit.ts';
import { getSuggestion } from '../../../services/suggestions/review.ts';
import { ROLE } from './shared.ts';

export const getAdminSuggestionRoute = createRoute({
  method: 'get',
  operationId: 'getSuggestion',
  path: '/api/v1/admin/suggestions/{suggestion}',
  tags: ['Admin'],
  summary: 'One public suggestion (admin)',
  description: `The suggestion with its contact details while they are kept (with consent, until the decision); a read that gives them is recorded in the audit log (which fields, never their values). ${ROLE}`,
  security: [{ bearer: [] }],
  request: { params: SuggestionIdParams },
  responses: {
    200: { description: 'The suggestion.', content: { 'application/json': { schema: AdminSuggestionSchema } } },
    ...problemResponses(400, 401, 403, 404, 503),
  },
});

export const getAdminSuggestionHandler: RouteHandler<typeof getAdminSuggestionRoute, AppEnv> = async (c) => {
  c.header('Cache-Control', 'no-store');
  return c.json(await getSuggestion(c.var.db, writeContext(c.var.actor), c.req.valid('param').suggestion), 200);
};
