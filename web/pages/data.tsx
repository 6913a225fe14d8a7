import { LICENCE } from '../../worker/open-data/licence.ts';
import { apiExportPath } from '../../worker/open-data/package.ts';
import { siteDataset } from '../../worker/open-data/schema-org.ts';
import { PUBLIC_TABLES } from '../../worker/open-data/tables/index.ts';
import type { Source } from '../../worker/services/sources.ts';
import { Layout } from '../components/layout.tsx';
import type { PageContext } from '../context.ts';
import { fmt } from '../i18n/index.ts';

export function DataPage({ ctx, sources, minSample }: { ctx: PageContext; sources: Source[]; minSample: number }) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t.data.title} description={t.data.description} jsonLd={siteDataset(ctx.url.origin)}>
      <h1>{t.data.title}</h1>
      <section aria-labelledby="api">
        <h2 id="api">{t.data.api}</h2>
        <p>{t.data.apiText}</p>
        <ul>
          <li>
            <a href="/docs">{t.data.apiDocs}</a>
          </li>
          <li>
            <a href="/openapi.json">{t.data.openapi}</a>
          </li>
          <li>
            <a href="/methodology">{t.data.methodology}</a>
          </li>
          <li>
            <code>GET /api/v1/towns?q=changgou</code>
          </li>
          <li>
            <code>GET /api/v1/lists/mohurd-2016-batch1/towns?format=csv</code>
          </li>
        </ul>
      </section>
      <section aria-labelledby="licence">
        <h2 id="licence">{t.data.licence}</h2>
        <p>
          {t.data.licenceText}{' '}
          <a href={LICENCE.url} rel="license noopener">
            {LICENCE.title}
          </a>
        </p>
      </section>
      <section aria-labelledby="open-data">
        <h2 id="open-data">{t.data.openData}</h2>
        <p>{t.data.openDataText}</p>
        <ul>
          <li>
            <a href="/datapackage.json">{t.data.dataPackage}</a>
          </li>
          <li>
            <a href="/catalog.jsonld">{t.data.catalog}</a>
          </li>
          <li>
            <a href="/downloads/">{t.data.snapshot}</a>
          </li>
        </ul>
        <h3 id="tables">{t.data.downloadTables}</h3>
        <ul>
          {PUBLIC_TABLES.map((table) => (
            <li>
              <a href={apiExportPath(table, 'csv')}>{`${table.name}.csv`}</a>: {table.title[ctx.lang]}
            </li>
          ))}
        </ul>
      </section>
      <section aria-labelledby="waves">
        <h2 id="waves">{t.data.waves}</h2>
        <p>
          {fmt(t.data.wavesText, { min: minSample })} <a href="/methodology#publication">{t.data.wavesMethodology}</a>
        </p>
      </section>
      <section aria-labelledby="privacy">
        <h2 id="privacy">{t.data.privacy}</h2>
        <p>{t.data.privacyText}</p>
        <p>{t.data.privacyKept}</p>
        <h3 id="privacy-enterprise">{t.data.privacyEnterprise}</h3>
        <ul>
          {t.data.privacyEnterpriseList.map((item) => (
            <li>{item}</li>
          ))}
        </ul>
        <h3 id="privacy-public">{t.data.privacyPublic}</h3>
        <p>{t.data.privacyPublicText}</p>
        <h3 id="privacy-salts">{t.data.privacySalts}</h3>
        <p>{t.data.privacySaltsText}</p>
        <h3 id="privacy-suggestions">{t.suggest.privacyTitle}</h3>
        <p>{t.suggest.privacyText}</p>
      </section>
      <section aria-labelledby="sources">
        <h2 id="sources">{t.data.sources}</h2>
        <p>{t.data.sourcesText}</p>
        <ul class="sources">
          {sources.map((s) => (
            <li>
              {s.title}
              {s.document_number ? ` ${s.document_number}` : ''} {s.published_on && <span class="muted">{s.published_on}</span>}{' '}
              {s.urls.slice(0, 2).map((u, i) => (
                <>
                  {' '}
                  <a href={u} rel="noopener nofollow">
                    [{i + 1}]
                    <span class="visually-hidden">
                      {' '}
                      {t.lists.sourceLink}: {s.title}
                    </span>
                  </a>
                </>
              ))}
            </li>
          ))}
        </ul>
      </section>
    </Layout>
  );
}
