import type { Status } from '../../worker/lib/statuses.ts';
import type { Page, TownSummary } from '../../worker/services/towns.ts';
import { Layout } from '../components/layout.tsx';
import { StatusBadge } from '../components/status-badge.tsx';
import { Pager, ProvinceSelect, Showing, StatusSelect, TownTable } from '../components/town-list-parts.tsx';
import type { PageContext } from '../context.ts';
import { fmt } from '../i18n/index.ts';

export interface TownsPageData {
  page: Page<TownSummary>;
  filters: { province?: string; status?: Status };
  /** The provinces that hold any town, as the data names them (新疆生产建设兵团 among them). */
  provinces: string[];
  /** A status that names nothing: ignored, and said so. */
  ignoredStatus: string | null;
  csvUrl: string;
  nextUrl: string | null;
  firstUrl: string | null;
}

/**
 * The towns of every list in one province and status: where a tile of the province map links when no single
 * list is chosen (a chosen list links to its own page, which has the same filters).
 */
export function TownsPage({ ctx, data }: { ctx: PageContext; data: TownsPageData }) {
  const { t } = ctx;
  const { page, filters } = data;
  const title = filters.province ? fmt(t.townsPage.titleIn, { province: filters.province }) : t.townsPage.title;
  return (
    <Layout ctx={ctx} title={title} description={t.townsPage.description}>
      <h1>{title}</h1>
      <p>{t.townsPage.description}</p>
      {data.ignoredStatus !== null && (
        <p class="notice" role="status">
          {fmt(t.map.badStatus, { value: data.ignoredStatus })}
        </p>
      )}
      <form class="filters" method="get" action="/towns">
        <fieldset>
          <legend>{t.list.filters}</legend>
          <div class="filter-row">
            <ProvinceSelect ctx={ctx} provinces={data.provinces} value={filters.province} anyLabel={t.townsPage.anyProvince} />
            <StatusSelect ctx={ctx} label={t.list.status} value={filters.status} anyLabel={t.map.anyStatus} />
            <button type="submit">{t.list.apply}</button>
            <a href="/towns">{t.list.reset}</a>
          </div>
        </fieldset>
      </form>
      <Showing ctx={ctx} total={page.total} csvUrl={data.csvUrl} />
      <TownTable
        ctx={ctx}
        towns={page.items}
        lastHeader={t.townsPage.lists}
        last={(town) => (
          <ul class="plain">
            {town.memberships.map((m) => (
              <li>
                <a href={`/lists/${m.list_id}`}>{m.list_name}</a> <StatusBadge ctx={ctx} status={m.status} />
              </li>
            ))}
          </ul>
        )}
      />
      <Pager ctx={ctx} firstUrl={data.firstUrl} nextUrl={data.nextUrl} />
    </Layout>
  );
}
