import type { Survey, SurveySummary, Wave } from '../../worker/services/surveys/definitions.ts';
import { TURNSTILE_SCRIPT } from '../../worker/services/surveys/turnstile.ts';
import type { TownSummary } from '../../worker/services/towns.ts';
import { beijingTime } from '../beijing-time.ts';
import { Honeypot, TurnstileField } from '../components/abuse-fields.tsx';
import { FieldBlock } from '../components/field-block.tsx';
import { Layout } from '../components/layout.tsx';
import { type FormValue, QuestionField } from '../components/question.tsx';
import { waveWindow } from '../components/satisfaction.tsx';
import type { PageContext } from '../context.ts';
import type { Messages } from '../i18n/index.ts';
import { fmt } from '../i18n/index.ts';
import { zh } from '../i18n/zh.ts';

export interface SurveyFormData {
  survey: Survey;
  /** The survey's waves (listWaves), to say when the next one opens. */
  waves: Wave[];
  town: { id: string; name: string };
  idempotencyKey: string;
  values: Record<string, FormValue>;
  /** Field name (question id, `consent`, `contact`, `enterprise_code`, `turnstile`) → message. */
  errors: Record<string, string>;
  /** A problem that is not about one field (closed survey, too many requests). */
  notice?: string;
  minSample: number;
  /** Turnstile's widget when submissions are verified (worker/http/survey-context.ts), else null. */
  turnstile: { siteKey: string } | null;
}

/** "Not accepting answers", and when the next wave opens (Beijing time) if one is scheduled. */
export function closedNotice(t: Messages, lang: 'zh' | 'en', waves: Wave[]): string {
  const next = waves.filter((w) => w.status === 'scheduled').sort((a, b) => a.opens_at.localeCompare(b.opens_at))[0];
  return next ? fmt(t.survey.closedNext, { wave: next.name[lang], opens: beijingTime(next.opens_at, t) }) : t.survey.closed;
}

