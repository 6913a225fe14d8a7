import { listDataset } from '../../worker/open-data/schema-org.ts';
import type { ListDetail } from '../../worker/services/lists.ts';
import type { Page, TownSummary } from '../../worker/services/towns.ts';
import { DataTable } from '../components/data-table.tsx';
import { Layout } from '../components/layout.tsx';
import { LocalizedNote } from '../components/localized-note.tsx';
import { StatusBadge } from '../components/status-badge.tsx';
import type { SuggestionFormData } from '../components/suggestion-form.tsx';
import { Pager, ProvinceSelect, Showing, StatusSelect, TownTable } from '../components/town-list-parts.tsx';
import type { PageContext } from '../context.ts';
import { Completeness } from './lists.tsx';
import { SuggestionSection, suggestionScripts } from './suggestion.tsx';

export interface ListFilters {
  province?: string;
  status?: string;
  as_of?: string;
}

export interface ListPageData {
  list: ListDetail;
  page: Page<TownSummary>;
  filters: ListFilters;
  provinces: string[];
  csvUrl: string;
  nextUrl: string | null;
  firstUrl: string | null;
  /** The correction and addition form, with this list chosen. */
  suggestion: SuggestionFormData;
}

export function ListPage({ ctx, data }: { ctx: PageContext; data: ListPageData }) {
  const { t } = ctx;
  const { list, page, filters } = data;
  const name = ctx.lang === 'zh' ? list.name : list.name_en;
  return (
    <Layout
      ctx={ctx}
      jsonLd={listDataset(ctx.url.origin, list)}
      scripts={suggestionScripts(data.suggestion.turnstile)}
      title={name}
      description={`${name}: ${list.issuer ?? ''} ${list.published_on ?? ''} ${list.document_number ?? ''}`.trim()}
    >
      <h1>{name}</h1>
      <dl class="meta">
        <dt>{t.lists.issuer}</dt>
        <dd>{list.issuer ?? '—'}</dd>
        <dt>{t.lists.date}</dt>
        <dd>{list.published_on ?? '—'}</dd>
        <dt>{t.lists.document}</dt>
        <dd>{list.document_number ?? list.document_title ?? '—'}</dd>
        <dt>{t.lists.held}</dt>
        <dd>
          {list.town_count} / {list.official_count ?? '—'} <Completeness ctx={ctx} list={list} />
        </dd>
        {list.source_url && (
          <>
            <dt>{t.lists.source}</dt>
            <dd>
              <a href={list.source_url} rel="noopener nofollow">
                {list.source_url}
              </a>
            </dd>
          </>
        )}
        {(list.note || list.note_zh) && (
          <>
            <dt>{t.list.note}</dt>
            <LocalizedNote lang={ctx.lang} note={list.note} noteZh={list.note_zh} as="dd" />
          </>
        )}
      </dl>

      <form class="filters" method="get" action={`/lists/${list.id}`}>
        <fieldset>
          <legend>{t.list.filters}</legend>
          <div class="filter-row">
            <ProvinceSelect ctx={ctx} provinces={data.provinces} value={filters.province} anyLabel={t.list.any} />
            <StatusSelect ctx={ctx} label={t.list.status} value={filters.status} anyLabel={t.list.any} />
            <label>
              {t.list.asOf}
              <input type="date" name="as_of" value={filters.as_of ?? ''} />
            </label>
            <button type="submit">{t.list.apply}</button>
            <a href={`/lists/${list.id}`}>{t.list.reset}</a>
          </div>
        </fieldset>
      </form>

      <Showing ctx={ctx} total={page.total} csvUrl={data.csvUrl} />
      <TownTable
        ctx={ctx}
        towns={page.items}
        lastHeader={t.list.statusOnList}
        last={(town) => {
          const m = town.memberships.find((x) => x.list_id === list.id);
          return (
            <>
              {m && <StatusBadge ctx={ctx} status={m.status} />}{' '}
              {m?.status_since && (
                <span class="muted">
                  {t.list.since} {m.status_since}
                </span>
              )}
            </>
          );
        }}
      />
      <Pager ctx={ctx} firstUrl={data.firstUrl} nextUrl={data.nextUrl} />

      {list.province_counts.length > 0 && (
        <section aria-labelledby="province-counts">
          <h2 id="province-counts">{t.list.provinceCounts}</h2>
          <DataTable
            columns={[
              { label: t.list.province },
              { label: t.lists.official, num: true },
              { label: t.lists.held, num: true },
              { label: t.list.missing, num: true },
            ]}
          >
            {list.province_counts.map((p) => (
              <tr>
                <th scope="row">{p.province}</th>
                <td class="num">{p.official_count}</td>
                <td class="num">{p.town_count}</td>
                <td class={p.missing ? 'num gap' : 'num'}>{p.missing}</td>
              </tr>
            ))}
          </DataTable>
        </section>
      )}
      <SuggestionSection ctx={ctx} data={data.suggestion} />
    </Layout>
  );
}
