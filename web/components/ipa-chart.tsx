import { IPA_QUADRANTS, type IpaEstimate, type IpaFunction, type IpaQuadrant, type IpaResult } from '../../worker/services/surveys/ipa.ts';
import type { PageContext } from '../context.ts';
import { fmt } from '../i18n/index.ts';
import { DataTable } from './data-table.tsx';

interface IpaChartProps {
  ctx: PageContext;
  /** Unique on the page: the ids of the caption, title and description derive from it. */
  id: string;
  caption: string;
  /** What importancePerformance() returns. */
  result: IpaResult;
}

/** Point colours by quadrant (position says the same, so colour is never the only cue). */
const COLORS: Record<IpaQuadrant, string> = {
  concentrate: '#b3261e',
  'keep-up': '#1d6b32',
  'low-priority': '#555555',
  overkill: '#1f5f99',
};

const SIZE = 400;
const LEFT = 58;
const TOP = 16;
const RIGHT = 16;
const BOTTOM = 52;
const FONT = 13;

/**
 * The axis range, the same on both axes (so that a function on the diagonal has gap 0): multiples of
 * 10 that hold every plotted point, its intervals and the crosshair, at least 20 wide, within 0–100.
 */
export function ipaRange(result: IpaResult): [number, number] {
  const values: number[] = [];
  if (result.grand_means) values.push(result.grand_means.importance, result.grand_means.satisfaction);
  for (const f of result.functions) {
    if (f.quadrant === null) continue;
    for (const e of [f.importance!, f.satisfaction!]) values.push(e.mean, ...[e.ci_low, e.ci_high].filter((v): v is number => v !== null));
  }
  if (values.length === 0) return [0, 100];
  let lo = Math.max(0, Math.floor((Math.min(...values) - 2) / 10) * 10);
  let hi = Math.min(100, Math.ceil((Math.max(...values) + 2) / 10) * 10);
  while (hi - lo < 20) {
    if (lo > 0) lo -= 10;
    else hi += 10;
  }
  return [lo, hi];
}

/** Roughly how wide a label is drawn: CJK characters are a full em, others about half. */
const textWidth = (s: string) => [...s].reduce((w, ch) => w + (/[\u2e80-\uffff]/.test(ch) ? FONT : FONT * 0.58), 0);

/** Every figure to one decimal, as computed, so that the columns line up and 55 reads as 55.0. */
const one = (v: number) => v.toFixed(1);
const interval = (e: IpaEstimate | null) =>
  e === null || e.ci_low === null || e.ci_high === null ? '—' : `${one(e.ci_low)} – ${one(e.ci_high)}`;

/**
 * The importance–performance analysis as a scatter drawn on the server in SVG (satisfaction across,
 * importance up, a crosshair at the grand means, the four quadrants named, each function labelled),
 * with the same numbers in a table beside it. The drawing is one image to screen readers, with a
 * title and a description that names the functions in each quadrant; the table has every figure.
 */
