import { describe, expect, it } from 'vitest';
import { JsonLd } from '../../web/components/json-ld.tsx';
import { ListDetailSchema } from '../../worker/schemas/lists.ts';
import { DataPackageSchema } from '../../worker/schemas/open-data.ts';
import { get, getParsed } from '../helpers.ts';
import { page } from './site-helpers.ts';

/** The schema.org data blocks of a page, parsed. */
function jsonLdOf(html: string): any[] {
  return [...html.matchAll(/<script type="application\/ld\+json">([\s\S]*?)<\/script>/g)].map((m) => JSON.parse(m[1]!));
}

describe('open data on the site', () => {
  it.each(['zh', 'en'])(
    'the data page (%s) names the licence, links the data package, the catalogue and every table’s CSV',
    async (lang) => {
      const html = await page(`/data?lang=${lang}`);
      expect(html).toContain('href="https://creativecommons.org/licenses/by/4.0/" rel="license noopener"');
      expect(html).toContain('CC BY 4.0');
      expect(html).toContain('href="/datapackage.json"');
      expect(html).toContain('href="/catalog.jsonld"');
      expect(html).toContain('href="/downloads/"');
      const { body: pkg } = await getParsed(DataPackageSchema, '/datapackage.json');
      for (const resource of pkg.resources) {
        expect(html).toContain(`href="/${resource.path.replace(/&/g, '&amp;')}"`);
        expect((await get(`/${resource.path}`)).status, resource.name).toBe(200);
      }
    },
  );

  it('every page’s footer names the licence', async () => {
    for (const path of ['/', '/lists', '/stats?lang=en']) expect(await page(path)).toContain('rel="license noopener"');
  });

  it('the data page and a list page describe their dataset for dataset search (schema.org Dataset)', async () => {
    const [site] = jsonLdOf(await page('/data'));
    expect(site['@type']).toBe('Dataset');
    expect(site.license).toBe('https://creativecommons.org/licenses/by/4.0/');
    expect(site.distribution.map((d: any) => d.name)).toContain('towns.csv');
    const [list] = jsonLdOf(await page('/lists/mohurd-2016-batch1'));
    const { body } = await getParsed(ListDetailSchema, '/api/v1/lists/mohurd-2016-batch1');
    expect(list).toMatchObject({ '@type': 'Dataset', name: body.name, alternateName: body.name_en, temporalCoverage: body.published_on });
    expect(list.distribution[0].contentUrl).toBe('https://example.test/api/v1/lists/mohurd-2016-batch1/towns?format=csv');
  });

  it('text in the data cannot close the data block', () => {
    const html = String(JsonLd({ data: { note: '</script><script>alert(1)</script>', line: 'a\u2028b' } }));
    expect(html.match(/<\/script>/g)).toHaveLength(1);
    expect(JSON.parse(html.replace(/^<script type="application\/ld\+json">/, '').replace(/<\/script>$/, ''))).toEqual({
      note: '</script><script>alert(1)</script>',
      line: 'a\u2028b',
    });
  });
});
