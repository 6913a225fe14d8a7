import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import checkedIn from '../../openapi/openapi.json';
import worker from '../../worker/index.ts';
import { ADDITION_EXAMPLE, EXAMPLE_RECEIPT } from '../../worker/schemas/suggestions.ts';
import { get, request } from '../helpers.ts';

/** A suggestion's receipt exists only once it is sent: samples and forms that show the example receipt are tried with a real one. */
async function realReceipt(): Promise<string> {
  const res = await request('POST', '/api/v1/suggestions', {
    headers: { 'Content-Type': 'application/json', 'Idempotency-Key': crypto.randomUUID(), 'CF-Connecting-IP': '198.51.100.251' },
    body: JSON.stringify(ADDITION_EXAMPLE),
  });
  expect(res.status).toBe(201);
  return ((await res.json()) as { receipt: string }).receipt;
}

/** /docs as one client gets it, with the given bindings. */
async function docs(url = 'https://example.test/docs', bindings: Partial<Env> = {}): Promise<{ res: Response; html: string }> {
  const res = await worker.fetch(new Request(url), { ...env, ...bindings } as never);
  expect(res.status).toBe(200);
  return { res, html: await res.text() };
}

const decode = (s: string) =>
  s
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
const samplesOf = (html: string) =>
  [...html.matchAll(/<summary>([^<]+)<\/summary><pre tabindex="0"><code>([\s\S]*?)<\/code><\/pre>/g)].map((m) => ({
    language: m[1]!,
    code: decode(m[2]!),
  }));
const operations = Object.entries(checkedIn.paths as Record<string, Record<string, any>>).flatMap(([path, ops]) =>
  Object.entries(ops).map(([method, op]) => ({ path, method, op })),
);

describe('/docs renders the descriptions’ Markdown (issue 13)', () => {
  it('shows code spans as code, never as raw backquotes', async () => {
    const { html } = await docs();
    expect(html).toContain('<code>official_count</code>');
    expect(html).toContain('Start with <code>since=0</code>');
    // Backquotes remain only inside the request samples (a CSV or JSON example may hold one).
    expect(html.replace(/<pre>[\s\S]*?<\/pre>/g, '')).not.toContain('`');
    expect(html).not.toContain('<script');
  });
});

