import type { List } from '../../worker/services/lists.ts';
import type { Stats } from '../../worker/services/stats.ts';
import type { TownSummary } from '../../worker/services/towns.ts';
import { Layout } from '../components/layout.tsx';
import { ProvinceMap } from '../components/province-map.tsx';
import { StatusBadge } from '../components/status-badge.tsx';
import type { PageContext } from '../context.ts';
import type { ProvinceMapData } from '../province-map-data.ts';

export interface HomeData {
  towns: number;
  lists: List[];
  responses: number;
  byStatus: Stats;
  query: string;
  results: TownSummary[] | null;
  map: ProvinceMapData;
}

export function HomePage({ ctx, data }: { ctx: PageContext; data: HomeData }) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t.home.title} description={t.home.description}>
      <h1>{t.home.title}</h1>
      <p class="lead">{t.home.intro}</p>
      <form class="search" action="/" method="get" role="search">
        <label for="q">{t.home.searchLabel}</label>
        <div class="search-row">
          <input
            id="q"
            name="q"
            type="search"
            value={data.query}
            placeholder={t.home.searchPlaceholder}
            maxlength={50}
            autocomplete="off"
          />
          <button type="submit">{t.home.searchButton}</button>
        </div>
      </form>
      {data.results && (
        <section aria-labelledby="results-title">
          <h2 id="results-title">{t.home.results}</h2>
          {data.results.length === 0 ? (
            <p>{t.home.noResults}</p>
          ) : (
            <ul class="results">
              {data.results.map((town) => (
                <li>
                  <a href={`/towns/${town.id}`}>{town.name}</a>{' '}
                  <span class="muted">{[town.province, town.city, town.county].filter(Boolean).join(' ')}</span>{' '}
                  {town.memberships.slice(0, 3).map((m) => (
                    <StatusBadge ctx={ctx} status={m.status} />
                  ))}
                </li>
              ))}
            </ul>
          )}
        </section>
      )}
      <section aria-labelledby="figures-title">
        <h2 id="figures-title">{t.home.figures}</h2>
        <dl class="figures">
          <div>
            <dt>{t.home.towns}</dt>
            <dd>{data.towns}</dd>
          </div>
          <div>
            <dt>{t.home.lists}</dt>
            <dd>{data.lists.length}</dd>
          </div>
          <div>
            <dt>{t.home.responses}</dt>
            <dd>{data.responses}</dd>
          </div>
        </dl>
        <h3>{t.home.byStatus}</h3>
        <ul class="status-counts">
          {data.byStatus.groups.map((g) => (
            <li>
              <a href={`/lists?status=${g.key}`}>
                <StatusBadge ctx={ctx} status={g.key} />
              </a>{' '}
              {g.towns}
            </li>
          ))}
        </ul>
      </section>
      <ProvinceMap ctx={ctx} data={data.map} action="/" />
      <section aria-labelledby="lists-title">
        <h2 id="lists-title">{t.home.latestLists}</h2>
        <ul class="list-links">
          {data.lists.map((l) => (
            <li>
              <a href={`/lists/${l.id}`}>{ctx.lang === 'zh' ? l.name : l.name_en}</a>{' '}
              <span class="muted">
                {l.town_count}
                {l.official_count !== null ? ` / ${l.official_count}` : ''}
              </span>
            </li>
          ))}
        </ul>
      </section>
    </Layout>
  );
}
