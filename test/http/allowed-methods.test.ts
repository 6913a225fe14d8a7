import { describe, expect, it } from 'vitest';
import { allowedMethods, type RouteEntry } from '../../worker/http/method-not-allowed.ts';

// The rule behind 405 and OPTIONS on its own, beside the HTTP tests of it (test/api/http.test.ts): which methods a
// path answers to, given the route table. Exact lists, since they become the `Allow` header.

const routes = (): RouteEntry[] => [
  { method: 'GET', path: '/api/v1/towns' },
  { method: 'GET', path: '/api/v1/towns/:id' },
  { method: 'GET', path: '/api/v1/towns/:id/history' },
  { method: 'POST', path: '/api/v1/surveys/:id/responses' },
  { method: 'PUT', path: '/api/v1/admin/surveys/:id/window' },
  { method: 'GET', path: '/api/v1/admin/lists/:id' },
  { method: 'PATCH', path: '/api/v1/admin/lists/:id' },
  { method: 'GET', path: '/feeds/changes.atom' },
  // Middleware and catch-alls answer every path: they say nothing about which methods a path has.
  { method: 'ALL', path: '/api/v1/towns' },
  { method: 'GET', path: '/static/*' },
];

describe('allowedMethods', () => {
  it('gives the methods of the routes that match, with HEAD beside GET and OPTIONS beside any, sorted', () => {
    expect(allowedMethods(routes(), '/api/v1/towns')).toEqual(['GET', 'HEAD', 'OPTIONS']);
    expect(allowedMethods(routes(), '/api/v1/surveys/public/responses')).toEqual(['OPTIONS', 'POST']);
    expect(allowedMethods(routes(), '/api/v1/admin/surveys/public/window')).toEqual(['OPTIONS', 'PUT']);
    expect(allowedMethods(routes(), '/api/v1/admin/lists/mohurd-2016-batch1')).toEqual(['GET', 'HEAD', 'OPTIONS', 'PATCH']);
  });

  it('is empty for a path no route has (a 404, not a 405)', () => {
    for (const path of [
      '/',
      '/api/v1',
      '/api/v1/nothing',
      '/api/v1/towns/',
      '/api/v1/towns//history',
      '/api/v1/towns/a/b',
      '/API/v1/towns',
      '/static/app.js',
    ]) {
      expect(allowedMethods(routes(), path), path).toEqual([]);
    }
  });

  it('matches a parameter as one whole segment, whatever it holds', () => {
    for (const id of ['beijing-changgouzhen', '长沟镇', '%E9%95%BF', '%2F', '..', 'a.b', 'x'.repeat(100_000)]) {
      expect(allowedMethods(routes(), `/api/v1/towns/${id}`), id.slice(0, 20)).toEqual(['GET', 'HEAD', 'OPTIONS']);
      expect(allowedMethods(routes(), `/api/v1/towns/${id}/history`), id.slice(0, 20)).toEqual(['GET', 'HEAD', 'OPTIONS']);
    }
  });

  it('reads a literal segment literally: a dot is a dot, not any character', () => {
    expect(allowedMethods(routes(), '/feeds/changes.atom')).toEqual(['GET', 'HEAD', 'OPTIONS']);
    expect(allowedMethods(routes(), '/feeds/changesXatom')).toEqual([]);
    expect(allowedMethods([{ method: 'GET', path: '/a+b/(c)/$' }], '/a+b/(c)/$')).toEqual(['GET', 'HEAD', 'OPTIONS']);
    expect(allowedMethods([{ method: 'GET', path: '/a+b/(c)/$' }], '/aab/c/')).toEqual([]);
  });

  it('sees a route registered after its first answer (the compiled table follows the route list)', () => {
    const table = routes();
    expect(allowedMethods(table, '/api/v1/suggestions')).toEqual([]);
    table.push({ method: 'POST', path: '/api/v1/suggestions' });
    expect(allowedMethods(table, '/api/v1/suggestions')).toEqual(['OPTIONS', 'POST']);
  });

  it('is empty for an empty route table', () => {
    expect(allowedMethods([], '/api/v1/towns')).toEqual([]);
  });
});
