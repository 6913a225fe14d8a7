import { z } from '@hono/zod-openapi';

/** `/healthz`: the worker and the database both answer. */
export const HealthSchema = z
  .object({
    status: z.literal('ok').openapi({ description: 'The worker answers and the database is readable.', example: 'ok' }),
    data_version: z.string().nullable().openapi({
      description:
        'Version of the data: the sequence number of the latest change in the change feed (`/api/v1/changes`); "0" before the first load.',
      example: '2279',
    }),
  })
  .openapi('Health');

/** `/livez`: the worker answers, without touching the database. */
export const LiveSchema = z
  .object({ status: z.literal('ok').openapi({ description: 'The worker answers.', example: 'ok' }) })
  .openapi('Live');
