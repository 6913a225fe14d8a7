import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * What one request (or one cron run) is known by in the logs and in its problem responses: its id, and for a
 * request its method and path (the pathname, never the query string). Carried by AsyncLocalStorage
 * (nodejs_compat), so that code called without the request's context (problemResponse, services logging a
 * misconfiguration) still names the request it serves, without threading the id through every call.
 */
export interface RequestScope {
  id: string;
  method?: string;
  path?: string;
  /** The cron expression of a scheduled run. */
  cron?: string;
}

const storage = new AsyncLocalStorage<RequestScope>();

/** Runs `fn`, and everything it awaits, inside `scope`. */
export function inScope<T>(scope: RequestScope, fn: () => T): T {
  return storage.run(scope, fn);
}

/** The scope of the request or run being served, or undefined outside one (a unit test, a script). */
export function currentScope(): RequestScope | undefined {
  return storage.getStore();
}
