import type { Context, Hono } from 'hono';
import { config } from '../worker/config.ts';
import type { AppEnv } from '../worker/env.ts';
import { AppError } from '../worker/errors.ts';
import { isValidIsoDate } from '../worker/lib/dates.ts';
import { isStatus } from '../worker/lib/statuses.ts';
import { getList, listLists } from '../worker/services/lists.ts';
import { listingsByYear, totalResponses } from '../worker/services/overview.ts';
import { listSources } from '../worker/services/sources.ts';
import { getStats, type Stats } from '../worker/services/stats.ts';
import { getSurvey, listSurveys, listWaves } from '../worker/services/surveys/definitions.ts';
import { findReceipt } from '../worker/services/surveys/receipts.ts';
import { groupedSatisfaction, townSatisfaction } from '../worker/services/surveys/results.ts';
import { getTown, getTownHistory, listTowns } from '../worker/services/towns.ts';
import { type PageContext, withQuery } from './context.ts';
import { errorPage, notFoundPage, problemStatus } from './error-pages.tsx';
import { pageContext } from './page-context.ts';
import { AccessibilityPage } from './pages/accessibility.tsx';
import { DataPage } from './pages/data.tsx';
import { HomePage } from './pages/home.tsx';
import { ListPage } from './pages/list.tsx';
import { ListsPage } from './pages/lists.tsx';
import { MethodologyPage } from './pages/methodology.tsx';
import { StatsPage } from './pages/stats.tsx';
import { SurveyChooserPage, SurveyFormPage, ThanksPage } from './pages/survey.tsx';
import { TownPage } from './pages/town.tsx';
import { TownsPage } from './pages/towns.tsx';
import { provinceMapData } from './province-map-data.ts';
import { renderPage } from './render.ts';
import { registerSuggestionPages } from './suggestion-post.tsx';
import { registerSurveyPost } from './survey-post.tsx';

export { notFoundPage, pageContext };

/** Pages are in the reader's language (cookie or Accept-Language): a browser may keep them, a shared cache may not. */
const PAGE_CACHE = 'private, max-age=60';
const param = (c: Context<AppEnv>, name: string) => c.req.param(name) ?? '';

/** A town search for the site: a short query, trimmed, or nothing. */
function searchQuery(c: Context<AppEnv>): string {
  return (c.req.query('q') ?? '').trim().slice(0, 50);
}

/** A page of towns, or null when the cursor is not one the API gave (a hand-edited or stale "next page" link). */
function orBadCursor<T>(page: Promise<T>): Promise<T | null> {
  return page.catch((err: unknown) => {
    if (err instanceof AppError && err.code === 'invalid-cursor') return null;
    throw err;
  });
}

/** The refusal of a bad cursor: a page that says so, with the way back to the first page. */
function badCursorPage(c: Context<AppEnv>, ctx: PageContext): Promise<Response> {
  const m = ctx.t.errorPage;
  return errorPage(c, problemStatus('invalid-cursor'), {
    ctx,
    title: m.badCursorTitle,
    text: m.badCursorText,
    link: { href: withQuery(ctx.url, { cursor: null }), label: m.firstPage },
  });
}

/** The provinces that hold at least one of the counted towns, for a page's province filter. */
const heldProvinces = (stats: Stats) =>
  stats.groups
    .filter((g) => g.memberships > 0)
    .map((g) => g.key)
    .sort();

/** The links to the next and to the first page of a paged table. */
function pageLinks(ctx: PageContext, nextCursor: string | null, cursor: string | undefined) {
  return {
    nextUrl: nextCursor ? withQuery(ctx.url, { cursor: nextCursor }) : null,
    firstUrl: cursor ? withQuery(ctx.url, { cursor: null }) : null,
  };
}

/**
 * The correction and addition form of a town's or a list's page. Its key is
 * new with each rendering; a page kept by the browser may send it twice, and
 * the form's route then gives the second suggestion a key of its own.
 */
function suggestionForm(
  c: Context<AppEnv>,
  lists: { id: string; name: string; name_en: string }[],
  town: { id: string; name: string } | null,
  values: Record<string, string>,
) {
  return { town, lists, idempotencyKey: crypto.randomUUID(), values, errors: {}, turnstile: config(c.env).turnstileWidget };
}

