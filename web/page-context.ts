import type { Context } from 'hono';
import { getCookie, setCookie } from 'hono/cookie';
import type { AppEnv } from '../worker/env.ts';
import type { PageContext } from './context.ts';
import { MESSAGES, pickLang } from './i18n/index.ts';

/** Language from ?lang=, then the switcher's cookie, then Accept-Language; a ?lang= choice is remembered. */
export function pageContext(c: Context<AppEnv>): PageContext {
  const query = c.req.query('lang');
  const lang = pickLang(query, getCookie(c, 'lang'), c.req.header('Accept-Language'));
  if (query === lang)
    setCookie(c, 'lang', lang, { path: '/', maxAge: 365 * 24 * 3600, sameSite: 'Lax', secure: new URL(c.req.url).protocol === 'https:' });
  c.header('Vary', 'Accept-Language, Cookie');
  return { lang, t: MESSAGES[lang], url: new URL(c.req.url) };
}
