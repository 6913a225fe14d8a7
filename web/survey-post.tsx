import type { Context, Hono } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { config } from '../worker/config.ts';
import type { AppEnv } from '../worker/env.ts';
import { AppError, type ErrorCode } from '../worker/errors.ts';
import { submitContext } from '../worker/http/survey-context.ts';
import { fieldProblems } from '../worker/http/validation.ts';
import { IdempotencyKeyValue } from '../worker/schemas/common.ts';
import { SubmissionSchema } from '../worker/schemas/surveys.ts';
import { getSurvey, listWaves, type Survey, type Wave } from '../worker/services/surveys/definitions.ts';
import { submitResponse } from '../worker/services/surveys/submit.ts';
import { getTown } from '../worker/services/towns.ts';
import { type PageContext, withQuery } from './context.ts';
import { errorPage, notFoundPage, problemStatus } from './error-pages.tsx';
import { type Refusal, sameSiteOnly, withinLimit } from './form-guards.ts';
import { pageContext } from './page-context.ts';
import { closedNotice, SurveyFormPage } from './pages/survey.tsx';
import { renderPage } from './render.ts';
import { type FormBody, formErrors, formToSubmission, formValues } from './survey-form.ts';

/**
 * A page answering a posted form, with the form's own address (a GET) as its
 * URL: the language switch and the links back then lead to the questionnaire,
 * not to a POST-only path.
 */
function postedContext(c: Context<AppEnv>): PageContext {
  const ctx = pageContext(c);
  const form = new URL(`/survey/${encodeURIComponent(c.req.param('id') ?? '')}`, ctx.url);
  form.searchParams.set('town', c.req.param('town') ?? '');
  form.searchParams.set('lang', ctx.lang);
  return { ...ctx, url: form };
}

/** A form refused before it could be read: a page saying why, with the way back to the questionnaire. */
function refusal(c: Context<AppEnv>, status: ContentfulStatusCode, kind: Refusal): Promise<Response> {
  const ctx = postedContext(c);
  const m = ctx.t.errorPage;
  return errorPage(c, status, {
    ctx,
    title: m[`${kind}Title`],
    text: m[`${kind}Text`],
    link: { href: withQuery(ctx.url, {}), label: m.backToForm },
  });
}

/** What a refusal of the submission service says on the form, when it is not about one field. */
async function noticeFor(code: ErrorCode, ctx: PageContext, readWaves: () => Promise<Wave[]>): Promise<string> {
  const t = ctx.t;
  // Read again: the wave closed after the form was opened, and the next may have been scheduled since.
  if (code === 'survey-closed') return closedNotice(t, ctx.lang, await readWaves().catch(() => []));
  // One answer per enterprise, town and wave: the code is valid, so this is not said beside it as a mistake.
  if (code === 'already-answered') return t.survey.alreadyAnswered;
  if (code === 'idempotency-key-reused') return t.survey.keyReused;
  // Only the form's own page can be shown here: "saved in this browser" is what survey.js says, and only with JavaScript.
  return t.survey.failedHere;
}

/**
 * Without JavaScript the questionnaire posts here. The form is turned into the
 * JSON API's submission, checked by the API's schema and stored by the same
 * service; every refusal is the form again with its status and what to fix.
 */
export function registerSurveyPost(app: Hono<AppEnv>): void {
  app.post('/survey/:id/:town', sameSiteOnly(refusal), withinLimit(refusal), async (c) => {
    const ctx = postedContext(c);
    const db = c.var.db;
    let survey: Survey;
    let town: Awaited<ReturnType<typeof getTown>>;
    let waves: Wave[];
    try {
      [survey, town, waves] = await Promise.all([
        getSurvey(db, c.req.param('id')),
        getTown(db, c.req.param('town')),
        listWaves(db, c.req.param('id')),
      ]);
    } catch (err) {
      if (err instanceof AppError && problemStatus(err.code) === 404) return notFoundPage(c, ctx);
      throw err;
    }
    let body: FormBody;
    try {
      body = (await c.req.parseBody({ all: true })) as FormBody;
    } catch {
      // A multipart body without its boundary, or cut short: nothing in it can be trusted.
      return refusal(c, problemStatus('invalid-parameter'), 'badForm');
    }
    const values = formValues(body);
    const key = IdempotencyKeyValue.safeParse(values.idempotency_key);
    const idempotencyKey = key.success ? key.data : crypto.randomUUID();
    const render = (status: ContentfulStatusCode, errors: Record<string, string>, notice?: string) => {
      c.header('Cache-Control', 'no-store');
      const data = {
        survey,
        waves,
        town,
        idempotencyKey,
        values,
        errors,
        notice,
        minSample: config(c.env).minSample,
        turnstile: config(c.env).turnstileWidget,
      };
      return renderPage(c, <SurveyFormPage ctx={ctx} data={data} />, status);
    };

    const parsed = SubmissionSchema.safeParse(formToSubmission(survey, town.id, values));
    if (!parsed.success) {
      const errors = formErrors(fieldProblems(parsed.error.issues as Parameters<typeof fieldProblems>[0], 'form'), ctx.t);
      return render(problemStatus('invalid-parameter'), errors, Object.keys(errors).length ? undefined : ctx.t.survey.failedHere);
    }
    try {
      const result = await submitResponse(db, parsed.data, submitContext(c, survey.id, idempotencyKey));
      return c.redirect(`/survey/thanks?receipt=${encodeURIComponent(result.receipt.receipt)}&lang=${ctx.lang}`, 303);
    } catch (err) {
      if (!(err instanceof AppError)) throw err;
      const status = problemStatus(err.code);
      if (status === 404) return notFoundPage(c, ctx);
      for (const [name, value] of Object.entries(err.headers ?? {})) c.header(name, value);
      if (err.code === 'verification-failed') return render(status, { turnstile: ctx.t.survey.verifyFailed });
      const errors = err.code === 'already-answered' ? {} : formErrors(err.errors ?? [], ctx.t);
      return render(
        status,
        errors,
        Object.keys(errors).length ? undefined : await noticeFor(err.code, ctx, () => listWaves(db, survey.id)),
      );
    }
  });
}
