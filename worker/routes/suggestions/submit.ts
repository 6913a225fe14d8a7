import { createRoute, type RouteHandler } from '@hono/zod-openapi';
import type { AppEnv } from '../../env.ts';
import { abuseControls } from '../../http/survey-context.ts';
import { problemResponse, problemResponses } from '../../schemas/common.ts';
import { SuggestionHeaders, SuggestionInputSchema, SuggestionReceiptSchema } from '../../schemas/suggestions.ts';
import { submitSuggestion } from '../../services/suggestions/submit.ts';

export const submitSuggestionRoute = createRoute({
  method: 'post',
  operationId: 'submitSuggestion',
  path: '/api/v1/suggestions',
  tags: ['Suggestions'],
  summary: 'Suggest a correction or a missing town',
  description:
    "Sends staff a correction (something wrong about a town or a list) or an addition (a town missing from a list), with the source that says so: an http(s) URL or an official document number. Contact details are optional, accepted only with `contact_consent`, never published, and deleted when the suggestion is decided. Send a unique `Idempotency-Key`: a retry with the same key and body returns the first receipt. The receipt's public status page (`Location`) says whether the suggestion was accepted or declined, and why.",
  request: {
    headers: SuggestionHeaders,
    body: { required: true, content: { 'application/json': { schema: SuggestionInputSchema } } },
  },
  responses: {
    201: {
      description:
        'Stored (or already stored under this Idempotency-Key: then `Idempotent-Replayed: true`). `Location` is the public status page.',
      headers: {
        Location: {
          description: 'The public status page of the suggestion.',
          schema: { type: 'string', example: '/suggestions/s-0b6f2a4e-8c1d-4f5a-9e3b-7d2c1a0f9e84' },
        },
      },
      content: { 'application/json': { schema: SuggestionReceiptSchema } },
    },
    ...problemResponses(400, 503),
    403: problemResponse('Turnstile verification failed.'),
    409: problemResponse('A request with this Idempotency-Key is still in progress.'),
    413: problemResponse('The body is larger than 64 KB.'),
    422: problemResponse('The Idempotency-Key was used for a different suggestion.'),
    429: problemResponse('Too many submissions from this network; see Retry-After.'),
  },
});

export const submitSuggestionHandler: RouteHandler<typeof submitSuggestionRoute, AppEnv> = async (c) => {
  const result = await submitSuggestion(c.var.db, c.req.valid('json'), abuseControls(c, c.req.valid('header')['idempotency-key']));
  c.header('Cache-Control', 'no-store');
  c.header('Location', `/suggestions/${result.receipt.receipt}`);
  if (result.replayed) c.header('Idempotent-Replayed', 'true');
  return c.json(result.receipt, 201);
};
