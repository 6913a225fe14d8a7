import { exports } from 'cloudflare:workers';

/** A request to the worker, as a client on the internet would send it. */
export function get(path: string, headers: Record<string, string> = {}): Promise<Response> {
  return exports.default.fetch(new Request(`https://example.test${path}`, { headers }));
}

export function request(method: string, path: string, init: RequestInit = {}): Promise<Response> {
  return exports.default.fetch(new Request(`https://example.test${path}`, { method, ...init }));
}

export async function getJson<T = any>(path: string, headers: Record<string, string> = {}): Promise<{ res: Response; body: T }> {
  const res = await get(path, headers);
  return { res, body: (await res.json()) as T };
}
