import { createRoute, type RouteHandler } from '@hono/zod-openapi';
import type { AppEnv } from '../../env.ts';
import { AuditPageSchema, AuditQuery } from '../../schemas/admin.ts';
import { problemResponses } from '../../schemas/common.ts';
import { listAudit } from '../../services/admin/audit.ts';

export const auditRoute = createRoute({
  method: 'get',
  operationId: 'listAuditEntries',
  path: '/api/v1/admin/audit',
  tags: ['Admin'],
  summary: 'Audit log (admin)',
  description:
    "Every admin write, and every export of raw survey responses (personal data), newest first: who (the token's name), when, what, and the record before and after. Entries are written in the same transaction as the change they describe (an export's before any data is read), and the database refuses to update or delete one.",
  security: [{ bearer: [] }],
  request: { query: AuditQuery },
  responses: {
    200: { description: 'A page of entries.', content: { 'application/json': { schema: AuditPageSchema } } },
    ...problemResponses(400, 401, 403, 503),
  },
});

export const auditHandler: RouteHandler<typeof auditRoute, AppEnv> = async (c) => {
  return c.json(await listAudit(c.var.db, c.req.valid('query')), 200);
};
