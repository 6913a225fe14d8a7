import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';

/** A page as a full HTML document: hono/jsx renders elements, not the doctype. */
export async function renderPage(c: Context, node: unknown, status: ContentfulStatusCode = 200): Promise<Response> {
  return c.html(`<!DOCTYPE html>${await Promise.resolve(String(node))}`, status);
}
