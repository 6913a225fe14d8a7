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

function generate(app: OpenAPIHono<AppEnv>) {
  return app.getOpenAPI31Document({
    openapi: '3.1.0',
    info: {
      title: '特色小镇开放数据 API / China Characteristic Towns Open Data API',
      version: '1.0.0',
      description:
        "The official lists of China's characteristic towns (特色小镇) since 2016 (national batches, ministry pilots, provincial lists), each town's dated status history (approved, retained, warned, downgraded, eliminated…) with the document behind every change, and figures the authorities reported without naming towns.\n\n" +
        'Gaps are shown, never filled: `official_count` beside `town_count`, `complete` per list, `null` for what no source says, and a `confidence` on every row.\n\n' +
        'Stability: fields are only added within /api/v1; ids of lists and towns do not change. Errors are RFC 9457 problem+json with a stable `type`. Public reads send `ETag` and answer `If-None-Match` with 304; CORS is open for reads.',
      license: { name: 'Open data: cite "特色小镇开放数据" and the source documents given with each row.' },
    },
    tags: [
      { name: 'Lists', description: 'The official lists and their completeness.' },
      { name: 'Towns', description: 'Towns, their lists and their status history.' },
      { name: 'Statistics', description: 'Counts set beside the official numbers.' },
      { name: 'Sources', description: 'Official documents and reported figures.' },
      { name: 'Surveys', description: 'The public and enterprise satisfaction questionnaires, and submitting answers.' },
      { name: 'Satisfaction', description: 'Published results: scores per dimension with confidence intervals, suppressed below the minimum sample.' },
      { name: 'Admin', description: 'For government staff, with a bearer token.' },
      { name: 'System', description: 'Health of the service.' },
    ],
  });
}
