import { describe, expect, it } from 'vitest';
import checkedIn from '../openapi/openapi.json';
import { get, getJson } from './helpers.ts';

type Schema = {
  $ref?: string;
  type?: string | string[];
  properties?: Record<string, Schema>;
  items?: Schema;
  description?: string;
  example?: unknown;
  anyOf?: Schema[];
  allOf?: Schema[];
};

describe('the OpenAPI document', () => {
  it('served at /openapi.json is the checked-in openapi/openapi.json (run `npm run openapi:write` after changing a schema)', async () => {
    const { res, body } = await getJson('/openapi.json');
    expect(res.status).toBe(200);
    expect(body).toEqual(checkedIn);
  });

  it('is OpenAPI 3.1 and documents every API route the worker answers', async () => {
    expect(checkedIn.openapi).toBe('3.1.0');
    const paths = Object.keys(checkedIn.paths);
    for (const path of [
      '/api/v1/lists',
      '/api/v1/lists/{id}',
      '/api/v1/lists/{id}/towns',
      '/api/v1/towns',
      '/api/v1/towns/{id}',
      '/api/v1/towns/{id}/history',
      '/api/v1/stats',
      '/api/v1/sources',
      '/api/v1/reported-figures',
      '/healthz',
    ]) {
      expect(paths).toContain(path);
    }
  });

  it('describes every field of every schema, with an example for every scalar', () => {
    const missing: string[] = [];
    const schemas = checkedIn.components.schemas as Record<string, Schema>;
    const visit = (schema: Schema, where: string) => {
      for (const [name, prop] of Object.entries(schema.properties ?? {})) {
        const path = `${where}.${name}`;
        const target = prop.$ref ? schemas[prop.$ref.split('/').pop()!]! : prop;
        // A described reference is written `allOf: [{ $ref }, { description }]`.
        const described = prop.description || target.description || prop.allOf?.some((part) => part.description);
        if (!described) missing.push(`${path}: description`);
        const scalar =
          !prop.$ref && !prop.properties && !prop.items && !prop.anyOf && !prop.allOf && prop.type !== 'array' && prop.type !== 'object';
        if (scalar && prop.example === undefined) missing.push(`${path}: example`);
        if (prop.items && !prop.items.$ref) visit(prop.items, `${path}[]`);
      }
    };
    for (const [name, schema] of Object.entries(schemas)) visit(schema, name);
    expect(missing).toEqual([]);
  });

  it('has a readable reference page at /docs', async () => {
    const res = await get('/docs');
    expect(res.status).toBe(200);
    expect(res.headers.get('Content-Type')).toContain('text/html');
    const html = await res.text();
    for (const path of Object.keys(checkedIn.paths)) expect(html).toContain(path);
    expect(html).not.toContain('<script');
  });
});
