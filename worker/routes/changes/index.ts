import type { OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../../env.ts';
import { atomHandler, atomRoute } from './atom.ts';
import { changesHandler, changesRoute } from './list.ts';

export function registerChangeRoutes(app: OpenAPIHono<AppEnv>): void {
  app.openapi(changesRoute, changesHandler);
  app.openapi(atomRoute, atomHandler);
}
