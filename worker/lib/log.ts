import { currentScope } from './request-scope.ts';

/**
 * The worker's one logger: one JSON object per line, for `wrangler tail` and Workers Logs to index, each with the
 * id of the request (or cron run) it belongs to, its method and its path. Never personal data: no query string
 * (queries carry search terms), no body, no address, no token, no contact details, and no error message that was
 * not first passed through lib/loggable-error.ts (drizzle's carry the query's values). docs/OPERATIONS.md §3.
 */
type Level = 'error' | 'warn' | 'info';

/** What a caller may add to a line; the scope's fields are the logger's alone. */
type Fields = { status?: number } & Record<string, string | number | boolean | undefined> & {
    level?: never;
    msg?: never;
    request_id?: never;
    method?: never;
    path?: never;
  };

/** Long enough for every route; a hostile 16 KB path does not become a 16 KB log line. */
const MAX_PATH = 200;
/** A suggestion's receipt is the key to its status page: the path keeps where it was, not the key. */
const RECEIPT_SEGMENT = /(\/suggestions\/)(?!new(?:\/|$))[^/]+/g;

/** The path as a log may hold it. */
export function loggablePath(path: string): string {
  const masked = path.replace(RECEIPT_SEGMENT, '$1{receipt}');
  return masked.length > MAX_PATH ? `${masked.slice(0, MAX_PATH)}…` : masked;
}

export function log(level: Level, msg: string, fields: Fields = {}): void {
  const scope = currentScope();
  const line = JSON.stringify({
    level,
    msg,
    request_id: scope?.id,
    method: scope?.method,
    path: scope?.path === undefined ? undefined : loggablePath(scope.path),
    cron: scope?.cron,
    ...fields,
  });
  // The console method sets the level Workers Logs shows and filters on.
  if (level === 'error') console.error(line);
  else if (level === 'warn') console.warn(line);
  else console.log(line);
}
