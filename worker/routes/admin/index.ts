import type { OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../../env.ts';
import { adminAuth } from '../../http/middleware/admin-auth.ts';
import { exportResponsesHandler, exportResponsesRoute } from './responses.ts';
import { setWindowHandler, setWindowRoute } from './window.ts';

export function registerAdminRoutes(app: OpenAPIHono<AppEnv>): void {
  app.openAPIRegistry.registerComponent('securitySchemes', 'bearer', { type: 'http', scheme: 'bearer', description: 'Admin token (ADMIN_TOKEN).' });
  app.use('/api/v1/admin/*', adminAuth());
  app.openapi(exportResponsesRoute, exportResponsesHandler);
  app.openapi(setWindowRoute, setWindowHandler);
}
