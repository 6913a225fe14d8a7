import type { OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../../env.ts';
import { conditionalGet } from '../../http/middleware/conditional-get.ts';
import { catalogHandler, catalogRoute } from './catalog.ts';
import { dataPackageHandler, dataPackageRoute } from './datapackage.ts';
import { robotsHandler, robotsRoute } from './robots.ts';
import { sitemapHandler, sitemapRoute } from './sitemap.ts';
import { snapshotHandler, snapshotRoute } from './snapshot.ts';
import { snapshotFileHandler, snapshotFileRoute } from './snapshot-file.ts';

export function registerOpenDataRoutes(app: OpenAPIHono<AppEnv>): void {
  // Versioned like the API: an ETag from the data version, and the isolate's copy.
  app.use('/datapackage.json', conditionalGet());
  app.use('/catalog.jsonld', conditionalGet());
  app.openapi(dataPackageRoute, dataPackageHandler);
  app.openapi(catalogRoute, catalogHandler);
  app.openapi(sitemapRoute, sitemapHandler);
  app.openapi(robotsRoute, robotsHandler);
  app.openapi(snapshotRoute, snapshotHandler);
  app.openapi(snapshotFileRoute, snapshotFileHandler);
}
