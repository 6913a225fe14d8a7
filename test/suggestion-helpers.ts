import { env } from 'cloudflare:workers';
import { expect } from 'vitest';
import worker from '../worker/index.ts';
import { ADDITION_EXAMPLE, SuggestionReceiptSchema } from '../worker/schemas/suggestions.ts';
import { adminHeaders, KNOWN_TOWN, newKey, request, type TestRole } from './helpers.ts';

/** What the suggestion tests send and how: shared by test/api/suggestions*.test.ts. */
export const ADDITION = ADDITION_EXAMPLE;
export const CORRECTION = {
  kind: 'correction',
  town_id: KNOWN_TOWN,
  list_id: 'mohurd-2016-batch1',
  detail: '2019年复核后保留。',
  source: 'https://www.example.gov.cn/notice/2019.html',
};

let networks = 0;
/** POSTs a suggestion from a network of its own unless told otherwise. */
export function suggest(
  body: unknown,
  options: { key?: string | null; ip?: string; headers?: Record<string, string> } = {},
): Promise<Response> {
  const headers: Record<string, string> = {
    'Content-Type': 'application/json',
    'CF-Connecting-IP': options.ip ?? `203.0.113.${(networks++ % 250) + 1}`,
    ...options.headers,
  };
  const key = options.key === undefined ? newKey() : options.key;
  if (key !== null) headers['Idempotency-Key'] = key;
  return request('POST', '/api/v1/suggestions', { headers, body: typeof body === 'string' ? body : JSON.stringify(body) });
}

/** Sends a suggestion that must be stored, and gives its receipt. */
export async function send(body: unknown): Promise<string> {
  const res = await suggest(body);
  expect(res.status, await res.clone().text()).toBe(201);
  return SuggestionReceiptSchema.parse(await res.json()).receipt;
}

/** An admin request as `role`, with a JSON body when one is given. */
export const admin = (role: TestRole, method: string, path: string, body?: unknown) =>
  request(method, path, {
    headers: adminHeaders(role, body === undefined ? {} : { 'Content-Type': 'application/json' }),
    body: body === undefined ? undefined : JSON.stringify(body),
  });

export const count = async (sql: string, ...binds: unknown[]) =>
  (await env.DB.prepare(sql)
    .bind(...binds)
    .first<number>('n')) ?? 0;

let formNetworks = 0;
/** Posts the site's suggestion form as a browser of this site would (same origin), from a network of its own. */
export async function postSuggestionForm(
  fields: Record<string, string>,
  headers: Record<string, string> = {},
  path = '/suggestions?lang=zh',
): Promise<Response> {
  return worker.fetch(
    new Request(`https://example.test${path}`, {
      method: 'POST',
      redirect: 'manual',
      headers: {
        'Content-Type': 'application/x-www-form-urlencoded',
        Origin: 'https://example.test',
        'Sec-Fetch-Site': 'same-origin',
        'CF-Connecting-IP': `203.0.113.${(formNetworks++ % 250) + 1}`,
        ...headers,
      },
      body: new URLSearchParams(fields),
    }),
    env,
  );
}
