import type { PageContext } from '../context.ts';

/** The field people do not see and bots fill in: a filled one is answered like a success and kept apart (the services say how). */
export function Honeypot({ ctx }: { ctx: PageContext }) {
  return (
    <div class="hp" aria-hidden="true">
      <label>
        {ctx.t.survey.honeypot}
        <input name="website" tabindex={-1} autocomplete="off" />
      </label>
    </div>
  );
}

/**
 * Turnstile's widget, with the message of a failed check: the script renders it into div.cf-turnstile, which
 * puts its token in the form as cf-turnstile-response. Without a site key the form says it cannot be sent.
 * `prefix` keeps the ids apart when the form is one part of a larger page.
 */
export function TurnstileField({
  ctx,
  turnstile,
  error,
  prefix = '',
  children,
}: {
  ctx: PageContext;
  turnstile: { siteKey: string };
  error?: string;
  prefix?: string;
  children?: unknown;
}) {
  const { t, lang } = ctx;
  return (
    <div
      class={`question${error ? ' has-error' : ''}`}
      id={`${prefix}q-turnstile`}
      role="group"
      aria-labelledby={`${prefix}turnstile-title`}
    >
      <p class="muted" id={`${prefix}turnstile-title`}>
        {t.survey.verifyTitle}
      </p>
      {children}
      <p class="error" id={`${prefix}err-turnstile`} hidden={!error}>
        {error ?? ''}
      </p>
      {turnstile.siteKey ? (
        <div class="cf-turnstile" data-sitekey={turnstile.siteKey} data-language={lang === 'zh' ? 'zh-cn' : 'en'}></div>
      ) : (
        <p class="notice">{t.survey.verifyUnavailable}</p>
      )}
    </div>
  );
}
