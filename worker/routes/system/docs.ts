import { html, raw } from 'hono/html';
import type { HtmlEscapedString } from 'hono/utils/html';

type Json = Record<string, unknown>;

const CSS = `body{font:16px/1.55 system-ui,"PingFang SC","Noto Sans CJK SC",sans-serif;margin:0;color:#1a1a1a;background:#fafafa}
main{max-width:60rem;margin:0 auto;padding:1.5rem}h1{font-size:1.6rem}h2{margin-top:2.5rem;border-bottom:2px solid #b3261e}
section.op{background:#fff;border:1px solid #ddd;border-radius:6px;padding:1rem 1.25rem;margin:1rem 0}
.method{font-weight:700;color:#fff;background:#1f5f99;border-radius:4px;padding:.1rem .45rem;margin-right:.5rem}
code{background:#f0f0f0;padding:.05rem .3rem;border-radius:3px}table{border-collapse:collapse;width:100%;margin:.5rem 0}
th,td{border:1px solid #ddd;padding:.35rem .5rem;text-align:left;vertical-align:top}th{background:#f3f3f3}
a{color:#1f5f99}a:focus,summary:focus{outline:3px solid #f9a825;outline-offset:2px}`;

export const DOCS_CSS = CSS;

function text(value: unknown): string {
  return typeof value === 'string' ? value : value === undefined ? '' : JSON.stringify(value);
}

/** Resolves a local `$ref` of the document. */
function deref(doc: Json, node: unknown): Json {
  const ref = (node as Json | undefined)?.$ref;
  if (typeof ref !== 'string') return (node as Json) ?? {};
  return ref.replace(/^#\//, '').split('/').reduce<Json>((n, key) => (n[key] as Json) ?? {}, doc);
}

function parameterRows(doc: Json, op: Json): HtmlEscapedString | Promise<HtmlEscapedString> {
  const params = ((op.parameters as unknown[]) ?? []).map((p) => deref(doc, p));
  if (!params.length) return html``;
  return html`<table>
    <thead><tr><th scope="col">Parameter</th><th scope="col">In</th><th scope="col">Description</th><th scope="col">Example</th></tr></thead>
    <tbody>${params.map((p) => {
      const schema = deref(doc, p.schema);
      return html`<tr><td><code>${text(p.name)}</code>${p.required ? ' *' : ''}</td><td>${text(p.in)}</td>
        <td>${text(schema.description ?? p.description)}</td><td>${schema.example === undefined ? '' : html`<code>${text(schema.example)}</code>`}</td></tr>`;
    })}</tbody></table>`;
}

/**
 * /docs: a readable reference rendered on the server from the OpenAPI
 * document itself, so it can never drift from it. No script, no CDN.
 */
export function renderDocs(doc: Json) {
  const info = (doc.info as Json) ?? {};
  const paths = (doc.paths as Record<string, Record<string, Json>>) ?? {};
  return html`<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>API reference · 特色小镇开放数据</title><meta name="description" content="Reference of the open-data API of China's characteristic towns.">
<link rel="stylesheet" href="/docs.css"></head>
<body><main>
<h1>${text(info.title)}</h1>
${raw(
    text(info.description)
      .split('\n\n')
      .map((p) => `<p>${p.replace(/[&<>]/g, (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;' })[ch]!).replace(/`([^`]+)`/g, '<code>$1</code>')}</p>`)
      .join(''),
  )}
<p>Machine-readable document: <a href="/openapi.json">/openapi.json</a> (OpenAPI 3.1).</p>
<h2>Endpoints</h2>
${Object.entries(paths).flatMap(([path, ops]) =>
    Object.entries(ops).map(
      ([method, op]) => html`<section class="op" aria-labelledby="${text(op.operationId) || `${method}-${path}`}">
  <h3 id="${text(op.operationId) || `${method}-${path}`}"><span class="method">${method.toUpperCase()}</span><code>${path}</code></h3>
  <p><strong>${text(op.summary)}</strong></p><p>${text(op.description)}</p>
  ${parameterRows(doc, op)}
  <p>Responses: ${Object.entries((op.responses as Record<string, Json>) ?? {}).map(([code, r]) => html`<code>${code}</code> ${text(r.description)} `)}</p>
</section>`,
    ),
  )}
</main></body></html>`;
}