export function IpaChart({ ctx, id, caption, result }: IpaChartProps) {
  const { t, lang } = ctx;
  const m = t.ipa;
  const grand = result.grand_means;
  if (!grand) {
    return (
      <figure class="chart ipa" aria-labelledby={`${id}-caption`}>
        <figcaption id={`${id}-caption`}>{caption}</figcaption>
        <p>{m.noData}</p>
      </figure>
    );
  }
  const [lo, hi] = ipaRange(result);
  const scale = (v: number) => ((v - lo) / (hi - lo)) * SIZE;
  const px = (satisfaction: number) => LEFT + scale(satisfaction);
  const py = (importance: number) => TOP + SIZE - scale(importance);
  const ticks = Array.from({ length: (hi - lo) / 10 + 1 }, (_, i) => lo + i * 10);
  const plotted = result.functions.filter((f): f is IpaFunction & { quadrant: IpaQuadrant } => f.quadrant !== null);
  const missing = result.functions.filter((f) => f.quadrant === null);
  const list = (fs: IpaFunction[]) => fs.map((f) => f.label[lang]).join(m.listSeparator);
  const summary =
    IPA_QUADRANTS.map((q) => [q, plotted.filter((f) => f.quadrant === q)] as const)
      .filter(([, fs]) => fs.length > 0)
      .map(([q, fs]) => fmt(m.inQuadrant, { quadrant: m.quadrants[q], functions: list(fs) }))
      .join('') + (missing.length > 0 ? fmt(m.notPlotted, { functions: list(missing) }) : '');

  // Labels right of their point (left near the right edge), moved down while they would overlap one already placed.
  const placed: { x: number; y: number; w: number }[] = [];
  const labels = plotted.map((f) => {
    const cx = px(f.satisfaction!.mean);
    const cy = py(f.importance!.mean);
    const text = f.label[lang];
    const w = textWidth(text);
    const left = cx + 8 + w > LEFT + SIZE;
    const x = left ? cx - 8 - w : cx + 8;
    let y = cy + FONT / 2 - 2;
    while (placed.some((p) => Math.abs(p.y - y) < FONT + 1 && x < p.x + p.w && p.x < x + w)) y += FONT + 1;
    placed.push({ x, y, w });
    return { f, cx, cy, x, y, text };
  });

  const gx = px(grand.satisfaction);
  const gy = py(grand.importance);
  const corner = { top: TOP + FONT + 2, bottom: TOP + SIZE - 6, left: LEFT + 6, right: LEFT + SIZE - 6 };
  const width = LEFT + SIZE + RIGHT;
  const height = TOP + SIZE + BOTTOM;
  return (
    <figure class="chart ipa" aria-labelledby={`${id}-caption`}>
      <figcaption id={`${id}-caption`}>{caption}</figcaption>
      <svg class="ipa-plot" viewBox={`0 0 ${width} ${height}`} width="100%" role="img" aria-labelledby={`${id}-title ${id}-desc`}>
        <title id={`${id}-title`}>{m.title}</title>
        <desc id={`${id}-desc`}>
          {fmt(m.desc, { from: lo, to: hi, satisfaction: one(grand.satisfaction), importance: one(grand.importance), summary })}
        </desc>
        {/* "Concentrate here" (important, unsatisfying: top left) is tinted. */}
        <rect x={LEFT} y={TOP} width={gx - LEFT} height={gy - TOP} fill="#fbecea" />
        <rect x={LEFT} y={TOP} width={SIZE} height={SIZE} fill="none" stroke="#767676" />
        {ticks.map((v) => (
          <g>
            <line x1={px(v)} y1={TOP} x2={px(v)} y2={TOP + SIZE} stroke="#e4e4e4" />
            <line x1={LEFT} y1={py(v)} x2={LEFT + SIZE} y2={py(v)} stroke="#e4e4e4" />
            <text x={px(v)} y={TOP + SIZE + FONT + 4} text-anchor="middle" font-size={FONT - 1} fill="#222">
              {v}
            </text>
            <text x={LEFT - 6} y={py(v) + 4} text-anchor="end" font-size={FONT - 1} fill="#222">
              {v}
            </text>
          </g>
        ))}
        <text x={LEFT + SIZE / 2} y={TOP + SIZE + FONT * 2 + 12} text-anchor="middle" font-size={FONT} font-weight="bold" fill="#222">
          {m.xAxis} →
        </text>
        <text
          x={16}
          y={TOP + SIZE / 2}
          text-anchor="middle"
          font-size={FONT}
          font-weight="bold"
          fill="#222"
          transform={`rotate(-90 16 ${TOP + SIZE / 2})`}
        >
          {m.yAxis} →
        </text>
        <line x1={gx} y1={TOP} x2={gx} y2={TOP + SIZE} stroke="#555" stroke-dasharray="5 4" />
        <line x1={LEFT} y1={gy} x2={LEFT + SIZE} y2={gy} stroke="#555" stroke-dasharray="5 4" />
        <text
          x={corner.left}
          y={corner.top}
          font-size={FONT}
          fill={COLORS.concentrate}
          font-weight="bold"
          stroke="#fff"
          stroke-width="3"
          paint-order="stroke"
        >
          {m.quadrants.concentrate}
        </text>
        <text x={corner.right} y={corner.top} font-size={FONT} fill={COLORS['keep-up']} font-weight="bold" text-anchor="end">
          {m.quadrants['keep-up']}
        </text>
        <text x={corner.left} y={corner.bottom} font-size={FONT} fill={COLORS['low-priority']} font-weight="bold">
          {m.quadrants['low-priority']}
        </text>
        <text x={corner.right} y={corner.bottom} font-size={FONT} fill={COLORS.overkill} font-weight="bold" text-anchor="end">
          {m.quadrants.overkill}
        </text>
        {labels.map(({ f, cx, cy, x, y, text }) => (
          <g>
            {f.satisfaction!.ci_low !== null && f.satisfaction!.ci_high !== null && (
              <line
                x1={px(f.satisfaction!.ci_low)}
                y1={cy}
                x2={px(f.satisfaction!.ci_high)}
                y2={cy}
                stroke={COLORS[f.quadrant]}
                stroke-opacity="0.45"
              />
            )}
            {f.importance!.ci_low !== null && f.importance!.ci_high !== null && (
              <line
                x1={cx}
                y1={py(f.importance!.ci_low)}
                x2={cx}
                y2={py(f.importance!.ci_high)}
                stroke={COLORS[f.quadrant]}
                stroke-opacity="0.45"
              />
            )}
            <circle cx={cx} cy={cy} r="5" fill={COLORS[f.quadrant]} stroke="#fff" />
            {/* A white halo keeps the label readable over grid, crosshair and intervals. */}
            <text x={x} y={y} font-size={FONT} fill="#1a1a1a" stroke="#fff" stroke-width="3" paint-order="stroke">
              {text}
            </text>
          </g>
        ))}
      </svg>
      <DataTable
        captionId={`${id}-table-caption`}
        caption={caption}
        columns={[
          { label: m.function },
          { label: m.importance, num: true },
          { label: m.importanceInterval },
          { label: m.satisfaction, num: true },
          { label: m.satisfactionInterval },
          { label: m.gap, num: true },
          { label: m.quadrant },
        ]}
        foot={
          <tr>
            <th scope="row">{m.grandMean}</th>
            <td class="num">{one(grand.importance)}</td>
            <td></td>
            <td class="num">{one(grand.satisfaction)}</td>
            <td></td>
            <td></td>
            <td></td>
          </tr>
        }
      >
        {result.functions.map((f) => (
          <tr data-function={f.function} data-quadrant={f.quadrant ?? undefined}>
            <th scope="row">{f.label[lang]}</th>
            <td class="num">{f.importance ? one(f.importance.mean) : '—'}</td>
            <td>{interval(f.importance)}</td>
            <td class="num">{f.satisfaction ? one(f.satisfaction.mean) : '—'}</td>
            <td>{interval(f.satisfaction)}</td>
            <td class="num">{f.gap === null ? '—' : one(f.gap)}</td>
            <td>{f.quadrant ? m.quadrants[f.quadrant] : '—'}</td>
          </tr>
        ))}
      </DataTable>
    </figure>
  );
}
