import type { PageContext } from '../context.ts';
import { fmt } from '../i18n/index.ts';
import { type ProvinceMapData, provinceHref } from '../province-map-data.ts';
import { TileMap } from './tile-map.tsx';
import { StatusSelect } from './town-list-parts.tsx';

/**
 * The province map with its own GET form (list and status), so that it works without JavaScript; `action` is
 * the page it sits on, and the answer scrolls back to the map.
 */
export function ProvinceMap({ ctx, data, action }: { ctx: PageContext; data: ProvinceMapData; action: string }) {
  const { t, lang } = ctx;
  const m = t.map;
  const chosen = data.lists.find((l) => l.id === data.list);
  const caption = fmt(m.caption, {
    list: chosen ? (lang === 'zh' ? chosen.name : chosen.name_en) : m.allLists,
    status: data.status ? t.statuses[data.status] : m.anyStatus,
  });
  return (
    <section id="map" aria-labelledby="map-title">
      <h2 id="map-title">{m.title}</h2>
      <p>{m.intro}</p>
      {(data.ignored.list !== undefined || data.ignored.status !== undefined) && (
        <div class="notice" role="status">
          {data.ignored.list !== undefined && <p>{fmt(m.badList, { value: data.ignored.list })}</p>}
          {data.ignored.status !== undefined && <p>{fmt(m.badStatus, { value: data.ignored.status })}</p>}
        </div>
      )}
      <form class="filters" method="get" action={`${action}#map`}>
        <fieldset>
          <legend>{m.filters}</legend>
          <div class="filter-row">
            <label>
              {m.list}
              <select name="list">
                <option value="">{m.allLists}</option>
                {data.lists.map((l) => (
                  <option value={l.id} selected={l.id === data.list}>
                    {lang === 'zh' ? l.name : l.name_en}
                  </option>
                ))}
              </select>
            </label>
            <StatusSelect ctx={ctx} label={m.status} value={data.status} anyLabel={m.anyStatus} />
            <button type="submit">{m.show}</button>
          </div>
        </fieldset>
      </form>
      <TileMap
        ctx={ctx}
        id="province-map"
        caption={caption}
        counts={data.byProvince.groups}
        href={(province) => provinceHref(data, province)}
      />
    </section>
  );
}
