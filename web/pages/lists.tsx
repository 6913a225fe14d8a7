import type { List } from '../../worker/services/lists.ts';
import { DataTable } from '../components/data-table.tsx';
import { Layout } from '../components/layout.tsx';
import type { PageContext } from '../context.ts';
import { fmt } from '../i18n/index.ts';

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
      <DataTable
        columns={[
          { label: t.lists.name },
          { label: t.lists.issuer },
          { label: t.lists.date },
          { label: t.lists.document },
          { label: t.lists.held, num: true },
          { label: t.lists.official, num: true },
          { label: t.lists.complete },
          { label: t.lists.source },
        ]}
      >
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
            <td>
              {l.source_url ? (
                <a href={l.source_url} rel="noopener nofollow">
                  {t.lists.sourceLink}
                  <span class="visually-hidden">: {l.name}</span>
                </a>
              ) : (
                '—'
              )}
            </td>
          </tr>
        ))}
      </DataTable>
    </Layout>
  );
}
