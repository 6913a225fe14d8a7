import type { JSX } from 'hono/jsx/jsx-runtime';
import { STATUSES } from '../../worker/lib/statuses.ts';
import type { TownSummary } from '../../worker/services/towns.ts';
import type { PageContext } from '../context.ts';
import { fmt } from '../i18n/index.ts';
import { DataTable } from './data-table.tsx';

/** The parts that a list's page and the towns page share: their filters, the count with its download, the pager. */

export function ProvinceSelect({
  ctx,
  provinces,
  value,
  anyLabel,
}: {
  ctx: PageContext;
  provinces: string[];
  value?: string;
  anyLabel: string;
}) {
  return (
    <label>
      {ctx.t.list.province}
      <select name="province">
        <option value="">{anyLabel}</option>
        {provinces.map((p) => (
          <option value={p} selected={value === p}>
            {p}
          </option>
        ))}
      </select>
    </label>
  );
}

export function StatusSelect({
  ctx,
  label,
  value,
  anyLabel,
}: {
  ctx: PageContext;
  label: string;
  value?: string | null;
  anyLabel: string;
}) {
  return (
    <label>
      {label}
      <select name="status">
        <option value="">{anyLabel}</option>
        {STATUSES.map((s) => (
          <option value={s} selected={value === s}>
            {ctx.t.statuses[s]}
          </option>
        ))}
      </select>
    </label>
  );
}

export function Showing({ ctx, total, csvUrl }: { ctx: PageContext; total: number; csvUrl: string }) {
  return (
    <p>
      {fmt(ctx.t.list.showing, { total })} · <a href={csvUrl}>{ctx.t.list.csv}</a>
    </p>
  );
}

export function Pager({ ctx, firstUrl, nextUrl }: { ctx: PageContext; firstUrl: string | null; nextUrl: string | null }) {
  const { t } = ctx;
  return (
    <nav class="pager" aria-label={t.list.next}>
      {firstUrl && <a href={firstUrl}>{t.list.first}</a>}
      {nextUrl && (
        <a href={nextUrl} rel="next">
          {t.list.next}
        </a>
      )}
    </nav>
  );
}

/** A page of towns: name (linked), place, and one column the page fills (the status on its list, or every list). */
export function TownTable({
  ctx,
  towns,
  lastHeader,
  last,
}: {
  ctx: PageContext;
  towns: TownSummary[];
  lastHeader: string;
  last: (town: TownSummary) => JSX.Element;
}) {
  const { t } = ctx;
  return (
    <DataTable columns={[{ label: t.list.town }, { label: t.list.place }, { label: lastHeader }]}>
      {towns.map((town) => (
        <tr data-town={town.id}>
          <th scope="row">
            <a href={`/towns/${town.id}`}>{town.name}</a>
          </th>
          <td>{[town.province, town.city, town.county].filter(Boolean).join(' ')}</td>
          <td>{last(town)}</td>
        </tr>
      ))}
    </DataTable>
  );
}
