import { createRoute, type RouteHandler } from '@hono/zod-openapi';
import type { AppEnv } from '../../env.ts';
import { clientKey } from '../../services/surveys/client-key.ts';
import { submitResponse } from '../../services/surveys/submit.ts';
import { problemResponse, problemResponses } from '../../schemas/common.ts';
import { IdempotencyHeaders, ReceiptSchema, SubmissionSchema, SurveyIdParams } from '../../schemas/surveys.ts';

export const submitRoute = createRoute({
  method: 'post',
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
    201: { description: 'Stored (or already stored under this Idempotency-Key: then `Idempotent-Replayed: true`).', content: { 'application/json': { schema: ReceiptSchema } } },
    ...problemResponses(400, 404, 503),
    403: problemResponse('Turnstile verification failed.'),
    409: problemResponse('The survey is closed, or a request with this key is still in progress.'),
    413: problemResponse('The body is larger than 64 KB.'),
    422: problemResponse('The Idempotency-Key was used for a different submission.'),
    429: problemResponse('Too many submissions from this network; see Retry-After.'),
  },
});

export const submitHandler: RouteHandler<typeof submitRoute, AppEnv> = async (c) => {
  const db = c.var.db;
  const now = new Date();
  const address = c.req.header('CF-Connecting-IP') ?? '127.0.0.1';
  const result = await submitResponse(db, c.req.valid('json'), {
    surveyId: c.req.valid('param').id,
    idempotencyKey: c.req.valid('header')['idempotency-key'],
    clientKey: () => clientKey(db, address, now),
    limiter: c.env.SUBMISSION_LIMITER,
    turnstileSecret: c.env.TURNSTILE_SECRET || undefined,
    now,
  });
  c.header('Cache-Control', 'no-store');
  if (result.replayed) c.header('Idempotent-Replayed', 'true');
  return c.json(result.receipt, 201);
};
