import { createRoute, type RouteHandler } from '@hono/zod-openapi';
import type { AppEnv } from '../../env.ts';
import { SourceInputSchema } from '../../schemas/admin.ts';
import { SourceSchema } from '../../schemas/sources.ts';
import { writeContext } from '../../services/admin/audit.ts';
import { createSource } from '../../services/admin/catalog.ts';
import { jsonBody, WRITE_ERRORS } from './write.ts';

export const createSourceRoute = createRoute({
  method: 'post',
  operationId: 'createSource',
  path: '/api/v1/admin/sources',
  tags: ['Admin'],
  summary: 'Record a source document (admin)',
  description:
    'Records an official document that lists and events can cite. Its id derives from its title and number, so sending the same document again returns the existing record (200) instead of a copy.',
  security: [{ bearer: [] }],
  request: { body: jsonBody(SourceInputSchema) },
  responses: {
    201: { description: 'Recorded.', content: { 'application/json': { schema: SourceSchema } } },
    200: { description: 'Already recorded: the existing document.', content: { 'application/json': { schema: SourceSchema } } },
    ...WRITE_ERRORS,
  },
});

export const createSourceHandler: RouteHandler<typeof createSourceRoute, AppEnv> = async (c) => {
  const { created, source } = await createSource(c.var.db, writeContext(c.var.actor), c.req.valid('json'));
  return created ? c.json(source, 201) : c.json(source, 200);
};
