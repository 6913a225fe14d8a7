import type { SuggestionStatus } from '../../worker/schemas/suggestions.ts';
import { TURNSTILE_SCRIPT } from '../../worker/services/surveys/turnstile.ts';
import { Layout } from '../components/layout.tsx';
import { StatusBadge } from '../components/status-badge.tsx';
import { SuggestionErrorSummary, SuggestionForm, type SuggestionFormData } from '../components/suggestion-form.tsx';
import type { PageContext } from '../context.ts';

/** Turnstile's script, on a page with the form, only when submissions are verified. */
export function suggestionScripts(turnstile: { siteKey: string } | null): string[] {
  return turnstile?.siteKey ? [TURNSTILE_SCRIPT] : [];
}

/** The form on a page of its own: where a refused form comes back, with each problem beside its field. */
export function SuggestionFormPage({ ctx, data, notice }: { ctx: PageContext; data: SuggestionFormData; notice?: string }) {
  const m = ctx.t.suggest;
  return (
    <Layout ctx={ctx} title={m.formTitle} description={m.formIntro} scripts={suggestionScripts(data.turnstile)}>
      <h1>{m.formTitle}</h1>
      <p>{m.formIntro}</p>
      {notice && (
        <p class="notice" role="alert">
          {notice}
        </p>
      )}
      <SuggestionErrorSummary ctx={ctx} errors={data.errors} />
      <SuggestionForm ctx={ctx} data={data} />
    </Layout>
  );
}

/** The form as a section of a town's or a list's page, folded until opened. */
export function SuggestionSection({ ctx, data }: { ctx: PageContext; data: SuggestionFormData }) {
  const m = ctx.t.suggest;
  return (
    <section aria-labelledby="suggest-title" class="suggestion">
      <h2 id="suggest-title">{m.formTitle}</h2>
      <p>{m.formIntro}</p>
      <details id="suggest">
        <summary>{m.openForm}</summary>
        <SuggestionForm ctx={ctx} data={data} />
      </details>
    </section>
  );
}

export interface SuggestionPageData {
  suggestion: SuggestionStatus;
  listName: string | null;
  townName: string | null;
  /** True right after sending (the redirect from the form): the thanks are said. */
  justSent: boolean;
}

/** The public status page of a suggestion: what was suggested and what became of it; never the contact details. */
export function SuggestionStatusPage({ ctx, data }: { ctx: PageContext; data: SuggestionPageData }) {
  const { t } = ctx;
  const m = t.suggest;
  const s = data.suggestion;
  const g = s.suggested;
  const town = g.town_id ? (data.townName ?? g.town_id) : [g.town_name, g.province, g.city, g.county].filter(Boolean).join(' ') || null;
  return (
    <Layout ctx={ctx} title={m.receiptTitle} description={m.processText}>
      <h1>{m.receiptTitle}</h1>
      {data.justSent && <p role="status">{m.thanks}</p>}
      <dl class="meta">
        <dt>{m.receipt}</dt>
        <dd class="receipt">
          <strong id="receipt">{s.receipt}</strong>
        </dd>
        <dt>{m.status}</dt>
        <dd id="suggestion-status" data-status={s.status}>
          {m.statuses[s.status]}
        </dd>
        <dt>{m.submittedAt}</dt>
        <dd>{s.submitted_at.slice(0, 16).replace('T', ' ')}</dd>
        {s.decided_at && (
          <>
            <dt>{m.decidedAt}</dt>
            <dd>{s.decided_at.slice(0, 16).replace('T', ' ')}</dd>
          </>
        )}
        {s.reason && (
          <>
            <dt>{m.reason}</dt>
            <dd id="reason">{s.reason}</dd>
          </>
        )}
      </dl>

      <section aria-labelledby="suggested-title">
        <h2 id="suggested-title">{m.suggested}</h2>
        <dl class="meta">
          <dt>{m.kindLabel}</dt>
          <dd>{m.kinds[g.kind]}</dd>
          {g.list_id && (
            <>
              <dt>{m.list}</dt>
              <dd>
                <a href={`/lists/${g.list_id}`}>{data.listName ?? g.list_id}</a>
              </dd>
            </>
          )}
          {town && (
            <>
              <dt>{m.town}</dt>
              <dd>{g.town_id ? <a href={`/towns/${g.town_id}`}>{town}</a> : town}</dd>
            </>
          )}
          {g.proposed_status && (
            <>
              <dt>{t.town.status}</dt>
              <dd>
                <StatusBadge ctx={ctx} status={g.proposed_status} /> {g.proposed_date ?? ''}
              </dd>
            </>
          )}
          <dt>{m.detail}</dt>
          <dd class="prewrap">{g.detail}</dd>
          <dt>{t.town.source}</dt>
          {/* Shown as text, never as a link: the page must not lend its address to whatever a sender links to. */}
          <dd class="receipt">{g.source}</dd>
        </dl>
      </section>

      <section aria-labelledby="events-title">
        <h2 id="events-title">{m.events}</h2>
        {s.events.length ? (
          <ul>
            {s.events.map((e) => (
              <li>
                <a href={`/towns/${e.town_id}#event-${e.id}`}>
                  <StatusBadge ctx={ctx} status={e.status} /> {e.town_id} · {e.list_id} · {e.effective_date ?? t.town.unknownDate}
                </a>
              </li>
            ))}
          </ul>
        ) : (
          <p class="muted">{m.noEvents}</p>
        )}
      </section>

      <section aria-labelledby="process-title">
        <h2 id="process-title">{m.process}</h2>
        <p>{m.processText}</p>
      </section>
    </Layout>
  );
}
