/**
 * The API from TypeScript with types generated from its OpenAPI document: paths, parameters, responses and
 * errors are checked by the compiler, and nothing here is written by hand but the calls.
 *
 *   npm run client:types                               # openapi/openapi.json → client/openapi.d.ts
 *   npx tsx client/example.ts [http://localhost:8787]  # against `npm start`, or any deployment
 *
 * In another project: `npx openapi-typescript https://<host>/openapi.json -o openapi.d.ts` and `npm i openapi-fetch`.
 */
import createClient from 'openapi-fetch';
import type { paths } from './openapi';

// The JSON answers and the problem+json errors: the same routes also answer CSV and NDJSON (`format=`), whose
// types (string) would otherwise join every answer's type; read those with plain fetch.
const api = createClient<paths, 'application/json' | 'application/problem+json'>({ baseUrl: process.argv[2] ?? 'http://localhost:8787' });

// Every list, then every town on the first national one, page by page with the cursor.
const lists = await api.GET('/api/v1/lists');
if (lists.error) throw new Error(`lists: ${lists.error.detail}`);
console.log(`lists: ${lists.data.total}`);
const national = lists.data.items.find((list) => list.level === 'national');
if (!national) throw new Error('no national list');

const towns: string[] = [];
let cursor: string | undefined;
do {
  const page = await api.GET('/api/v1/lists/{id}/towns', { params: { path: { id: national.id }, query: { limit: 100, cursor } } });
  if (page.error) throw new Error(`towns of ${national.id}: ${page.error.detail}`);
  towns.push(...page.data.items.map((town) => town.id));
  cursor = page.data.next_cursor ?? undefined;
} while (cursor);
console.log(`${national.id} (${national.name}): ${towns.length} of ${national.official_count ?? '?'} towns, first ${towns[0]}`);

// A filtered query: the enums (`level`, `status`, `sort`) are checked by the compiler.
const zhejiang = await api.GET('/api/v1/towns', { params: { query: { province: '浙江省', level: 'national', sort: 'name', limit: 3 } } });
if (zhejiang.error) throw new Error(`towns: ${zhejiang.error.detail}`);
console.log(`浙江省, national lists: ${zhejiang.data.total} towns, first ${zhejiang.data.items.map((town) => town.name).join(' ')}`);

// Errors are typed too: RFC 9457 problem+json, with a stable `type` to branch on…
const missing = await api.GET('/api/v1/towns/{id}', { params: { path: { id: 'beijing-nowhere' } } });
if (missing.error) console.log(`${missing.response.status} ${missing.error.type}: ${missing.error.detail}`);

// …and `errors[]` naming each bad parameter.
const invalid = await api.GET('/api/v1/towns', { params: { query: { limit: 0 } } });
if (invalid.error)
  console.log(`${invalid.response.status} ${invalid.error.type}: ${(invalid.error.errors ?? []).map((e) => e.name).join(', ')}`);