export function SurveyFormPage({ ctx, data }: { ctx: PageContext; data: SurveyFormData }) {
  const { t, lang } = ctx;
  const { survey, town, values, errors } = data;
  const sections = survey.sections;
  const errorEntries = Object.entries(errors);
  const text = (name: string) => (typeof values[name] === 'string' ? (values[name] as string) : '');
  const turnstile = data.turnstile;
  // Only the enterprise questionnaire asks for the enterprise's code; the public one must not.
  const enterprise = survey.audience === 'enterprise';
  // Turnstile's script renders the widget into div.cf-turnstile, which puts its token in the form as cf-turnstile-response.
  const scripts = turnstile?.siteKey ? ['/survey.js', TURNSTILE_SCRIPT] : ['/survey.js'];
  return (
    <Layout ctx={ctx} title={`${survey.title[lang]} · ${town.name}`} description={survey.description[lang]} scripts={scripts}>
      <h1>{survey.title[lang]}</h1>
      <p class="lead">{fmt(t.survey.forTown, { town: town.name })}</p>
      {survey.wave && (
        <p class="muted" id="wave">
          {fmt(t.survey.wave, { wave: survey.wave.name[lang], window: waveWindow(ctx, survey.wave) })}
        </p>
      )}
      <p>{survey.description[lang]}</p>
      {data.notice && (
        <p class="notice" role="alert">
          {data.notice}
        </p>
      )}
      <div id="error-summary" class="error-summary" role="alert" tabindex={-1} hidden={errorEntries.length === 0}>
        <h2>{t.survey.errorsTitle}</h2>
        <ul>
          {errorEntries.map(([name, message]) => (
            <li>
              <a href={`#q-${name}`}>{message}</a>
            </li>
          ))}
        </ul>
      </div>
      {turnstile && survey.window.open && (
        // Said before anything is filled in: without JavaScript there is no token, so the form cannot be sent.
        <noscript>
          <p class="notice">{t.survey.verifyNeedsJs}</p>
        </noscript>
      )}
      {!survey.window.open ? (
        // A refused post already says so above.
        !data.notice && <p class="notice">{closedNotice(t, lang, data.waves)}</p>
      ) : (
        <form
          method="post"
          action={`/survey/${survey.id}/${town.id}?lang=${lang}`}
          novalidate
          data-survey={survey.id}
          data-town={town.id}
          data-lang={lang}
          data-msg-required={t.survey.errorRequired}
          data-msg-consent={t.survey.errorConsent}
          data-msg-contact={t.survey.errorContactConsent}
          data-msg-generic={t.survey.errorGeneric}
          data-msg-retrying={t.survey.retrying}
          data-msg-failed={t.survey.failed}
          data-msg-progress={t.survey.progress}
          data-msg-verify={turnstile ? t.survey.verify : undefined}
          data-msg-code={enterprise ? t.survey.errorCode : undefined}
          data-msg-answered={enterprise ? t.survey.alreadyAnswered : undefined}
          data-msg-closed={closedNotice(t, lang, data.waves)}
        >
          <input type="hidden" name="idempotency_key" value={data.idempotencyKey} />
          <p id="progress" class="progress" aria-live="polite" hidden></p>
          {enterprise && (
            // Checked by the API and used only for the enterprise's claim on this town and wave: never stored (see the privacy notice).
            <section class="survey-section" aria-labelledby="s-enterprise">
              <h2 id="s-enterprise">{t.survey.codeTitle}</h2>
              <FieldBlock
                name="enterprise_code"
                type="code"
                required
                error={errors.enterprise_code}
                before={
                  <>
                    <label for="f-enterprise_code">
                      {t.survey.codeLabel}
                      {/* The Chinese term as on the licence, read as Chinese. */}
                      {lang !== 'zh' && (
                        <>
                          {' '}
                          (<span lang="zh-CN">{zh.survey.codeLabel}</span>)
                        </>
                      )}{' '}
                      <span class="req">{t.survey.required}</span>
                    </label>
                    <p class="muted small" id="hint-enterprise_code">
                      {t.survey.codeHint} <a href="/data#privacy-enterprise">{t.survey.codePrivacy}</a>
                    </p>
                  </>
                }
              >
                <input
                  id="f-enterprise_code"
                  class="code-input"
                  name="enterprise_code"
                  value={text('enterprise_code')}
                  maxlength={40}
                  autocomplete="off"
                  autocapitalize="characters"
                  spellcheck={false}
                  aria-required="true"
                  aria-invalid={errors.enterprise_code ? 'true' : undefined}
                  aria-describedby="hint-enterprise_code err-enterprise_code"
                />
              </FieldBlock>
            </section>
          )}
          {sections.map((section, i) => (
            <section class="survey-section" aria-labelledby={`s-${section.id}`}>
              <h2 id={`s-${section.id}`}>
                <span class="muted small block">{fmt(t.survey.sectionOf, { i: i + 1, n: sections.length })}</span>
                {section.title[lang]}
              </h2>
              {section.note && <p class="muted">{section.note[lang]}</p>}
              {section.questions.map((q) => (
                <QuestionField ctx={ctx} question={q} value={values[q.id]} error={errors[q.id]} />
              ))}
            </section>
          ))}
          <section class="survey-section" aria-labelledby="s-consent">
            <h2 id="s-consent">{t.survey.consentTitle}</h2>
            <p>{fmt(t.survey.consentText, { min: data.minSample })}</p>
            <FieldBlock name="consent" type="consent" required error={errors.consent}>
              <label class="choice">
                <input
                  type="checkbox"
                  name="consent_participation"
                  value="yes"
                  checked={values.consent_participation === 'yes'}
                  aria-describedby="err-consent"
                />
                <span>{t.survey.consentLabel}</span>
              </label>
            </FieldBlock>
            <details open={Boolean(text('organisation') || text('contact_name') || text('phone') || text('email') || errors.contact)}>
              <summary>{t.survey.contactTitle}</summary>
              <p class="muted">{t.survey.contactIntro}</p>
              <FieldBlock name="contact" type="contact" error={errors.contact}>
                <label class="choice">
                  <input
                    type="checkbox"
                    name="consent_contact"
                    value="yes"
                    checked={values.consent_contact === 'yes'}
                    aria-describedby="err-contact"
                  />
                  <span>{t.survey.contactConsent}</span>
                </label>
                <div class="contact-grid">
                  <label>
                    {t.survey.organisation}
                    <input name="organisation" maxlength={200} autocomplete="organization" value={text('organisation')} />
                  </label>
                  <label>
                    {t.survey.contactName}
                    <input name="contact_name" maxlength={100} autocomplete="name" value={text('contact_name')} />
                  </label>
                  <label>
                    {t.survey.phone}
                    <input name="phone" type="tel" maxlength={40} autocomplete="tel" value={text('phone')} />
                  </label>
                  <label>
                    {t.survey.email}
                    <input name="email" type="email" maxlength={200} autocomplete="email" value={text('email')} />
                  </label>
                </div>
              </FieldBlock>
            </details>
          </section>
          <Honeypot ctx={ctx} />
          {turnstile && <TurnstileField ctx={ctx} turnstile={turnstile} error={errors.turnstile} />}
          <p id="status" class="status" role="status" aria-live="polite"></p>
          <button type="submit">{t.survey.submit}</button>
        </form>
      )}
    </Layout>
  );
}

