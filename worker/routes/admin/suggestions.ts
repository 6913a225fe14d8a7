import { createRoute, type RouteHandler } from '@hono/zod-openapi';
import type { AppEnv } from '../../env.ts';
import { writeContext } from '../../services/admin/audit.ts';
import { acceptSuggestion, declineSuggestion, getSuggestion, listSuggestions } from '../../services/suggestions/review.ts';
import { problemResponse, problemResponses } from '../../schemas/common.ts';
import { AcceptanceSchema, AdminSuggestionPageSchema, AdminSuggestionQuery, AdminSuggestionSchema, DeclineSchema, SuggestionIdParams } from '../../schemas/suggestions.ts';

const ROLE = 'Needs the `editor` role (the editor capability "review public suggestions"); `surveys` and `auditor` tokens get 403.';
const DECIDED = problemResponse('The suggestion was already decided otherwise (`already-decided`).');

export const listSuggestionsRoute = createRoute({
  method: 'get',
  operationId: 'listSuggestions',
  path: '/api/v1/admin/suggestions',
  tags: ['Admin'],
  summary: 'Public suggestions to review (admin)',
  description: `The suggestions sent by the public, newest first, by status, list and town (\`town\` and \`list\` together show how many sent the same); whether contact details are kept, never the details (get one suggestion for them). ${ROLE}`,
  security: [{ bearer: [] }],
  request: { query: AdminSuggestionQuery },
  responses: { 200: { description: 'A page of suggestions.', content: { 'application/json': { schema: AdminSuggestionPageSchema } } }, ...problemResponses(400, 401, 403, 503) },
});

export const listSuggestionsHandler: RouteHandler<typeof listSuggestionsRoute, AppEnv> = async (c) => {
  c.header('Cache-Control', 'no-store');
  return c.json(await listSuggestions(c.var.db, c.req.valid('query')), 200);
};

export const getAdminSuggestionRoute = createRoute({
  method: 'get',
  operationId: 'getSuggestion',
  path: '/api/v1/admin/suggestions/{suggestion}',
  tags: ['Admin'],
  summary: 'One public suggestion (admin)',
  description: `The suggestion with its contact details while they are kept (with consent, until the decision); a read that gives them is recorded in the audit log (which fields, never their values). ${ROLE}`,
  security: [{ bearer: [] }],
  request: { params: SuggestionIdParams },
  responses: { 200: { description: 'The suggestion.', content: { 'application/json': { schema: AdminSuggestionSchema } } }, ...problemResponses(400, 401, 403, 404, 503) },
});

export const getAdminSuggestionHandler: RouteHandler<typeof getAdminSuggestionRoute, AppEnv> = async (c) => {
  c.header('Cache-Control', 'no-store');
  return c.json(await getSuggestion(c.var.db, writeContext(c.var.actor), c.req.valid('param').suggestion), 200);
};

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
  return c.json(await declineSuggestion(c.var.db, writeContext(c.var.actor), c.req.valid('param').suggestion, c.req.valid('json').reason), 200);
};

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
