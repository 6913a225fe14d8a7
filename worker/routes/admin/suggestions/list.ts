import { createRoute, type RouteHandler } from '@hono/zod-openapi';
import type { AppEnv } from '../../../env.ts';
import { problemResponses } from '../../../schemas/common.ts';
import { AdminSuggestionPageSchema, AdminSuggestionQuery } from '../../../schemas/suggestions.ts';
import { listSuggestions } from '../../../services/suggestions/review.ts';
import { ROLE } from './shared.ts';

export const listSuggestionsRoute = createRoute({
  method: 'get',
  operationId: 'listSuggestions',
  path: '/api/v1/admin/suggestions',
  tags: ['Admin'],
  summary: 'Public suggestions to review (admin)',
  description: `The suggestions sent by the public, newest first, by status, list and town (\`town\` and \`list\` together show how many sent the same); whether contact details are kept, never the details (get one suggestion for them). ${ROLE}`,
  security: [{ bearer: [] }],
  request: { query: AdminSuggestionQuery },
  responses: {
    200: { description: 'A page of suggestions.', content: { 'application/json': { schema: AdminSuggestionPageSchema } } },
    ...problemResponses(400, 401, 403, 503),
  },
});

export const listSuggestionsHandler: RouteHandler<typeof listSuggestionsRoute, AppEnv> = async (c) => {
  c.header('Cache-Control', 'no-store');
  return c.json(await listSuggestions(c.var.db, c.req.valid('query')), 200);
};
