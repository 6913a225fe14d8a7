import { env } from 'cloudflare:workers';
import { expect } from 'vitest';
import worker from '../../worker/index.ts';
import { adminHeaders, enterpriseCode, fullAnswers, get, JSON_BODY, newKey, request, submit } from '../helpers.ts';

/** The surveys role of the test tokens (vitest.config.ts), for the admin API's waves. */
export const SURVEYS_ADMIN = adminHeaders('surveys', JSON_BODY);

/** hono/jsx escapes text: compare with the page's HTML as a browser receives it. */
export const escaped = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');

/** Text without tags, entities decoded, runs of white space as one space: what a reader sees, in order. */
export function textOf(html: string): string {
  return html
    .replace(/<(title|desc)[^>]*>[\s\S]*?<\/\1>/g, ' ')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&quot;/g, '"')
    .replace(/&#39;|&#x27;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ');
}

/** A page's HTML, checked to be a 200 page. */
export async function page(path: string): Promise<string> {
  const res = await get(path, { 'Cache-Control': 'no-cache' });
  expect(res.status, path).toBe(200);
  expect(res.headers.get('Content-Type')).toMatch(/^text\/html/);
  return res.text();
}

/** The HTML of the first element `<tag …attribute="value"…>` up to its closing tag (elements of that tag are not nested in it). */
export function element(html: string, tag: string, attribute: string, value: string): string | null {
  const start = html.search(new RegExp(`<${tag}\\b[^>]*\\b${attribute}="${value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}"`));
  if (start < 0) return null;
  const end = html.indexOf(`</${tag}>`, start);
  return html.slice(start, end + tag.length + 3);
}

/** A town of the data that no other test in the file writes to. */
export async function townAt(offset: number): Promise<string> {
  return (await env.DB.prepare('SELECT id FROM towns ORDER BY id LIMIT 1 OFFSET ?').bind(offset).first<string>('id'))!;
}

let ip = 0;
/**
 * One stored response, each from its own network (so that none is a probable duplicate of another) unless `from`
 * says one. `secrets` replaces ENTERPRISE_WAVE_SECRETS for this request, for an enterprise wave a test adds.
 */
export async function answer(
  survey: string,
  town: string,
  overrides: Record<string, unknown> = {},
  from?: string,
  secrets?: Record<string, string>,
): Promise<void> {
  const body = { town_id: town, answers: await fullAnswers(survey, overrides), consent: { participation: true } };
  const address = from ?? `10.30.${Math.floor(ip / 250)}.${(ip++ % 250) + 1}`;
  const res = secrets
    ? await worker.fetch(
        new Request(`https://example.test/api/v1/surveys/${survey}/responses`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', 'CF-Connecting-IP': address, 'Idempotency-Key': newKey() },
          body: JSON.stringify(survey === 'enterprise' ? { ...body, enterprise_code: enterpriseCode() } : body),
        }),
        { ...env, ENTERPRISE_WAVE_SECRETS: JSON.stringify(secrets) },
      )
    : await submit(survey, body, { ip: address });
  expect(res.status, await res.clone().text()).toBe(201);
}

/** Closes a wave now through the admin API (an `after_close` wave then publishes). */
export async function closeWave(survey: string, wave: string, at = new Date().toISOString()): Promise<void> {
  const res = await request('PATCH', `/api/v1/admin/surveys/${survey}/waves/${wave}`, {
    headers: SURVEYS_ADMIN,
    body: JSON.stringify({ closes_at: at }),
  });
  expect(res.status, await res.clone().text()).toBe(200);
}

/** Adds a wave through the admin API. */
export async function addWave(
  survey: string,
  wave: {
    id: string;
    name: { zh: string; en: string };
    opens_at: string;
    closes_at: string | null;
    publication: 'after_close' | 'live_in_steps';
  },
): Promise<void> {
  const res = await request('POST', `/api/v1/admin/surveys/${survey}/waves`, { headers: SURVEYS_ADMIN, body: JSON.stringify(wave) });
  expect(res.status, await res.clone().text()).toBe(201);
}
