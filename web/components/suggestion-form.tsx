import { STATUSES } from '../../worker/lib/statuses.ts';
import type { PageContext } from '../context.ts';
import { fmt } from '../i18n/index.ts';
import type { SuggestionValues } from '../suggestion-form.ts';
import { Honeypot, TurnstileField } from './abuse-fields.tsx';

export interface SuggestionFormData {
  /** The town whose page the form is on, or null (a list's page, the form's own page). */
  town: { id: string; name: string } | null;
  /** Every list, to choose the one concerned; `values.list_id` preselects one. */
  lists: { id: string; name: string; name_en: string }[];
  idempotencyKey: string;
  values: SuggestionValues;
  /** Field name → message, beside the field. */
  errors: Record<string, string>;
  /** Turnstile's widget when submissions are verified, else null. */
  turnstile: { siteKey: string } | null;
}

/** A labelled field with its message: the message is tied to the field (aria-describedby), and the box marked. */
function Field({ name, label, error, children }: { name: string; label: string; error?: string; children: unknown }) {
  return (
    <div class={`question${error ? ' has-error' : ''}`} id={`sg-q-${name}`}>
      <label for={`sg-${name}`}>{label}</label>
      <p class="error" id={`sg-err-${name}`} hidden={!error}>
        {error ?? ''}
      </p>
      {children}
    </div>
  );
}

/**
 * The correction and addition form of a town's or a list's page, and of its
 * own page: a plain POST to /suggestions, which redirects to the receipt's
 * status page (web/suggestion-post.tsx). Works without JavaScript.
 */
