/**
 * Writes openapi/openapi.json from the route schemas (`npm run openapi:write`).
 * test/openapi.test.ts fails when the checked-in copy differs from what the worker serves.
 */
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createApp } from '../worker/app.ts';
import { buildOpenApiDocument } from '../worker/openapi.ts';

const target = join(dirname(fileURLToPath(import.meta.url)), '..', 'openapi', 'openapi.json');
writeFileSync(target, `${JSON.stringify(buildOpenApiDocument(createApp()), null, 2)}\n`);
console.log(`wrote ${target}`);
