/** A registered route: its method and Hono path pattern (`/api/v1/towns/:id`). */
export interface RouteEntry {
  method: string;
  path: string;
}

/** `/api/v1/towns/:id` as a RegExp of the paths it matches: exactly, as the router in strict mode does (no trailing `/`). */
function patternToRegExp(path: string): RegExp {
  const escaped = path
    .split('/')
    .map((segment) => (segment.startsWith(':') ? '[^/]+' : segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')))
    .join('/');
  return new RegExp(`^${escaped}$`);
}

type Compiled = { method: string; pattern: RegExp }[];

/** Compiled once per route table (routes are registered at start-up), again only if one was added since. */
const compiled = new WeakMap<RouteEntry[], { size: number; table: Compiled }>();

function compile(routes: RouteEntry[]): Compiled {
  const known = compiled.get(routes);
  if (known?.size === routes.length) return known.table;
  const table = routes
    .filter((r) => r.method !== 'ALL' && !r.path.includes('*'))
    .map((r) => ({ method: r.method, pattern: patternToRegExp(r.path) }));
  compiled.set(routes, { size: routes.length, table });
  return table;
}

/**
 * The methods the path answers to, for a 405 or an OPTIONS answer with
 * `Allow`; empty when no route has this path at all (a 404).
 */
export function allowedMethods(routes: RouteEntry[], path: string): string[] {
  const methods = new Set<string>();
  for (const route of compile(routes)) if (route.pattern.test(path)) methods.add(route.method);
  if (methods.has('GET')) methods.add('HEAD');
  if (methods.size) methods.add('OPTIONS');
  return [...methods].sort();
}
