import { env } from 'cloudflare:workers';
import { beforeAll, describe, expect, it } from 'vitest';
import worker from '../../worker/index.ts';
import { HistorySchema } from '../../worker/schemas/towns.ts';
import { adminHeaders, JSON_BODY, KNOWN_TOWN, parseAs, request } from '../helpers.ts';
import { xmlProblems } from '../xml-check.ts';

const LIST = 'atom-test-2024';
// What an editor might paste from a word processor: C0 controls and the non-characters U+FFFE/U+FFFF, all forbidden in XML 1.0.
const NOTE = '整改\u0001期限\u0008六个月\u001b，\ufffe逾期\uffff摘牌\u000b。<b>&amp;';
const TITLE = '测试省\u0001关于特色小镇\u001f考核的通知';

async function admin(path: string, body: unknown): Promise<any> {
  const res = await request('POST', path, { headers: adminHeaders('admin', JSON_BODY), body: JSON.stringify(body) });
  const json = await res.json<any>();
  if (res.status >= 300) throw new Error(`POST ${path}: ${res.status} ${JSON.stringify(json)}`);
  return json;
}

/** The feed as one client gets it, made afresh (never an earlier client's copy), with the given bindings. */
async function feed(url: string, bindings: Partial<Env> = {}): Promise<string> {
  const res = await worker.fetch(new Request(url, { headers: { 'Cache-Control': 'no-cache' } }), { ...env, ...bindings } as never);
  expect(res.status).toBe(200);
  expect(res.headers.get('Content-Type')).toBe('application/atom+xml; charset=utf-8');
  return res.text();
}

const hrefs = (xml: string) => [...xml.matchAll(/href="([^"]*)"/g)].map((m) => m[1]!);

beforeAll(async () => {
  const source = await admin('/api/v1/admin/sources', { title: TITLE, published_on: '2024-05-20' });
  await admin('/api/v1/admin/lists', {
    id: LIST,
    name: '测试省2024年特色小镇',
    name_en: 'Test towns 2024',
    level: 'provincial',
    kind: 'named',
    province: '北京市',
    source_id: source.id,
  });
  await admin(`/api/v1/admin/lists/${LIST}/towns`, {
    town_id: KNOWN_TOWN,
    status: 'named',
    effective_date: '2024-05-20',
    source_id: source.id,
  });
  await admin('/api/v1/admin/events', {
    town_id: KNOWN_TOWN,
    list_id: LIST,
    status: 'warned',
    effective_date: '2024-06-01',
    source_id: source.id,
    note: NOTE,
  });
});

describe('the Atom feed is well-formed XML whatever an editor typed (issue 11, finding 9)', () => {
  it('drops the characters XML 1.0 forbids and escapes markup, so every subscriber can parse it', async () => {
    const xml = await feed('https://example.test/feeds/changes.atom');
    expect(xmlProblems(xml)).toEqual([]);
    expect(xml).toContain('整改期限六个月，逾期摘牌。&#60;b&#62;&#38;amp;');
    expect(xml).toContain('依据：测试省关于特色小镇考核的通知。');
  });

  it('keeps the JSON as the editor wrote it', async () => {
    const { items } = parseAs(
      HistorySchema,
      await (await worker.fetch(new Request(`https://example.test/api/v1/towns/${KNOWN_TOWN}/history`), env)).json(),
    );
    expect(items.map((e) => e.note)).toContain(NOTE);
  });
});

describe("the Atom feed's links never copy the request's Host (issue 11, finding 9)", () => {
  it('uses the configured PUBLIC_ORIGIN, whatever host the request named', async () => {
    const xml = await feed('https://evil.example/feeds/changes.atom', { PUBLIC_ORIGIN: 'https://data.example.org/' } as never);
    expect(xml).not.toContain('evil.example');
    const links = hrefs(xml);
    expect(links.length).toBeGreaterThan(50);
    for (const href of links) expect(href).toMatch(/^https:\/\/data\.example\.org\//);
    expect(links).toContain('https://data.example.org/feeds/changes.atom');
    expect(links).toContain(`https://data.example.org/towns/${KNOWN_TOWN}`);
  });

  it('without a configured origin (or with a malformed one), links are relative to the feed, never the Host', async () => {
    for (const PUBLIC_ORIGIN of ['', 'not a url', 'javascript:alert(1)']) {
      const xml = await feed('https://evil.example/feeds/changes.atom', { PUBLIC_ORIGIN } as never);
      expect(xml, PUBLIC_ORIGIN).not.toContain('evil.example');
      for (const href of hrefs(xml)) expect(href, PUBLIC_ORIGIN).toMatch(/^\/(?!\/)/);
    }
  });

  it('in local development (a localhost URL) uses the request origin, so links work on any port', async () => {
    for (const origin of ['http://localhost:8787', 'http://127.0.0.1:9000', 'http://[::1]:8787']) {
      const xml = await feed(`${origin}/feeds/changes.atom`, { PUBLIC_ORIGIN: 'https://data.example.org' } as never);
      for (const href of hrefs(xml)) expect(href.startsWith(`${origin}/`), `${origin}: ${href}`).toBe(true);
    }
  });
});
