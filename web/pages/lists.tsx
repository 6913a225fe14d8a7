import type { PageContext } from '../context.ts';
import { fmt } from '../i18n/index.ts';
import { Layout } from '../components/layout.tsx';
import type { List } from '../../worker/services/lists.ts';

export function Completeness({ ctx, list }: { ctx: PageContext; list: Pick<List, 'complete' | 'missing' | 'official_count'> }) {
  const { t } = ctx;
  if (list.official_count === null) return <span class="muted">{t.lists.unknownCount}</span>;
  if (list.complete) return <span class="ok">{t.lists.complete}</span>;
  return <span class="gap">{fmt(t.lists.incomplete, { n: list.missing ?? 0 })}</span>;
}

export function ListsPage({ ctx, lists }: { ctx: PageContext; lists: List[] }) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t.lists.title} description={t.lists.description}>
      <h1>{t.lists.title}</h1>
      <p>{t.lists.description}</p>
      <div class="table-scroll">
        <table class="data-table">
          <thead>
            <tr>
              <th scope="col">{t.lists.name}</th>
              <th scope="col">{t.lists.issuer}</th>
              <th scope="col">{t.lists.date}</th>
              <th scope="col">{t.lists.document}</th>
              <th scope="col" class="num">{t.lists.held}</th>
              <th scope="col" class="num">{t.lists.official}</th>
              <th scope="col">{t.lists.complete}</th>
              <th scope="col">{t.lists.source}</th>
            </tr>
          </thead>
          <tbody>
            {lists.map((l) => (
              <tr>
                <th scope="row">
                  <a href={`/lists/${l.id}`}>{ctx.lang === 'zh' ? l.name : l.name_en}</a>
                  <span class="muted block">{t.levels[l.level]}</span>
                </th>
                <td>{l.issuer}</td>
                <td>{l.published_on ?? '—'}</td>
                <td>{l.document_number ?? '—'}</td>
                <td class="num">{l.town_count}</td>
                <td class="num">{l.official_count ?? '—'}</td>
                <td>
                  <Completeness ctx={ctx} list={l} />
                </td>
                <td>{l.source_url ? <a href={l.source_url} rel="noopener nofollow">{t.lists.sourceLink}<span class="visually-hidden">: {l.name}</span></a> : '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </Layout>
  );
}
