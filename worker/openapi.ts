import type { OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from './env.ts';

const built = new WeakMap<OpenAPIHono<AppEnv>, ReturnType<typeof generate>>();

/**
 * The OpenAPI 3.1 document, built from the route schemas alone (no request
 * data), so that the served copy and openapi/openapi.json can be compared.
 * Built once per app: the routes never change while the worker runs.
 */
export function buildOpenApiDocument(app: OpenAPIHono<AppEnv>) {
  let doc = built.get(app);
  if (!doc) {
    doc = generate(app);
    built.set(app, doc);
  }
  return doc;
}

type Operation = { security?: unknown[]; responses?: Record<string, unknown> };

/**
 * Says of every operation what the middleware, not the route, decides: public
 * operations need no credentials (`security: []`); admin ones a bearer token,
 * which is refused with 401 or 403 before the route runs.
 */
function withSecurity<D extends object>(doc: D): D {
  const paths = (doc as { paths?: Record<string, Record<string, unknown>> }).paths ?? {};
  for (const [path, item] of Object.entries(paths)) {
    for (const op of Object.values(item) as Operation[]) {
      if (!op || typeof op !== 'object' || !op.responses) continue;
      if (path.startsWith('/api/v1/admin/')) {
        op.security ??= [{ bearer: [] }];
      } else {
        op.security ??= [];
      }
    }
  }
  return doc;
}

function generate(app: OpenAPIHono<AppEnv>) {
  return withSecurity(
    app.getOpenAPI31Document({
      openapi: '3.1.0',
      info: {
        title: '特色小镇开放数据 API / China Characteristic Towns Open Data API',
        version: '1.0.0',
        description:
          "The official lists of China's characteristic towns (特色小镇) since 2016 (national batches, ministry pilots, provincial lists), each town's dated status history (approved, retained, warned, downgraded, eliminated…) with the document behind every change, and figures the authorities reported without naming towns.\n\n" +
          'Gaps are shown, never filled: `official_count` beside `town_count`, `complete` per list, `null` for what no source says, and a `confidence` on every row.\n\n' +
          'Stability: fields are only added within /api/v1; ids of lists and towns do not change. Errors are RFC 9457 problem+json with a stable `type`. Public reads send `ETag` and answer `If-None-Match` with 304; CORS is open for reads.\n\n' +
          'Freshness: a public read reflects every write that completed at least N seconds earlier (N = 1 unless configured), and a client that sends back the `x-d1-bookmark` header of a response (after a write, say) reads at least what that response saw, its own writes included.\n\n' +
          'Licence: the data is published under Creative Commons Attribution 4.0 (CC-BY-4.0); cite "特色小镇开放数据" and the source documents given with each row.',
        // The SPDX id as the name with the licence's URL: OpenAPI 3.1 allows `identifier` or `url`, not both.
        license: { name: 'CC-BY-4.0', url: 'https://creativecommons.org/licenses/by/4.0/' },
      },
      // Relative: the same document is served locally (`npm start`, http://localhost:8787) and in production.
      servers: [{ url: '/', description: 'The origin this document is served from.' }],
      tags: [
        { name: 'Lists', description: 'The official lists and their completeness.' },
        { name: 'Towns', description: 'Towns, their lists and their status history.' },
        { name: 'Statistics', description: 'Counts set beside the official numbers.' },
        { name: 'Sources', description: 'Official documents and reported figures.' },
        { name: 'Surveys', description: 'The public and enterprise satisfaction questionnaires, and submitting answers.' },
        {
          name: 'Satisfaction',
          description: 'Published results: scores per dimension with confidence intervals, suppressed below the minimum sample.',
        },
        {
          name: 'Suggestions',
          description: 'Corrections and missing towns sent by the public, with their source; each has a public status page.',
        },
        { name: 'Open data', description: 'The data package and catalogue that describe the downloads.' },
        { name: 'Admin', description: 'For government staff, with a bearer token.' },
        { name: 'System', description: 'Health of the service.' },
      ],
    }),
  );
}
