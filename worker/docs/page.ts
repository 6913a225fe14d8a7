import { html, raw } from 'hono/html';
import { markdownBlock, markdownInline } from './markdown.ts';
import { curlSample, deref, fetchSample, type Json, PLACEHOLDER_ORIGIN, parametersOf, pythonSample, sampleRequest } from './samples.ts';
import { tryIt } from './try-it.ts';

function text(value: unknown): string {
  return typeof value === 'string' ? value : value === undefined ? '' : JSON.stringify(value);
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
 * `origin` is where the request samples point (see samplesOrigin, routes/system/docs-page.ts).
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
