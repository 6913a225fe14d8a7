import { createRoute, type RouteHandler } from '@hono/zod-openapi';
import type { AppEnv } from '../../env.ts';
import { problemResponses } from '../../schemas/common.ts';
import { ReceiptParams, SuggestionStatusSchema } from '../../schemas/suggestions.ts';
import { suggestionStatus } from '../../services/suggestions/status.ts';

export const getSuggestionRoute = createRoute({
  method: 'get',
  operationId: 'getSuggestionStatus',
  path: '/api/v1/suggestions/{receipt}',
  tags: ['Suggestions'],
  summary: 'The status of a suggestion',
  description:
    'What was suggested (never the contact details), whether staff accepted or declined it (with the reason), and the status events it led to once imported. Known only to whoever holds the receipt.',
  request: { params: ReceiptParams },
  responses: {
    200: { description: 'The suggestion.', content: { 'application/json': { schema: SuggestionStatusSchema } } },
    ...problemResponses(400, 404, 503),
  },
});

export const getSuggestionHandler: RouteHandler<typeof getSuggestionRoute, AppEnv> = async (c) => {
  const status = await suggestionStatus(c.var.db, c.req.valid('param').receipt);
  // Private: the receipt is the only key to the page, and a decision changes it.
  c.header('Cache-Control', 'private, no-cache');
  return c.json(status, 200);
};
