/**
 * Structured data in the page head. A data block is not run, so the strict
 * CSP does not apply; `<` is escaped so that no text in the data (a town's
 * note, say) can close the element.
 */
export function JsonLd({ data }: { data: Record<string, unknown> }) {
  const json = JSON.stringify(data)
    .replace(/</g, '\\u003c')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
  return <script type="application/ld+json" dangerouslySetInnerHTML={{ __html: json }}></script>;
}
