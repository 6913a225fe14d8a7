import type { PageContext } from '../context.ts';
import { fmt } from '../i18n/index.ts';
import { DataTable } from './data-table.tsx';
import { GRID_COLUMNS, GRID_ROWS, PROVINCE_TILES, type ProvinceTile } from './province-tiles.ts';

/**
 * A sequential blue scale of five classes (light to dark) and a sixth, distinct style for none: white with a
 * dashed grey border. The number is printed in every tile, so the colour never carries the meaning alone.
 */
export const FILLS = ['#dbe9f6', '#9ecae1', '#4292c6', '#2171b5', '#08306b'] as const;
export const ZERO_FILL = '#ffffff';
const INKS = ['#1a1a1a', '#ffffff'] as const;

// Narrow enough that a phone scales it to about three quarters, where the labels stay legible.
const PITCH = 64;
const TILE = 60;
const WIDTH = GRID_COLUMNS * PITCH;
const HEIGHT = GRID_ROWS * PITCH;

function luminance(hex: string): number {
  const [r, g, b] = [1, 3, 5].map((i) => {
    const v = parseInt(hex.slice(i, i + 2), 16) / 255;
    return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
}

/** The WCAG 2.1 contrast ratio of two `#rrggbb` colours. */
export function contrast(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi! + 0.05) / (lo! + 0.05);
}

/** Dark or white text, whichever contrasts more with the fill (every fill gets at least 4.5:1, as a test checks). */
export function inkOn(fill: string): string {
  return contrast(fill, INKS[0]) >= contrast(fill, INKS[1]) ? INKS[0] : INKS[1];
}

/**
 * The classes for counts 1…max: five equal steps, class k holding the counts above max·k/5 up to max·(k+1)/5,
 * so the largest count is always the darkest. With a small maximum some steps hold no whole number; they are
 * skipped, so each class shown has at least one possible count.
 */
export function classes(max: number): { fill: string; from: number; to: number }[] {
  return FILLS.map((fill, k) => ({
    fill,
    from: Math.floor((max * k) / FILLS.length) + 1,
    to: Math.floor((max * (k + 1)) / FILLS.length),
  })).filter((c) => c.to >= c.from);
}

export function fillFor(count: number, max: number): string {
  if (count <= 0) return ZERO_FILL;
  return classes(max).find((c) => count <= c.to)!.fill;
}

/** A tile's full English name from its lines ("Heilong-" "jiang" → "Heilongjiang"). */
export const englishName = (tile: ProvinceTile) =>
  tile.en.reduce((name, line) => (name.endsWith('-') ? name.slice(0, -1) + line : name ? `${name} ${line}` : line), '');

interface TileMapProps {
  ctx: PageContext;
  /** Unique on the page: the ids of the caption, title, description and legend derive from it. */
  id: string;
  caption: string;
  /** Towns per province as the data names provinces; a province without a row has none. */
  counts: { key: string; towns: number }[];
  /** The page that lists the towns counted in one province. */
  href: (province: string) => string;
}

/**
 * A tile-grid map of China's provincial-level divisions (see province-tiles.ts), drawn on the server as SVG:
 * each tile a link to the towns it counts, named for screen readers by its province and number; the number
 * printed in the tile; the same numbers in a table beside it, with any place the grid has no tile for.
 * Unlike the other charts the drawing is neither role="img" (which would hide its links) nor aria-hidden
 * (its links are focusable): it is named by its title and described by its desc, and each link speaks for itself.
 */
export function TileMap({ ctx, id, caption, counts, href }: TileMapProps) {
  const { t, lang } = ctx;
  const m = t.map;
  const byName = new Map(counts.map((c) => [c.key, c.towns]));
  const onGrid = new Set(PROVINCE_TILES.map((p) => p.name));
  const offGrid = counts.filter((c) => !onGrid.has(c.key) && c.towns > 0);
  const max = Math.max(0, ...PROVINCE_TILES.map((p) => byName.get(p.name) ?? 0));
  const name = (tile: ProvinceTile) => (lang === 'zh' ? tile.name : englishName(tile));
  const rows = [
    ...PROVINCE_TILES.map((tile) => ({ key: tile.name, label: name(tile), towns: byName.get(tile.name) ?? 0, tile: true })),
    ...offGrid.map((c) => ({ key: c.key, label: c.key, towns: c.towns, tile: false })),
  ];
  return (
    <figure class="chart tile-map" aria-labelledby={`${id}-caption`}>
      <figcaption id={`${id}-caption`}>{caption}</figcaption>
      <div class="tile-map-drawing">
        <svg viewBox={`0 0 ${WIDTH} ${HEIGHT}`} width="100%" aria-labelledby={`${id}-title`} aria-describedby={`${id}-desc`}>
          <title id={`${id}-title`}>{caption}</title>
          <desc id={`${id}-desc`}>{m.desc}</desc>
          {PROVINCE_TILES.map((tile) => {
            const towns = byName.get(tile.name) ?? 0;
            const fill = fillFor(towns, max);
            const ink = inkOn(fill);
            const x = tile.col * PITCH + (PITCH - TILE) / 2;
            const y = tile.row * PITCH + (PITCH - TILE) / 2;
            const lines = lang === 'zh' ? [tile.short] : tile.en;
            return (
              <a
                href={href(tile.name)}
                aria-label={fmt(m.tileLabel, { province: name(tile), n: towns })}
                data-province={tile.name}
                data-towns={towns}
              >
                <rect
                  x={x}
                  y={y}
                  width={TILE}
                  height={TILE}
                  rx="3"
                  fill={fill}
                  stroke={towns > 0 ? '#4d4d4d' : '#767676'}
                  stroke-dasharray={towns > 0 ? undefined : '4 3'}
                />
                {lines.map((line, i) => (
                  <text
                    x={x + TILE / 2}
                    y={y + (lang === 'zh' ? 20 : 16) + i * 13}
                    text-anchor="middle"
                    font-size={lang === 'zh' ? 14 : 12}
                    fill={ink}
                  >
                    {line}
                  </text>
                ))}
                <text x={x + TILE / 2} y={y + TILE - 9} text-anchor="middle" font-size="17" font-weight="700" fill={ink}>
                  {towns}
                </text>
              </a>
            );
          })}
        </svg>
        <p id={`${id}-legend`} class="small">
          {m.legend}
        </p>
        <ul class="tile-legend" aria-labelledby={`${id}-legend`}>
          <li>
            <svg width="18" height="18" aria-hidden="true" focusable="false">
              <rect x="1" y="1" width="16" height="16" fill={ZERO_FILL} stroke="#767676" stroke-dasharray="4 3" />
            </svg>{' '}
            0
          </li>
          {classes(max).map((c) => (
            <li>
              <svg width="18" height="18" aria-hidden="true" focusable="false">
                <rect x="1" y="1" width="16" height="16" fill={c.fill} stroke="#4d4d4d" />
              </svg>{' '}
              {c.from === c.to ? c.from : `${c.from}–${c.to}`}
            </li>
          ))}
        </ul>
        {offGrid.length > 0 && (
          <p class="small muted">{fmt(m.offGrid, { places: offGrid.map((c) => `${c.key} ${c.towns}`).join(t.ipa.listSeparator) })}</p>
        )}
      </div>
      <DataTable
        scroll={false}
        class="tile-map-table"
        caption={caption}
        columns={[{ label: t.list.province }, { label: m.towns, num: true }]}
      >
        {rows.map((r) => (
          <tr data-province={r.key} data-towns={r.towns}>
            <th scope="row">
              {r.tile || lang === 'zh' ? r.label : <span lang="zh-CN">{r.label}</span>}
              {lang === 'en' && r.tile && (
                <span class="muted" lang="zh-CN">
                  {' '}
                  {r.key}
                </span>
              )}
              {!r.tile && <span class="muted"> {m.noTile}</span>}
            </th>
            <td class="num">{r.towns}</td>
          </tr>
        ))}
      </DataTable>
    </figure>
  );
}
