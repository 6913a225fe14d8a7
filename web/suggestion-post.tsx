import type { Context, Hono } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { config } from '../worker/config.ts';
import type { AppEnv } from '../worker/env.ts';
import { AppError } from '../worker/errors.ts';
import { abuseControls } from '../worker/http/survey-context.ts';
import { fieldProblems } from '../worker/http/validation.ts';
import { IdempotencyKeyValue } from '../worker/schemas/common.ts';
import { SuggestionInputSchema } from '../worker/schemas/suggestions.ts';
import { listLists } from '../worker/services/lists.ts';
import { suggestionStatus } from '../worker/services/suggestions/status.ts';
import { submitSuggestion } from '../worker/services/suggestions/submit.ts';
import { getTown } from '../worker/services/towns.ts';
import { type PageContext, withQuery } from './context.ts';
import { errorPage, notFoundPage, problemStatus } from './error-pages.tsx';
import { type Refusal, sameSiteOnly, withinLimit } from './form-guards.ts';
import { pageContext } from './page-context.ts';
import { SuggestionFormPage, SuggestionStatusPage } from './pages/suggestion.tsx';
import { renderPage } from './render.ts';
import { formToSuggestion, type SuggestionValues, suggestionErrors, suggestionValues } from './suggestion-form.ts';

/** The town a form is about, or null when there is none or it is not known (the form then asks for a name). */
async function townOf(c: Context<AppEnv>, id: string | undefined): Promise<{ id: string; name: string } | null> {
  if (!id) return null;
  try {
    const town = await getTown(c.var.db, id);
    return { id: town.id, name: town.name };
  } catch (err) {
    if (err instanceof AppError && problemStatus(err.code) === 404) return null;
    throw err;
  }
}

/** The form's own page (a GET) as the URL of a page answering a post: the language switch leads back to the form. */
function formContext(c: Context<AppEnv>, values: SuggestionValues): PageContext {
  const ctx = pageContext(c);
  const url = new URL('/suggestions/new', ctx.url);
  if (values.town_id) url.searchParams.set('town', values.town_id);
  if (values.list_id) url.searchParams.set('list', values.list_id);
  url.searchParams.set('lang', ctx.lang);
  return { ...ctx, url };
}

/** A form refused before it could be read: a page saying why, with the way back to the form. */
function refusal(c: Context<AppEnv>, status: ContentfulStatusCode, kind: Refusal): Promise<Response> {
  const ctx = formContext(c, {});
  const m = ctx.t;
  return errorPage(c, status, {
    ctx,
    title: m.errorPage[`${kind}Title`],
    text: m.suggest[`${kind}Text`],
    link: { href: withQuery(ctx.url, {}), label: m.suggest.backToForm },
  });
}

/** What a refusal of the service says above the form when it is not about one field. */
function noticeFor(err: AppError, ctx: PageContext): string {
  if (err.code === 'idempotency-key-reused') return ctx.t.suggest.keyReused;
  if (err.code === 'rate-limited') return ctx.t.suggest.rateLimited;
  return ctx.t.suggest.failedHere;
}

/**
 * The site's side of the suggestions: the form's own page, the form's POST
 * (turned into the JSON API's body, checked by its schema and stored by the
 * same service; a refusal is the form again with each problem beside its
 * field; a success a 303 to the receipt's page) and the receipt's status page.
 */
export function registerSuggestionPages(app: Hono<AppEnv>): void {
  app.get('/suggestions/new', async (c) => {
    const ctx = pageContext(c);
    const [town, lists] = await Promise.all([townOf(c, c.req.query('town')), listLists(c.var.db)]);
    const list = lists.find((l) => l.id === c.req.query('list'));
    c.header('Cache-Control', 'no-store');
    const data = {
      town,
      lists,
      idempotencyKey: crypto.randomUUID(),
      values: (list ? { list_id: list.id } : {}) as SuggestionValues,
      errors: {},
      turnstile: config(c.env).turnstileWidget,
    };
    return renderPage(c, <SuggestionFormPage ctx={ctx} data={data} />);
  });

  app.post('/suggestions', sameSiteOnly(refusal), withinLimit(refusal), async (c) => {
    let values: SuggestionValues;
    try {
      values = suggestionValues(await c.req.parseBody({ all: true }));
    } catch {
      // A multipart body without its boundary, or cut short: nothing in it can be trusted.
      return refusal(c, problemStatus('invalid-parameter'), 'badForm');
    }
    const ctx = formContext(c, values);
    const key = IdempotencyKeyValue.safeParse(values.idempotency_key);
    let idempotencyKey = key.success ? key.data : crypto.randomUUID();
    const render = async (status: ContentfulStatusCode, errors: Record<string, string>, notice?: string) => {
      const [town, lists] = await Promise.all([townOf(c, values.town_id), listLists(c.var.db)]);
      c.header('Cache-Control', 'no-store');
      const data = { town, lists, idempotencyKey, values, errors, turnstile: config(c.env).turnstileWidget };
      return renderPage(c, <SuggestionFormPage ctx={ctx} data={data} notice={notice} />, status);
    };

    // The form's language button: the same form, as typed, in the language of the URL; nothing is checked or sent.
    if (values.switch_lang) return render(200, {});

    const parsed = SuggestionInputSchema.safeParse(formToSuggestion(values));
    if (!parsed.success) {
      const errors = suggestionErrors(fieldProblems(parsed.error.issues as Parameters<typeof fieldProblems>[0], 'form'), ctx.t);
      return render(problemStatus('invalid-parameter'), errors, Object.keys(errors).length ? undefined : ctx.t.suggest.failedHere);
    }
    try {
      const result = await submitSuggestion(c.var.db, parsed.data, abuseControls(c, idempotencyKey));
      return c.redirect(`/suggestions/${encodeURIComponent(result.receipt.receipt)}?lang=${ctx.lang}&sent=1`, 303);
    } catch (err) {
      if (!(err instanceof AppError)) throw err;
      const status = problemStatus(err.code);
      for (const [name, value] of Object.entries(err.headers ?? {})) c.header(name, value);
      // The form was sent before with something else: this one gets a key of its own, to be sent again as it is.
      if (err.code === 'idempotency-key-reused') idempotencyKey = crypto.randomUUID();
      if (err.code === 'verification-failed') return render(status, { turnstile: ctx.t.survey.verifyFailed });
      const errors = suggestionErrors(err.errors ?? [], ctx.t);
      return render(status, errors, Object.keys(errors).length ? undefined : noticeFor(err, ctx));
    }
  });

  app.get('/suggestions/:receipt', async (c) => {
    const ctx = pageContext(c);
    let suggestion: Awaited<ReturnType<typeof suggestionStatus>>;
    try {
      suggestion = await suggestionStatus(c.var.db, c.req.param('receipt'));
    } catch (err) {
      if (err instanceof AppError && err.code === 'not-found') return notFoundPage(c, ctx);
      throw err;
    }
    const [lists, town] = await Promise.all([listLists(c.var.db), townOf(c, suggestion.suggested.town_id ?? undefined)]);
    const list = lists.find((l) => l.id === suggestion.suggested.list_id);
    // Private to whoever holds the receipt, and changed by a decision: never kept.
    c.header('Cache-Control', 'no-store');
    c.header('X-Robots-Tag', 'noindex');
    const data = {
      suggestion,
      listName: list ? (ctx.lang === 'zh' ? list.name : list.name_en) : null,
      townName: town?.name ?? null,
      justSent: c.req.query('sent') === '1',
    };
    return renderPage(c, <SuggestionStatusPage ctx={ctx} data={data} />);
  });
}