export interface SurveyChooserData {
  surveys: SurveySummary[];
  survey: SurveySummary | null;
  query: string;
  results: TownSummary[] | null;
}

/** Choose a questionnaire, then a town: plain GET forms and links. */
export function SurveyChooserPage({ ctx, data }: { ctx: PageContext; data: SurveyChooserData }) {
  const { t, lang } = ctx;
  const title = data.survey ? data.survey.title[lang] : t.nav.surveys;
  return (
    <Layout ctx={ctx} title={title} description={t.survey.chooseIntro}>
      <h1>{title}</h1>
      {!data.survey ? (
        <ul class="list-links">
          {data.surveys.map((s) => (
            <li>
              <a href={`/survey/${s.id}`}>{s.title[lang]}</a>
            </li>
          ))}
        </ul>
      ) : (
        <>
          <h2>{t.survey.choose}</h2>
          <p>{t.survey.chooseIntro}</p>
          <form class="search" method="get" action={`/survey/${data.survey.id}`} role="search">
            <label for="q">{t.home.searchLabel}</label>
            <div class="search-row">
              <input id="q" name="q" type="search" value={data.query} placeholder={t.home.searchPlaceholder} maxlength={50} />
              <button type="submit">{t.home.searchButton}</button>
            </div>
          </form>
          {data.results && (
            <ul class="results">
              {data.results.length === 0 && <li>{t.home.noResults}</li>}
              {data.results.map((town) => (
                <li>
                  <a href={`/survey/${data.survey!.id}?town=${town.id}`}>{town.name}</a>{' '}
                  <span class="muted">{[town.province, town.city, town.county].filter(Boolean).join(' ')}</span>
                </li>
              ))}
            </ul>
          )}
        </>
      )}
    </Layout>
  );
}

export function ThanksPage({ ctx, receipt, town }: { ctx: PageContext; receipt: string; town: { id: string; name: string } }) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t.survey.thanksTitle} description={t.survey.thanksText}>
      <h1>{t.survey.thanksTitle}</h1>
      <p>{t.survey.thanksText}</p>
      <p class="receipt">
        {t.survey.receipt}: <strong id="receipt">{receipt}</strong>
      </p>
      <p>
        <a href={`/towns/${town.id}`}>
          {t.survey.backToTown}: {town.name}
        </a>
      </p>
    </Layout>
  );
}