/** The web site: server-rendered pages built from the same services as the API. */
export function registerSite(app: Hono<AppEnv>): void {
  app.get('/', async (c) => {
    const ctx = pageContext(c);
    const db = c.var.db;
    const query = searchQuery(c);
    const [towns, lists, responses, byStatus, results] = await Promise.all([
      listTowns(db, { sort: 'name', limit: 1 }),
      listLists(db),
      totalResponses(db),
      getStats(db, { group_by: 'status' }),
      query ? listTowns(db, { q: query, sort: 'name', limit: 30 }) : Promise.resolve(null),
    ]);
    const map = await provinceMapData(db, lists, { list: c.req.query('list'), status: c.req.query('status') });
    c.header('Cache-Control', PAGE_CACHE);
    return renderPage(
      c,
      <HomePage ctx={ctx} data={{ towns: towns.total, lists, responses, byStatus, query, results: results?.items ?? null, map }} />,
    );
  });

  app.get('/lists', async (c) => {
    c.header('Cache-Control', PAGE_CACHE);
    return renderPage(c, <ListsPage ctx={pageContext(c)} lists={await listLists(c.var.db)} />);
  });

  app.get('/lists/:id', async (c) => {
    const ctx = pageContext(c);
    const db = c.var.db;
    const list = await getList(db, param(c, 'id'));
    const status = c.req.query('status');
    const asOf = c.req.query('as_of');
    const filters = {
      province: c.req.query('province') || undefined,
      status: status && isStatus(status) ? status : undefined,
      as_of: asOf && isValidIsoDate(asOf) ? asOf : undefined,
    };
    const cursor = c.req.query('cursor') || undefined;
    const [page, all, lists] = await Promise.all([
      orBadCursor(listTowns(db, { list: list.id, ...filters, sort: 'province', limit: 50, cursor })),
      getStats(db, { list: list.id, group_by: 'province' }),
      listLists(db),
    ]);
    if (!page) return badCursorPage(c, ctx);
    // The download holds exactly the filtered towns of the table, every page of them, in the same order.
    const csv = new URLSearchParams({ format: 'csv', sort: 'province' });
    for (const [k, v] of Object.entries(filters)) if (v) csv.set(k, v);
    c.header('Cache-Control', PAGE_CACHE);
    return renderPage(
      c,
      <ListPage
        ctx={ctx}
        data={{
          list,
          page,
          filters,
          provinces: heldProvinces(all),
          csvUrl: `/api/v1/lists/${list.id}/towns?${csv}`,
          ...pageLinks(ctx, page.next_cursor, cursor),
          suggestion: suggestionForm(c, lists, null, { kind: 'addition', list_id: list.id }),
        }}
      />,
    );
  });

  // The towns of every list in one province and status: where the province map links when no list is chosen.
  app.get('/towns', async (c) => {
    const ctx = pageContext(c);
    const province = (c.req.query('province') ?? '').trim().slice(0, 50) || undefined;
    const rawStatus = (c.req.query('status') ?? '').trim();
    const status = isStatus(rawStatus) ? rawStatus : undefined;
    const cursor = c.req.query('cursor') || undefined;
    const [page, all] = await Promise.all([
      orBadCursor(listTowns(c.var.db, { province, status, sort: 'province', limit: 50, cursor })),
      getStats(c.var.db, { group_by: 'province' }),
    ]);
    if (!page) return badCursorPage(c, ctx);
    // The download holds exactly the filtered towns of the table, every page of them, in the same order.
    const csv = new URLSearchParams({ format: 'csv', sort: 'province' });
    if (province) csv.set('province', province);
    if (status) csv.set('status', status);
    c.header('Cache-Control', PAGE_CACHE);
    return renderPage(
      c,
      <TownsPage
        ctx={ctx}
        data={{
          page,
          filters: { province, status },
          provinces: heldProvinces(all),
          ignoredStatus: rawStatus && !status ? rawStatus.slice(0, 80) : null,
          csvUrl: `/api/v1/towns?${csv}`,
          ...pageLinks(ctx, page.next_cursor, cursor),
        }}
      />,
    );
  });

  app.get('/towns/:id', async (c) => {
    const ctx = pageContext(c);
    const db = c.var.db;
    const id = param(c, 'id');
    const town = await getTown(db, id);
    const [history, satisfaction, lists] = await Promise.all([
      getTownHistory(db, id),
      townSatisfaction(db, id, config(c.env).minSample),
      listLists(db),
    ]);
    c.header('Cache-Control', 'no-cache');
    const suggestion = suggestionForm(c, lists, { id: town.id, name: town.name }, {});
    return renderPage(c, <TownPage ctx={ctx} data={{ town, history: history.items, satisfaction, suggestion }} />);
  });

  app.get('/stats', async (c) => {
    const ctx = pageContext(c);
    const db = c.var.db;
    const [byProvince, byStatus, byYear, surveys, satisfaction, lists] = await Promise.all([
      getStats(db, { group_by: 'province' }),
      getStats(db, { group_by: 'status' }),
      listingsByYear(db),
      listSurveys(db),
      // Every wave that has opened, as published for all towns together: the trend and the national IPA.
      groupedSatisfaction(db, {}, 'all', config(c.env).minSample),
      listLists(db),
    ]);
    const map = await provinceMapData(db, lists, { list: c.req.query('list'), status: c.req.query('status') });
    c.header('Cache-Control', PAGE_CACHE);
    return renderPage(c, <StatsPage ctx={ctx} data={{ byProvince, byStatus, byYear, surveys, satisfaction, map }} />);
  });

  app.get('/data', async (c) => {
    c.header('Cache-Control', PAGE_CACHE);
    return renderPage(c, <DataPage ctx={pageContext(c)} sources={await listSources(c.var.db)} minSample={config(c.env).minSample} />);
  });

  app.get('/accessibility', (c) => {
    c.header('Cache-Control', PAGE_CACHE);
    return renderPage(c, <AccessibilityPage ctx={pageContext(c)} contact={config(c.env).publicContact} />);
  });

  app.get('/methodology', (c) => {
    c.header('Cache-Control', PAGE_CACHE);
    return renderPage(c, <MethodologyPage ctx={pageContext(c)} minSample={config(c.env).minSample} />);
  });

  app.get('/survey', async (c) => {
    c.header('Cache-Control', PAGE_CACHE);
    return renderPage(
      c,
      <SurveyChooserPage ctx={pageContext(c)} data={{ surveys: await listSurveys(c.var.db), survey: null, query: '', results: null }} />,
    );
  });

  app.get('/survey/thanks', async (c) => {
    const ctx = pageContext(c);
    const receipt = await findReceipt(c.var.db, c.req.query('receipt') ?? '');
    if (!receipt) return notFoundPage(c);
    const town = await getTown(c.var.db, receipt.townId);
    c.header('Cache-Control', 'no-store');
    return renderPage(c, <ThanksPage ctx={ctx} receipt={receipt.id} town={town} />);
  });

  app.get('/survey/:id', async (c) => {
    const ctx = pageContext(c);
    const db = c.var.db;
    const survey = await getSurvey(db, param(c, 'id'));
    const townId = c.req.query('town');
    if (!townId) {
      const query = searchQuery(c);
      const results = query ? (await listTowns(db, { q: query, sort: 'name', limit: 30 })).items : null;
      c.header('Cache-Control', PAGE_CACHE);
      return renderPage(c, <SurveyChooserPage ctx={ctx} data={{ surveys: [], survey, query, results }} />);
    }
    const [town, waves] = await Promise.all([getTown(db, townId), listWaves(db, survey.id)]);
    c.header('Cache-Control', 'no-store');
    return renderPage(
      c,
      <SurveyFormPage
        ctx={ctx}
        data={{
          survey,
          waves,
          town,
          idempotencyKey: crypto.randomUUID(),
          values: {},
          errors: {},
          minSample: config(c.env).minSample,
          turnstile: config(c.env).turnstileWidget,
        }}
      />,
    );
  });

  // Without JavaScript the form posts here (web/survey-post.tsx).
  registerSurveyPost(app);
  // The correction and addition form of the town and list pages, and the receipts' status pages.
  registerSuggestionPages(app);
}