export function SuggestionForm({ ctx, data }: { ctx: PageContext; data: SuggestionFormData }) {
  const { t, lang } = ctx;
  const m = t.suggest;
  const { values, errors, town } = data;
  const v = (name: string) => values[name] ?? '';
  const kind = v('kind') || (town ? 'correction' : 'addition');
  const other = lang === 'zh' ? 'en' : 'zh';
  const described = (name: string) => ({
    id: `sg-${name}`,
    name,
    'aria-describedby': `sg-err-${name}`,
    'aria-invalid': errors[name] ? ('true' as const) : undefined,
  });
  return (
    <form method="post" action={`/suggestions?lang=${lang}`} class="suggestion-form" novalidate>
      <input type="hidden" name="idempotency_key" value={data.idempotencyKey} />
      {town && <input type="hidden" name="town_id" value={town.id} />}
      {town && <p class="muted">{fmt(m.forTown, { town: town.name })}</p>}
      <fieldset class={`question${errors.kind ? ' has-error' : ''}`} id="sg-q-kind">
        <legend>{m.kind}</legend>
        <p class="error" id="sg-err-kind" hidden={!errors.kind}>
          {errors.kind ?? ''}
        </p>
        <div class="choices">
          {(['correction', 'addition'] as const).map((k) => (
            <label class="choice">
              <input type="radio" name="kind" value={k} checked={kind === k} aria-describedby="sg-err-kind" />
              <span>{k === 'addition' ? m.kindAddition : m.kindCorrection}</span>
            </label>
          ))}
        </div>
      </fieldset>
      <Field name="list_id" label={m.list} error={errors.list_id}>
        <select {...described('list_id')}>
          <option value="">{m.listNone}</option>
          {data.lists.map((l) => (
            <option value={l.id} selected={v('list_id') === l.id}>
              {lang === 'zh' ? l.name : l.name_en}
            </option>
          ))}
        </select>
      </Field>
      {!town && (
        <div class="contact-grid">
          <Field name="town_name" label={m.townName} error={errors.town_name}>
            <input {...described('town_name')} maxlength={50} value={v('town_name')} />
          </Field>
          <Field name="province" label={m.province} error={errors.province}>
            <input {...described('province')} maxlength={20} value={v('province')} />
          </Field>
          <Field name="city" label={m.city} error={errors.city}>
            <input {...described('city')} maxlength={50} value={v('city')} />
          </Field>
          <Field name="county" label={m.county} error={errors.county}>
            <input {...described('county')} maxlength={50} value={v('county')} />
          </Field>
        </div>
      )}
      <div class="contact-grid">
        <Field name="proposed_status" label={m.proposedStatus} error={errors.proposed_status}>
          <select {...described('proposed_status')}>
            <option value="">{m.statusNone}</option>
            {STATUSES.map((s) => (
              <option value={s} selected={v('proposed_status') === s}>
                {t.statuses[s]}
              </option>
            ))}
          </select>
        </Field>
        <Field name="proposed_date" label={m.proposedDate} error={errors.proposed_date}>
          <input {...described('proposed_date')} maxlength={10} inputmode="numeric" value={v('proposed_date')} />
        </Field>
      </div>
      <Field name="detail" label={`${m.detail} ${m.required}`} error={errors.detail}>
        <textarea {...described('detail')} maxlength={2000} rows={4} aria-required="true">
          {v('detail')}
        </textarea>
      </Field>
      <Field name="source" label={m.source} error={errors.source}>
        <input {...described('source')} maxlength={500} aria-required="true" value={v('source')} />
      </Field>
      <details open={Boolean(v('email') || v('phone') || v('contact_name') || errors.contact_consent)}>
        <summary>{m.contactTitle}</summary>
        <p class="muted">{m.contactIntro}</p>
        <div class={`question${errors.contact_consent ? ' has-error' : ''}`} id="sg-q-contact_consent">
          <p class="error" id="sg-err-contact_consent" hidden={!errors.contact_consent}>
            {errors.contact_consent ?? ''}
          </p>
          <label class="choice">
            <input
              type="checkbox"
              name="contact_consent"
              value="yes"
              checked={v('contact_consent') === 'yes'}
              aria-describedby="sg-err-contact_consent"
            />
            <span>{m.contactConsent}</span>
          </label>
          <div class="contact-grid">
            <label>
              {m.contactName}
              <input name="contact_name" maxlength={100} autocomplete="name" value={v('contact_name')} />
            </label>
            <label>
              {m.email}
              <input name="email" type="email" maxlength={200} autocomplete="email" value={v('email')} />
            </label>
            <label>
              {m.phone}
              <input name="phone" type="tel" maxlength={40} autocomplete="tel" value={v('phone')} />
            </label>
          </div>
        </div>
      </details>
      <Honeypot ctx={ctx} />
      {data.turnstile && (
        <TurnstileField ctx={ctx} turnstile={data.turnstile} error={errors.turnstile} prefix="sg-">
          {/* Said here, as the form may be folded on a longer page: without JavaScript there is no token to send. */}
          <noscript>
            <p class="notice">{t.survey.verifyNeedsJs}</p>
          </noscript>
        </TurnstileField>
      )}
      <p class="muted small">{m.publicNotice}</p>
      <button type="submit">{m.submit}</button>{' '}
      {/* The page's language switch is a link, which would lose what was typed (a form without JavaScript keeps
          it nowhere else): this button posts it to the other language's form instead, sending nothing. After the
          submit button, so that Enter in a field still sends. */}
      <button type="submit" class="button secondary" name="switch_lang" value="1" formaction={`/suggestions?lang=${other}`} formnovalidate>
        <span lang={other === 'en' ? 'en' : 'zh-CN'}>{m.switchKeeping}</span>
        <span class="visually-hidden"> {m.switchKeepingLabel}</span>
      </button>
    </form>
  );
}

/** The summary of a refused form's problems, each a link to its field. */
export function SuggestionErrorSummary({ ctx, errors }: { ctx: PageContext; errors: Record<string, string> }) {
  const entries = Object.entries(errors);
  if (!entries.length) return null;
  return (
    <div class="error-summary" role="alert" tabindex={-1}>
      <h2>{ctx.t.suggest.errorsTitle}</h2>
      <ul>
        {entries.map(([name, message]) => (
          <li>
            <a href={`#sg-q-${name}`}>{message}</a>
          </li>
        ))}
      </ul>
    </div>
  );
}
