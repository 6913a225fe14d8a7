import type { Handler } from 'hono';
import { DOCS_CSS } from '../../docs/css.ts';
import type { AppEnv } from '../../env.ts';

/** GET /docs.css: the stylesheet of /docs. */
export const docsCssHandler: Handler<AppEnv> = (c) =>
  c.body(DOCS_CSS, 200, { 'Content-Type': 'text/css; charset=utf-8', 'Cache-Control': 'public, max-age=3600' });
