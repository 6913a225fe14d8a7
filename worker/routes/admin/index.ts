import type { OpenAPIHono } from '@hono/zod-openapi';
import { bodyLimit } from 'hono/body-limit';
import type { AppEnv } from '../../env.ts';
import { AppError } from '../../errors.ts';
import { adminAuth, requireRole } from '../../http/middleware/admin-auth.ts';
import { addTownHandler, addTownRoute } from './add-town.ts';
import { auditHandler, auditRoute } from './audit.ts';
import { createListHandler, createListRoute } from './create-list.ts';
import { createSourceHandler, createSourceRoute } from './create-source.ts';
import { createTownHandler, createTownRoute } from './create-town.ts';
import { createWaveHandler, createWaveRoute } from './create-wave.ts';
import { IMPORT_MAX_BYTES, importHandler, importRoute } from './imports.ts';
import { recordEventHandler, recordEventRoute } from './record-event.ts';
import { exportResponsesHandler, exportResponsesRoute } from './responses.ts';
import { updateListHandler, updateListRoute } from './update-list.ts';
import { updateWaveHandler, updateWaveRoute } from './update-wave.ts';
import { setWindowHandler, setWindowRoute } from './window.ts';

/** Paths (Hono patterns) and the role each needs; anything under /api/v1/admin/ needs a known token first. */
const ROLES = [
  ['/api/v1/admin/surveys/*', 'surveys'],
  ['/api/v1/admin/audit', 'auditor'],
  ['/api/v1/admin/sources', 'editor'],
  ['/api/v1/admin/lists', 'editor'],
  ['/api/v1/admin/lists/*', 'editor'],
  ['/api/v1/admin/towns', 'editor'],
  ['/api/v1/admin/events', 'editor'],
  ['/api/v1/admin/imports', 'editor'],
  // The editor capability "review public suggestions".
  ['/api/v1/admin/suggestions', 'editor'],
  ['/api/v1/admin/suggestions/*', 'editor'],
] as const;

export function registerAdminRoutes(app: OpenAPIHono<AppEnv>): void {
  app.openAPIRegistry.registerComponent('securitySchemes', 'bearer', {
    type: 'http',
    scheme: 'bearer',
    description:
      'An admin token from the ADMIN_TOKENS secret. Its name is recorded as the author of every write; its roles (`editor`, `surveys`, `auditor`) decide what it may do.',
  });
  app.use('/api/v1/admin/*', adminAuth());
  for (const [path, role] of ROLES) app.use(path, requireRole(role));
  app.use(
    '/api/v1/admin/imports',
    bodyLimit({
      maxSize: IMPORT_MAX_BYTES,
      onError: () => {
        throw new AppError('payload-too-large', 'An import may not exceed 2 MB; split the notice.');
      },
    }),
  );
  app.openapi(exportResponsesRoute, exportResponsesHandler);
  app.openapi(setWindowRoute, setWindowHandler);
  // In this order, the documented examples tell one story: the 2026 wave is given its end, then the 2027 wave is scheduled.
  app.openapi(updateWaveRoute, updateWaveHandler);
  app.openapi(createWaveRoute, createWaveHandler);
  app.openapi(createSourceRoute, createSourceHandler);
  app.openapi(createListRoute, createListHandler);
  app.openapi(updateListRoute, updateListHandler);
  app.openapi(createTownRoute, createTownHandler);
  app.openapi(addTownRoute, addTownHandler);
  app.openapi(recordEventRoute, recordEventHandler);
  app.openapi(importRoute, importHandler);
  app.openapi(auditRoute, auditHandler);
}
