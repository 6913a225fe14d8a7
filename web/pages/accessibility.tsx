import { Layout } from '../components/layout.tsx';
import type { PageContext } from '../context.ts';

/** How a contact is linked: an e-mail address as mailto:, an https URL as itself; anything else is shown as text. */
function contactLink(contact: string): string | null {
  if (/^[^\s@<>"]+@[^\s@<>"]+\.[^\s@<>"]+$/.test(contact)) return `mailto:${contact}`;
  return /^https:\/\/[^\s<>"]+$/.test(contact) ? contact : null;
}

/** The accessibility statement: the standard, how it is tested, known limits and how to report a barrier. */
export function AccessibilityPage({ ctx, contact }: { ctx: PageContext; contact: string }) {
  const a = ctx.t.accessibility;
  const href = contact ? contactLink(contact) : null;
  return (
    <Layout ctx={ctx} title={a.title} description={a.description}>
      <h1>{a.title}</h1>
      <section aria-labelledby="standard">
        <h2 id="standard">{a.standardTitle}</h2>
        <p>{a.standard}</p>
      </section>
      <section aria-labelledby="testing">
        <h2 id="testing">{a.testingTitle}</h2>
        <ul>
          {a.testing.map((item) => (
            <li>{item}</li>
          ))}
        </ul>
      </section>
      <section aria-labelledby="limits">
        <h2 id="limits">{a.limitsTitle}</h2>
        <ul>
          {a.limits.map((item) => (
            <li>{item}</li>
          ))}
        </ul>
      </section>
      <section aria-labelledby="report">
        <h2 id="report">{a.reportTitle}</h2>
        {contact ? (
          <p>
            {a.report} {href ? <a href={href}>{contact}</a> : contact}
          </p>
        ) : (
          <p>{a.reportNone}</p>
        )}
        <p>{a.reportAnswer}</p>
      </section>
      <p class="muted">{a.updated}</p>
    </Layout>
  );
}
