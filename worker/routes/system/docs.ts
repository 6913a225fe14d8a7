import { html, raw } from 'hono/html';
import { feedOrigin } from '../changes/feed-origin.ts';
import { markdownBlock, markdownInline } from './docs/markdown.ts';
import { curlSample, deref, fetchSample, parametersOf, PLACEHOLDER_ORIGIN, pythonSample, sampleRequest, type Json } from './docs/samples.ts';
import { tryIt } from './docs/try-it.ts';

// On a narrow screen the parameter table becomes one block per parameter, each cell labelled by
// its column (data-label), long code wraps, and a sample scrolls inside its own box (focusable, so that
// a keyboard can scroll it too): nothing is wider than a phone.
const CSS = `body{font:16px/1.55 system-ui,"PingFang SC","Noto Sans CJK SC",sans-serif;margin:0;color:#1a1a1a;background:#fafafa}
main{max-width:60rem;margin:0 auto;padding:1.5rem}h1{font-size:1.6rem}h2{margin-top:2.5rem;border-bottom:2px solid #b3261e}
h3{overflow-wrap:anywhere}h4{margin:1rem 0 .25rem}
section.op{background:#fff;border:1px solid #ddd;border-radius:6px;padding:1rem 1.25rem;margin:1rem 0}
.method{font-weight:700;color:#fff;background:#1f5f99;border-radius:4px;padding:.1rem .45rem;margin-right:.5rem}
code{background:#f0f0f0;padding:.05rem .3rem;border-radius:3px;overflow-wrap:anywhere}table{border-collapse:collapse;width:100%;margin:.5rem 0}
th,td{border:1px solid #ddd;padding:.35rem .5rem;text-align:left;vertical-align:top}th{background:#f3f3f3}
pre{background:#f0f0f0;padding:.6rem .75rem;border-radius:4px;overflow-x:auto}pre code{padding:0;overflow-wrap:normal}
details{margin:.25rem 0}summary{cursor:pointer}
fieldset{border:1px solid #ddd;border-radius:4px;margin:.75rem 0}legend{font-weight:700}
.field{margin:.4rem 0}.field label{display:inline-block;min-width:7rem;font-family:monospace}
.field input,.field select{font:inherit;max-width:100%}.hint{color:#555;font-size:.9rem}
button{font:inherit;padding:.3rem .8rem;border:1px solid #1f5f99;border-radius:4px;background:#1f5f99;color:#fff;cursor:pointer}
a{color:#1f5f99}a:focus,summary:focus,button:focus,input:focus,select:focus{outline:3px solid #f9a825;outline-offset:2px}
@media (max-width:40rem){main{padding:1rem .75rem}section.op{padding:.75rem}
table,thead,tbody,tr,th,td{display:block}thead tr{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0)}
tr{border:1px solid #ddd;margin:.5rem 0}td{border:0;border-bottom:1px solid #eee}td::before{content:attr(data-label) ": ";font-weight:700}}`;

export const DOCS_CSS = CSS;

function text(value: unknown): string {
  return typeof value === 'string' ? value : value === undefined ? '' : JSON.stringify(value);
}

/**
 * Where the request samples send their requests. The page is publicly cacheable,
 * so the request's own Host may only be used where no shared cache can keep it:
 * a developer's own machine (then `fromRequest`, and the page is private);
 * elsewhere the configured PUBLIC_ORIGIN, else a placeholder to replace.
 */
export function samplesOrigin(requestUrl: string, publicOrigin: string | undefined): { origin: string; fromRequest: boolean } {
  return { origin: feedOrigin(requestUrl, publicOrigin) || PLACEHOLDER_ORIGIN, fromRequest: feedOrigin(requestUrl, undefined) !== '' };
}

function parameterRows(doc: Json, op: Json) {
  const params = parametersOf(doc, op);
  if (!params.length) return html``;
  return html`<table>
    <thead><tr><th scope="col">Parameter</th><th scope="col">In</th><th scope="col">Description</th><th scope="col">Example</th></tr></thead>
    <tbody>${params.map((p) => {
      const schema = deref(doc, p.schema);
      const example = p.example !== undefined ? p.example : schema.example;
      return html`<tr><td data-label="Parameter"><code>${text(p.name)}</code>${p.required ? html` <abbr title="required">*</abbr>` : ''}</td><td data-label="In">${text(p.in)}</td>
        <td data-label="Description">${raw(markdownInline(text(schema.description ?? p.description)))}</td><td data-label="Example">${example === undefined ? '' : html`<code>${text(example)}</code>`}</td></tr>`;
    })}</tbody></table>`;
}

function samples(doc: Json, path: string, method: string, op: Json, origin: string) {
  const request = sampleRequest(doc, path, method, op, origin);
  const blocks: [string, string][] = [
    ['curl', curlSample(request)],
    ['JavaScript (fetch)', fetchSample(request)],
    ['Python (requests)', pythonSample(request)],
  ];
  return html`<h4>Request samples</h4>
  ${blocks.map(([language, code]) => html`<details><summary>${language}</summary><pre tabindex="0"><code>${code}</code></pre></details>`)}`;
}

/**
 * /docs: a readable reference rendered on the server from the OpenAPI
 * document itself, so it can never drift from it. No script, no CDN.
 * `origin` is where the request samples point (see samplesOrigin).
 */
export function renderDocs(doc: Json, origin: string = PLACEHOLDER_ORIGIN) {
  const info = (doc.info as Json) ?? {};
  const paths = (doc.paths as Record<string, Record<string, Json>>) ?? {};
  return html`<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>API reference · 特色小镇开放数据</title><meta name="description" content="Reference of the open-data API of China's characteristic towns.">
<link rel="icon" href="/favicon.svg" type="image/svg+xml"><link rel="stylesheet" href="/docs.css"></head>
<body><main>
<h1>${text(info.title)}</h1>
${raw(markdownBlock(text(info.description)))}
<p>Machine-readable document: <a href="/openapi.json">/openapi.json</a> (OpenAPI 3.1).
Every operation below has request samples; each GET that needs no token has a form to try it here.
${origin === PLACEHOLDER_ORIGIN ? html`Replace <code>${PLACEHOLDER_ORIGIN}</code> in the samples with this site’s address.` : ''}</p>
<h2>Endpoints</h2>
${Object.entries(paths).flatMap(([path, ops]) =>
    Object.entries(ops).map(([method, op]) => {
      const id = text(op.operationId) || `${method}-${path}`;
      return html`<section class="op" aria-labelledby="${id}">
  <h3 id="${id}"><span class="method">${method.toUpperCase()}</span><code>${path}</code></h3>
  <p><strong>${raw(markdownInline(text(op.summary)))}</strong></p>${raw(markdownBlock(text(op.description)))}
  ${parameterRows(doc, op)}
  <p>Responses:</p><ul>${Object.entries((op.responses as Record<string, Json>) ?? {}).map(([code, r]) => html`<li><code>${code}</code> ${raw(markdownInline(text(deref(doc, r).description)))}</li>`)}</ul>
  ${samples(doc, path, method, op, origin)}
  ${tryIt(doc, method, op, id)}
</section>`;
    }),
  )}
</main></body></html>`;
}