describe('/docs request samples (issue 13)', { timeout: 60_000 }, () => {
  it('gives every operation a curl, a fetch and a Python sample', async () => {
    const { html } = await docs();
    const samples = samplesOf(html);
    expect(samples.length).toBe(operations.length * 3);
    expect(new Set(samples.map((s) => s.language))).toEqual(new Set(['curl', 'JavaScript (fetch)', 'Python (requests)']));
  });

  it('fills path parameters, tokens and bodies from the documented examples', async () => {
    const { html } = await docs();
    const code = samplesOf(html)
      .map((s) => s.code)
      .join('\n');
    expect(code).toContain("curl 'https://YOUR-HOST/api/v1/towns/beijing-changgouzhen'");
    expect(code).toContain(
      "curl -X PATCH 'https://YOUR-HOST/api/v1/admin/surveys/public/waves/public-w1' \\\n  -H 'Authorization: Bearer YOUR-ADMIN-TOKEN'",
    );
    expect(code).toContain("-H 'idempotency-key: 6f1c1d3e-3c1b-4b0e-9a39-2f1f8d5b7c11'");
    expect(code).toContain('"Authorization": "Bearer YOUR-ADMIN-TOKEN"');
    expect(code).toContain('requests.post(\n    "https://YOUR-HOST/api/v1/admin/towns"');
    // A body without a whole example is made of its fields' examples; Python gets None, not null.
    expect(code).toContain('"name_pinyin": "xin zhen"');
    expect(code).toMatch(/"note": None/);
    // The CSV import sends the documented CSV as it is.
    expect(code).toContain("-H 'Content-Type: text/csv'");
    expect(code).toContain('town,list,status,effective_date,document\n新镇');
    // No token placeholder where none is needed.
    const publicOps = samplesOf(html).filter((s) => s.code.includes('/api/v1/lists') && !s.code.includes('/admin/'));
    expect(publicOps.length).toBeGreaterThan(0);
    for (const s of publicOps) expect(s.code).not.toContain('Authorization');
  });

  it('every JSON body of a sample is valid JSON and every shell sample is well quoted', async () => {
    const { html } = await docs();
    for (const { language, code } of samplesOf(html)) {
      if (language !== 'curl') continue;
      // Outside quotes only the command, options and line continuations: every quote opened is closed.
      const unquoted = code.replace(/'(?:[^']|'\\'')*'/g, "''").replace(/'\\''/g, '');
      expect(unquoted, code).toMatch(/^curl( -X [A-Z]+)? ''( \\\n {2}(-H|--data-binary) '')*$/);
      const body = code.match(/--data-binary '([\s\S]*)'$/)?.[1]?.replace(/'\\''/g, "'");
      if (body && code.includes('application/json')) expect(() => JSON.parse(body), code).not.toThrow();
    }
  });

  it('the GET samples work against this worker as they are', async () => {
    const { html } = await docs('http://localhost:8787/docs');
    const urls = samplesOf(html)
      .filter((s) => s.language === 'curl' && /^curl 'http:\/\/localhost:8787[^']*'$/.test(s.code))
      .map((s) => s.code.slice("curl '".length, -1));
    expect(urls.length).toBeGreaterThan(20);
    const receipt = await realReceipt();
    for (const sample of urls) {
      const url = sample.replace(EXAMPLE_RECEIPT, receipt);
      // Snapshot files need a built snapshot: the listing of snapshots is checked, not one file of it.
      if (url.includes('/downloads/412-')) continue;
      const res = await get(new URL(url).pathname + new URL(url).search);
      expect(res.status, url).toBeLessThan(400);
    }
  });
});

describe('/docs never lets a request’s Host into a shared cache (issue 13)', () => {
  it('uses a placeholder and stays public when no origin is configured', async () => {
    const { res, html } = await docs('https://evil.example/docs', { PUBLIC_ORIGIN: '' } as never);
    expect(html).not.toContain('evil.example');
    expect(html).toContain('https://YOUR-HOST/api/v1/lists');
    expect(res.headers.get('Cache-Control')).toBe('public, max-age=300');
  });

  it('uses the configured PUBLIC_ORIGIN, whatever host the request named', async () => {
    const { res, html } = await docs('https://evil.example/docs', { PUBLIC_ORIGIN: 'https://data.example.org/' } as never);
    expect(html).not.toContain('evil.example');
    expect(html).not.toContain('YOUR-HOST');
    expect(samplesOf(html).map((s) => s.code)).toContain("curl 'https://data.example.org/api/v1/lists'");
    expect(res.headers.get('Cache-Control')).toBe('public, max-age=300');
  });

  it.each(['', 'not a url', 'javascript:alert(1)'])('ignores a PUBLIC_ORIGIN that is not an http(s) URL: %j', async (PUBLIC_ORIGIN) => {
    const { html } = await docs('https://evil.example/docs', { PUBLIC_ORIGIN } as never);
    expect(html).not.toContain('evil.example');
    expect(html).not.toContain('javascript:');
    expect(html).toContain('https://YOUR-HOST/');
  });

  it('uses a developer’s own origin on localhost, and then keeps the page private', async () => {
    const { res, html } = await docs('http://localhost:8787/docs', { PUBLIC_ORIGIN: 'https://data.example.org' } as never);
    expect(samplesOf(html).map((s) => s.code)).toContain("curl 'http://localhost:8787/api/v1/lists'");
    expect(res.headers.get('Cache-Control')).toBe('private, max-age=300');
  });
});

describe('/docs try-it forms without JavaScript (issue 13)', { timeout: 60_000 }, () => {
  const forms = (html: string) =>
    [...html.matchAll(/<form method="get" action="\/docs\/try" class="try">([\s\S]*?)<\/form>/g)].map((m) => ({
      operation: m[1]!.match(/name="operation" value="([^"]+)"/)![1]!,
      names: [...m[1]!.matchAll(/<(?:input|select) id="[^"]+" name="([^"]+)"/g)].map((n) => n[1]!),
      examples: Object.fromEntries([...m[1]!.matchAll(/ name="([^"]+)"[^>]*? placeholder="([^"]*)"/g)].map((n) => [n[1]!, decode(n[2]!)])),
      body: m[1]!,
    }));
  const triable = operations.filter(({ method, op }) => method === 'get' && !op.security?.length);
  /** Sends a form's fields, as a browser without JavaScript does: every field, the empty ones too. */
  const send = (operation: string, fields: [string, string][]) =>
    request('GET', `/docs/try?${new URLSearchParams([['operation', operation], ...fields])}`, { redirect: 'manual' });

  it('has a form for each GET that needs no token, with a labelled field for each path and query parameter', async () => {
    const { html } = await docs();
    const found = forms(html);
    expect(found.map((f) => f.operation).sort()).toEqual(triable.map((o) => o.op.operationId).sort());
    for (const { op } of triable) {
      const form = found.find((f) => f.operation === op.operationId)!;
      const documented = (op.parameters ?? []).filter((p: any) => p.in === 'query' || p.in === 'path').map((p: any) => p.name);
      expect(form.names.sort(), op.operationId).toEqual(documented.sort());
      for (const id of [...form.body.matchAll(/<(?:input|select) id="([^"]+)"/g)].map((m) => m[1]!))
        expect(form.body, id).toContain(`<label for="${id}">`);
    }
  });

  it('sent with every field empty, a form of an operation without path parameters opens the operation unfiltered', async () => {
    const { html } = await docs();
    for (const form of forms(html).filter((f) => !hasPathField(f.body))) {
      const res = await send(
        form.operation,
        form.names.map((n) => [n, '']),
      );
      expect(res.status, form.operation).toBe(303);
      const location = res.headers.get('Location')!;
      expect(location, form.operation).not.toContain('?');
      expect((await get(location)).status, location).toBeLessThan(400);
    }
  });

  it('sent with the documented examples, every form opens an answer of the operation', async () => {
    const { html } = await docs();
    const receipt = await realReceipt();
    for (const form of forms(html)) {
      // Path parameters take their example (a receipt: a real one); query parameters one at a time, the others left empty.
      const pathFields = form.names
        .filter((n) => new RegExp(`name="${n}"[^>]* required`).test(form.body))
        .map((n) => [n, form.examples[n] === EXAMPLE_RECEIPT ? receipt : form.examples[n]!] as [string, string]);
      const queryNames = form.names.filter((n) => !pathFields.some(([p]) => p === n) && n !== 'cursor' && form.examples[n] !== undefined);
      for (const only of [undefined, ...queryNames]) {
        const res = await send(form.operation, [
          ...pathFields,
          ...form.names
            .filter((n) => !pathFields.some(([p]) => p === n))
            .map((n) => [n, n === only ? form.examples[n]! : ''] as [string, string]),
        ]);
        expect(res.status, `${form.operation} ${only}`).toBe(303);
        const location = res.headers.get('Location')!;
        // Snapshot files exist only once a snapshot was built: the redirect is checked, not the file.
        if (location.startsWith('/downloads/412-')) continue;
        expect((await get(location)).status, location).toBeLessThan(400);
      }
    }
  });

  it('puts path parameters into the path, encoded, so the redirect never leaves the site', async () => {
    for (const [id, expected] of [
      ['beijing-changgouzhen', '/api/v1/towns/beijing-changgouzhen'],
      ['../../admin', '/api/v1/towns/..%2F..%2Fadmin'],
      ['//evil.example', '/api/v1/towns/%2F%2Fevil.example'],
      ['\\evil.example', '/api/v1/towns/%5Cevil.example'],
      ['长沟镇?x=1#y', '/api/v1/towns/%E9%95%BF%E6%B2%9F%E9%95%87%3Fx%3D1%23y'],
    ]) {
      const res = await send('getTown', [['id', id!]]);
      expect(res.status).toBe(303);
      expect(res.headers.get('Location')).toBe(expected);
    }
  });

  it('keeps only the filled-in, documented query parameters, repeated ones included', async () => {
    const res = await send('listTowns', [
      ['q', 'changgou'],
      ['status', ''],
      ['bogus', '1'],
      ['operation', 'x'],
      ['province', '浙江省'],
      ['province', ''],
    ]);
    expect(res.headers.get('Location')).toBe(`/api/v1/towns?q=changgou&province=${encodeURIComponent('浙江省')}`);
    // A line break in a field stays encoded in the Location: no header can be smuggled in.
    const smuggled = await send('listTowns', [['q', 'a\r\nSet-Cookie: x=1']]);
    expect(smuggled.headers.get('Location')).toBe('/api/v1/towns?q=a%0D%0ASet-Cookie%3A+x%3D1');
    expect(smuggled.headers.get('Set-Cookie')).toBeNull();
    expect(smuggled.headers.get('Content-Security-Policy')).toContain("frame-ancestors 'none'");
  });

  it.each([
    ['no operation', ''],
    ['an unknown operation', 'nope'],
    ['an operation that needs a token', 'listAuditEntries'],
    ['a write', 'createSource'],
    ['markup', '<script>alert(1)</script>'],
  ])('refuses %s with a 400 problem', async (_, operation) => {
    const res = await send(operation, []);
    expect(res.status).toBe(400);
    expect(res.headers.get('Content-Type')).toContain('application/problem+json');
    expect(res.headers.get('Location')).toBeNull();
  });

  it('refuses a path parameter left empty with a 400 problem that names it', async () => {
    const res = await send('getTown', [['id', '']]);
    expect(res.status).toBe(400);
    expect((await res.json<any>()).errors).toEqual([{ name: 'id', in: 'path', code: 'required', detail: expect.any(String) }]);
  });
});

/** Path parameters are the only required fields of a try-it form. */
const hasPathField = (body: string) => / required/.test(body);
