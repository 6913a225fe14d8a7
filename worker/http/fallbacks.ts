import type { Context, ErrorHandler, NotFoundHandler } from 'hono';
import type { AppEnv } from '../env.ts';
import { AppError } from '../errors.ts';
import { handleError } from './errors.ts';
import { allowedMethods, type RouteEntry } from './method-not-allowed.ts';
import { PROBLEMS, problemResponse } from './problem.ts';

/** Paths read by programs, answered with problem+json (never an HTML page) when something is wrong: the API and the bulk downloads. */
const MACHINE_PATHS = /^\/(api|downloads)(\/|$)/;

/** The site's "not found" page, for a person. */
type NotFoundPage = (c: Context<AppEnv>) => Promise<Response>;

/**
 * When no route answers: 405 with Allow if the path has other methods; else 404,
 * problem+json on a machine path and the site's page elsewhere.
 */
export function notFound(routes: () => RouteEntry[], notFoundPage: NotFoundPage): NotFoundHandler<AppEnv> {
  return (c) => {
    // The canonical path the router matched (see http/canonical-path.ts), decoded.
    const path = c.req.path;
    const allow = allowedMethods(routes(), path);
    if (allow.length) {
      return problemResponse('method-not-allowed', `${c.req.method} is not allowed on ${path}. Allowed: ${allow.join(', ')}.`, {
        instance: path,
        headers: { Allow: allow.join(', ') },
      });
    }
    if (!MACHINE_PATHS.test(path)) return notFoundPage(c);
    return problemResponse('not-found', `There is nothing at ${path}. The API reference is at /docs.`, { instance: path });
  };
}

/** When a handler throws: problem+json (http/errors.ts), except a page of the site that does not exist. */
export function onError(notFoundPage: NotFoundPage): ErrorHandler<AppEnv> {
  return (err, c) => {
    // A page of the site asked for something that does not exist: a page, not problem+json.
    const page = !MACHINE_PATHS.test(c.req.path) && c.req.method === 'GET';
    if (page && err instanceof AppError && PROBLEMS[err.code].status === 404) return notFoundPage(c);
    return handleError(err, c);
  };
}
