import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { AppEnv } from '../worker/env.ts';
import type { ErrorCode } from '../worker/errors.ts';
import { PROBLEMS } from '../worker/http/problem.ts';
import type { PageContext } from './context.ts';
import { pageContext } from './page-context.ts';
import { ErrorPage, type ErrorPageProps } from './pages/error.tsx';
import { NotFoundPage } from './pages/not-found.tsx';
import { renderPage } from './render.ts';

/** The status a page answers with for an error code: the API's, from its one problem map. */
export function problemStatus(code: ErrorCode): ContentfulStatusCode {
  return PROBLEMS[code].status as ContentfulStatusCode;
}

/** A page for what does not exist (yet): not kept, so that it never outlives the thing being created. */
export function notFoundPage(c: Context<AppEnv>, ctx: PageContext = pageContext(c)): Promise<Response> {
  c.header('Cache-Control', 'no-store');
  return renderPage(c, <NotFoundPage ctx={ctx} />, problemStatus('not-found'));
}

/** A refusal as a page with its status; never stored by a cache, since it answers one request. */
export function errorPage(c: Context<AppEnv>, status: ContentfulStatusCode, page: ErrorPageProps): Promise<Response> {
  c.header('Cache-Control', 'no-store');
  return renderPage(c, <ErrorPage {...page} />, status);
}
