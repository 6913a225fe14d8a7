import { createRoute, type RouteHandler } from '@hono/zod-openapi';
import type { AppEnv } from '../../../env.ts';
import { problemResponses } from '../../../schemas/common.ts';
import { AdminSuggestionSchema, DeclineSchema, SuggestionIdParams } from '../../../schemas/suggestions.ts';
import { writeContext } from '../../../services/admin/audit.ts';
import { declineSuggestion } from '../../../services/suggestions/review.ts';
import { DECIDED, ROLE } from './shared.ts';

export const declineSuggestionRoute = createRoute({
  method: 'post',
  operationId: 'declineSuggestion',
  path: '/api/v1/admin/suggestions/{suggestion}/decline',
  tags: ['Admin'],
  summary: 'Decline a public suggestion (admin)',
  description: `Declines a received suggestion with a reason, shown on its public status page. The decision is audited and the contact details are deleted. ${ROLE}`,
  security: [{ bearer: [] }],
  request: { params: SuggestionIdParams, body: { required: true, content: { 'application/json': { schema: DeclineSchema } } } },
  responses: {
    200: { description: 'Declined.', content: { 'application/json': { schema: AdminSuggestionSchema } } },
    ...problemResponses(400, 401, 403, 404, 503),
    409: DECIDED,
  },
});

export const declineSuggestionHandler: RouteHandler<typeof declineSuggestionRoute, AppEnv> = async (c) => {
  return c.json(
    await declineSuggestion(c.var.db, writeContext(c.var.actor), c.req.valid('param').suggestion, c.req.valid('json').reason),
    200,
  );
};
