import { createRoute, type RouteHandler } from '@hono/zod-openapi';
import type { AppEnv } from '../../env.ts';
import { submitContext } from '../../http/survey-context.ts';
import { problemResponse, problemResponses } from '../../schemas/common.ts';
import { IdempotencyHeaders, ReceiptSchema, SubmissionSchema, SurveyIdParams } from '../../schemas/surveys.ts';
import { submitResponse } from '../../services/surveys/submit.ts';

export const submitRoute = createRoute({
  method: 'post',
  operationId: 'submitSurveyResponse',
  path: '/api/v1/surveys/{id}/responses',
  tags: ['Surveys'],
  summary: 'Submit a questionnaire',
  description:
    'Stores one response to the current version of the questionnaire, atomically with the results it changes. Send a unique `Idempotency-Key`: retrying with the same key and body returns the original receipt and stores nothing more. Answers are checked against the questionnaire and every problem is reported at once in `errors[]`.',
  request: {
    params: SurveyIdParams,
    headers: IdempotencyHeaders,
    body: { required: true, content: { 'application/json': { schema: SubmissionSchema } } },
  },
  responses: {
    201: {
      description: 'Stored (or already stored under this Idempotency-Key: then `Idempotent-Replayed: true`).',
      content: { 'application/json': { schema: ReceiptSchema } },
    },
    ...problemResponses(400, 404, 503),
    403: problemResponse('Turnstile verification failed.'),
    409: problemResponse('The survey is closed, or a request with this key is still in progress.'),
    413: problemResponse('The body is larger than 64 KB.'),
    422: problemResponse('The Idempotency-Key was used for a different submission.'),
    429: problemResponse('Too many submissions from this network; see Retry-After.'),
  },
});

export const submitHandler: RouteHandler<typeof submitRoute, AppEnv> = async (c) => {
  const context = submitContext(c, c.req.valid('param').id, c.req.valid('header')['idempotency-key']);
  const result = await submitResponse(c.var.db, c.req.valid('json'), context);
  c.header('Cache-Control', 'no-store');
  if (result.replayed) c.header('Idempotent-Replayed', 'true');
  return c.json(result.receipt, 201);
};
