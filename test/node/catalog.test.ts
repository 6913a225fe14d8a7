import { readFileSync } from 'node:fs';
import { join } from 'node:path';
// A JSON-LD processor, an RDF parser and a SHACL engine: the catalogue is checked as the RDF a harvester reads.
import jsonld from 'jsonld';
import { Parser, Store } from 'n3';
import SHACLValidator from 'rdf-validate-shacl';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type LocalServer, startLocalServer } from '../../scripts/local-server.ts';

const SHAPES = new Store(new Parser().parse(readFileSync(join(import.meta.dirname, 'fixtures/dcat-ap-shapes.ttl'), 'utf8')));

async function validate(doc: object, base: string) {
  const nquads = (await jsonld.toRDF(doc as never, { base, format: 'application/n-quads' })) as unknown as string;
  const data = new Store(new Parser({ format: 'N-Quads' }).parse(nquads));
  const report = await new SHACLValidator(SHAPES).validate(data);
  return {
    data,
    report,
    problems: report.results.map((r) => `${r.focusNode?.value} ${r.path?.value}: ${r.message.map((m) => m.value).join(' ')}`),
  };
}

describe('the catalogue (DCAT-AP, JSON-LD)', () => {
  let server: LocalServer;
  let doc: any;
  let base: string;
  beforeAll(async () => {
    server = await startLocalServer();
    base = `${server.url}/catalog.jsonld`;
    const res = await fetch(base);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/ld+json; charset=utf-8');
    doc = await res.json();
  });
  afterAll(() => server?.dispose());

  it('is valid JSON-LD that conforms to the DCAT-AP shapes', async () => {
    const { data, report, problems } = await validate(doc, base);
    expect(problems).toEqual([]);
    expect(report.conforms).toBe(true);
    expect(data.size).toBeGreaterThan(100);
  });

  it('lists the five datasets, each with CSV, NDJSON and JSON API distributions that answer', async () => {
    expect(doc['dcat:dataset'].map((d: any) => d['dct:identifier'])).toEqual([
      'lists-and-towns',
      'status-history',
      'sources',
      'reported-figures',
      'satisfaction-results',
    ]);
    for (const dataset of doc['dcat:dataset']) {
      const urls = dataset['dcat:distribution'].map((d: any) => d['dcat:accessURL']['@id']);
      expect(
        urls.some((u: string) => u.includes('format=csv')),
        dataset['dct:identifier'],
      ).toBe(true);
      expect(
        urls.some((u: string) => u.includes('format=ndjson')),
        dataset['dct:identifier'],
      ).toBe(true);
      expect(
        urls.some((u: string) => u.endsWith('/datapackage.json')),
        dataset['dct:identifier'],
      ).toBe(true);
      for (const url of new Set<string>(urls)) expect((await fetch(new URL(url, base))).status, url).toBe(200);
      expect(dataset['dct:license']['dct:identifier']).toBe('CC-BY-4.0');
      // Title, description and keywords in both languages.
      for (const key of ['dct:title', 'dct:description', 'dcat:keyword']) {
        expect(new Set(dataset[key].map((t: any) => t['@language'])), `${dataset['dct:identifier']} ${key}`).toEqual(
          new Set(['zh-Hans', 'en']),
        );
      }
      expect(dataset['dct:temporal']['dcat:startDate']['@value']).toMatch(/^20(1[0-9]|2[0-9])/);
    }
  });

  it('the shapes bite: a dataset without a title, or a distribution without an access URL, does not conform', async () => {
    const untitled = structuredClone(doc);
    delete untitled['dcat:dataset'][1]['dct:title'];
    expect((await validate(untitled, base)).report.conforms).toBe(false);
    const unreachable = structuredClone(doc);
    delete unreachable['dcat:dataset'][0]['dcat:distribution'][0]['dcat:accessURL'];
    expect((await validate(unreachable, base)).report.conforms).toBe(false);
  });
});
