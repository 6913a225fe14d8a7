import { exports } from 'cloudflare:workers';
import { vi } from 'vitest';
import type { z } from 'zod';
import { usccCheckCharacter } from '../worker/lib/uscc.ts';
import { SurveySchema } from '../worker/schemas/surveys.ts';
import { answersTo } from './survey-answers.ts';

export { ADMIN_TOKENS, adminHeaders, JSON_BODY, KNOWN_TOWN, type TestRole } from './fixtures.ts';

/** A request to the worker, as a client on the internet would send it. */
export function get(path: string, headers: Record<string, string> = {}): Promise<Response> {
  return exports.default.fetch(new Request(`https://example.test${path}`, { headers }));
}

export function request(method: string, path: string, init: RequestInit = {}): Promise<Response> {
  return exports.default.fetch(new Request(`https://example.test${path}`, { method, ...init }));
}

/**
 * GETs `path` and reads its JSON body. The body is `unknown` unless the caller names its type: prefer parsing it
 * through the contract's schema (`parseAs`), which both checks and types it; name a type by hand only for a shape
 * no schema describes (a problem, a slice the test looks at).
 */
export async function getJson<T = unknown>(path: string, headers: Record<string, string> = {}): Promise<{ res: Response; body: T }> {
  const res = await get(path, headers);
  return { res, body: (await res.json()) as T };
}

/**
 * Checks `body` against a contract schema (worker/schemas/) and gives it back typed. It throws zod's message, which
 * says which field broke the contract. It returns the body as it came, not zod's copy: a schema strips unknown
 * keys, and a test that looks for a field that must not be there has to see it.
 */
export function parseAs<S extends z.ZodType>(schema: S, body: unknown): z.output<S> {
  const parsed = schema.safeParse(body);
  if (!parsed.success) throw new Error(`the body breaks the contract: ${parsed.error.message}`);
  return body as z.output<S>;
}

/** GETs `path`, checks its JSON body against `schema` and gives it typed (see parseAs). */
export async function getParsed<S extends z.ZodType>(
  schema: S,
  path: string,
  headers: Record<string, string> = {},
): Promise<{ res: Response; body: z.output<S> }> {
  const { res, body } = await getJson(path, headers);
  return { res, body: parseAs(schema, body) };
}

let counter = 0;
/** A fresh Idempotency-Key, unique in the test run. */
export function newKey(): string {
  counter += 1;
  return `test-key-${Date.now()}-${counter}-${Math.random().toString(36).slice(2)}`;
}

/** Answers to every question of the current version: 4 on every scale, 8 to recommend, the first option elsewhere. */
export async function fullAnswers(surveyId: string, overrides: Record<string, unknown> = {}): Promise<Record<string, unknown>> {
  const { body } = await getParsed(SurveySchema, `/api/v1/surveys/${surveyId}`);
  return { ...answersTo(body), ...overrides };
}

export interface SubmitOptions {
  key?: string | null;
  ip?: string;
  headers?: Record<string, string>;
}

/** A valid unified social credit code (GB 32100-2015), a new one at each call unless `n` is given: made up, no enterprise has it. */
export function enterpriseCode(n = ++counter): string {
  const first17 = `91110108${String(n % 1e9).padStart(9, '0')}`;
  return first17 + usccCheckCharacter(first17);
}

/**
 * POSTs a submission as a browser would, from its own address unless told otherwise. An enterprise submission
 * gets an enterprise code of its own unless the body says one (or says `enterprise_code: undefined`).
 */
export function submit(surveyId: string, body: unknown, options: SubmitOptions = {}): Promise<Response> {
  if (surveyId === 'enterprise' && body && typeof body === 'object' && !('enterprise_code' in body))
    body = { ...body, enterprise_code: enterpriseCode() };
  const headers: Record<string, string> = {
    'Content-Type': 'application/json',
    'CF-Connecting-IP': options.ip ?? `198.51.100.${(counter % 250) + 1}`,
    ...options.headers,
  };
  const key = options.key === undefined ? newKey() : options.key;
  if (key !== null) headers['Idempotency-Key'] = key;
  return request('POST', `/api/v1/surveys/${surveyId}/responses`, {
    headers,
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

/**
 * The local rate limiter (Miniflare's) counts in fixed windows aligned to the clock's minutes, so a test that
 * spends a budget and expects the 429 must do so within one window: on a busy machine a test of a few seconds
 * started late in a minute crosses into the next one and finds its budget renewed. This waits for the next
 * window when less than `needMs` of the current one is left. Give such tests a timeout above a minute.
 */
export async function withinOneRateWindow(needMs = 30_000): Promise<void> {
  const left = 60_000 - (Date.now() % 60_000);
  if (left < needMs) await new Promise((resolve) => setTimeout(resolve, left + 200));
}

/** A D1 binding that fails as an unexpected bug would (no table), or as a busy D1 does. */
export function failingDb(message: string): D1Database {
  const fail = () => {
    throw new Error(message);
  };
  return { withSession: fail, prepare: fail, batch: fail, exec: fail, dump: fail } as unknown as D1Database;
}

/** Every line the worker logs during `run`, by console method. */
export async function logged(run: () => Promise<unknown>): Promise<{ level: string; line: string }[]> {
  const lines: { level: string; line: string }[] = [];
  for (const level of ['log', 'info', 'warn', 'error', 'debug'] as const) {
    vi.spyOn(console, level).mockImplementation((...args: unknown[]) => void lines.push({ level, line: args.map(String).join(' ') }));
  }
  await run();
  vi.restoreAllMocks();
  return lines;
}
