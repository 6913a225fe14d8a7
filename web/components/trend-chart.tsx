import type { SurveyResult } from '../../worker/services/surveys/results.ts';
import { beijingTime } from '../beijing-time.ts';
import type { PageContext } from '../context.ts';
import { fmt } from '../i18n/index.ts';
import { DataTable } from './data-table.tsx';
import { one, signed } from './satisfaction.tsx';

type Dimension = SurveyResult['dimensions'][number];
type Shape = 'circle' | 'square' | 'triangle' | 'diamond';

interface TrendChartProps {
  ctx: PageContext;
  /** Unique on the page: the ids of the caption, title and description derive from it. */
  id: string;
  caption: string;
  title: string;
  /** One survey's results in one group, one per wave (any order). */
  results: SurveyResult[];
  minSample: number;
}

/** Each wave's mark: a shape and a colour of its own, so that the shape alone tells the waves apart. */
const SHAPES: Shape[] = ['circle', 'square', 'triangle', 'diamond'];
const COLORS = ['#1f5f99', '#b3261e', '#1d6b32', '#6b3fa0'];

// Narrow enough that its text stays legible when a phone scales it down.
const WIDTH = 440;
const LEFT = 16;
const RIGHT = 24;
const PLOT = WIDTH - LEFT - RIGHT;
const ROW = 44;
const FONT = 13;

/** A wave's results are drawn only when published and not suppressed. */
export const shown = (r: SurveyResult) => r.published && !r.suppressed;

/**
 * The dimensions that any shown wave has a score for, in the order of the newest wave's questionnaire,
 * then those only older waves have (a new questionnaire version may add or drop dimensions).
 */
export function trendDimensions(results: SurveyResult[]): { id: string; label: Dimension['label'] }[] {
  const seen = new Map<string, Dimension['label']>();
  for (const r of [...results].sort((a, b) => b.wave.opens_at.localeCompare(a.wave.opens_at)).filter(shown)) {
    for (const d of r.dimensions) if (!seen.has(d.dimension)) seen.set(d.dimension, d.label);
  }
  return [...seen].map(([id, label]) => ({ id, label }));
}

function Mark({ shape, x, y, color }: { shape: Shape; x: number; y: number; color: string }) {
  const r = 5.5;
  if (shape === 'circle') return <circle cx={x} cy={y} r={r} fill={color} stroke="#fff" />;
  if (shape === 'square') return <rect x={x - r} y={y - r} width={2 * r} height={2 * r} fill={color} stroke="#fff" />;
  if (shape === 'triangle')
    return <path d={`M${x} ${y - r - 1}L${x + r + 1} ${y + r}L${x - r - 1} ${y + r}Z`} fill={color} stroke="#fff" />;
  return <path d={`M${x} ${y - r - 1}L${x + r + 1} ${y}L${x} ${y + r + 1}L${x - r - 1} ${y}Z`} fill={color} stroke="#fff" />;
}

/**
 * A survey's scores across waves, drawn on the server as an SVG dot plot: one row per dimension, the
 * 0–100 score across, one mark per wave (its own shape and colour) with its 95% interval. The drawing
 * is one image to screen readers, with a title and a description naming the waves and the changes
 * beyond the intervals; the table below it has every figure, and a note says why a wave has none.
 */
export function TrendChart({ ctx, id, caption, title, results, minSample }: TrendChartProps) {
  const { t, lang } = ctx;
  const m = t.stats;
  const r = t.results;
  const waves = [...results].sort((a, b) => a.wave.opens_at.localeCompare(b.wave.opens_at));
  const drawn = waves.filter(shown);
  const dimensions = trendDimensions(waves);
  const style = new Map(drawn.map((w, i) => [w.wave_id, { shape: SHAPES[i % SHAPES.length]!, color: COLORS[i % COLORS.length]! }]));
  const cell = (w: SurveyResult, dimension: string) => w.dimensions.find((d) => d.dimension === dimension);
  // The waves without figures, once each, with the reason: not published yet (and when), or too few responses.
  const withheld = waves
    .filter((w) => !shown(w))
    .map((w) => {
      const reason = w.published
        ? fmt(r.suppressed, { min: minSample })
        : w.wave.closes_at
          ? fmt(r.notPublished, { closes: beijingTime(w.wave.closes_at, t) })
          : r.notPublishedNoEnd;
      return { w, text: fmt(m.trendWithheld, { wave: w.wave.name[lang], status: r.status[w.wave.status], reason }) };
    });
  const notes = withheld.length > 0 && (
    <ul class="small muted trend-withheld">
      {withheld.map(({ w, text }) => (
        <li data-wave={w.wave_id}>{text}</li>
      ))}
    </ul>
  );
  if (drawn.length === 0 || dimensions.length === 0) {
    return (
      <figure class="chart trend" aria-labelledby={`${id}-caption`}>
        <figcaption id={`${id}-caption`}>{caption}</figcaption>
        <p>{m.trendNoResults}</p>
        {notes}
      </figure>
    );
  }
  const x = (score: number) => LEFT + (score / 100) * PLOT;
  // The legend one wave a line, so that long names never run off the drawing.
  const legendHeight = drawn.length * 18 + 6;
  const top = legendHeight + 22;
  const height = top + dimensions.length * ROW + 8;
  const ticks = [0, 20, 40, 60, 80, 100];
  const changed = drawn
    .map((w) => ({ w, dims: w.dimensions.filter((d) => d.beyond_ci === true) }))
    .filter(({ dims }) => dims.length > 0)
    .map(({ w, dims }) =>
      fmt(m.trendChanged, { wave: w.wave.name[lang], dimensions: dims.map((d) => d.label[lang]).join(t.ipa.listSeparator) }),
    )
    .join('');
  const legend = drawn
    .map((w) => fmt(m.trendWave, { wave: w.wave.name[lang], shape: m.shapes[style.get(w.wave_id)!.shape] }))
    .join(t.ipa.listSeparator);
  const legendItems = drawn.map((w, i) => ({ w, y: 12 + i * 18, name: w.wave.name[lang] }));
  return (
    <figure class="chart trend" aria-labelledby={`${id}-caption`}>
      <figcaption id={`${id}-caption`}>{caption}</figcaption>
      <svg class="trend-plot" viewBox={`0 0 ${WIDTH} ${height}`} width="100%" role="img" aria-labelledby={`${id}-title ${id}-desc`}>
        <title id={`${id}-title`}>{title}</title>
        <desc id={`${id}-desc`}>{fmt(m.trendDesc, { waves: legend, summary: changed })}</desc>
        {legendItems.map(({ w, y, name }) => (
          <g>
            <Mark shape={style.get(w.wave_id)!.shape} x={LEFT + 8} y={y} color={style.get(w.wave_id)!.color} />
            <text x={LEFT + 22} y={y + 4} font-size={FONT} fill="#222">
              {name}
            </text>
          </g>
        ))}
        {ticks.map((v) => (
          <g>
            <line x1={x(v)} y1={top - 6} x2={x(v)} y2={height - 4} stroke="#e4e4e4" />
            <text x={x(v)} y={top - 10} text-anchor="middle" font-size={FONT - 2} fill="#222">
              {v}
            </text>
          </g>
        ))}
        {dimensions.map((d, row) => {
          const y0 = top + row * ROW;
          return (
            <g>
              <text x={LEFT} y={y0 + FONT + 2} font-size={FONT} fill="#1a1a1a" stroke="#fff" stroke-width="3" paint-order="stroke">
                {d.label[lang]}
              </text>
              {drawn.map((w, i) => {
                const c = cell(w, d.id);
                if (!c || c.score === null) return null;
                const { shape, color } = style.get(w.wave_id)!;
                // Waves a little apart within the row, so that equal scores and their intervals stay visible.
                const y = y0 + FONT + 14 + (i - (drawn.length - 1) / 2) * 7;
                return (
                  <g>
                    {c.ci_low !== null && c.ci_high !== null && (
                      <line x1={x(c.ci_low)} y1={y} x2={x(c.ci_high)} y2={y} stroke={color} stroke-opacity="0.5" stroke-width="2" />
                    )}
                    <Mark shape={shape} x={x(c.score)} y={y} color={color} />
                  </g>
                );
              })}
            </g>
          );
        })}
      </svg>
      <DataTable
        captionId={`${id}-table-caption`}
        caption={caption}
        columns={[
          { label: r.dimension },
          ...drawn.map((w) => ({
            label: fmt(m.waveHeader, { wave: w.wave.name[lang], status: r.status[w.wave.status] }),
            attrs: { 'data-wave': w.wave_id },
          })),
        ]}
      >
        {dimensions.map((d) => (
          <tr data-dimension={d.id}>
            <th scope="row">{d.label[lang]}</th>
            {drawn.map((w) => {
              const c = cell(w, d.id);
              // Not asked by this wave's questionnaire, or asked but with too few answers to publish.
              if (!c) return <td>—</td>;
              if (c.score === null) return <td class="muted">{r.notPublishedDimension}</td>;
              return (
                <td data-wave={w.wave_id} data-score={c.score}>
                  <strong>{one(c.score)}</strong>
                  {c.ci_low !== null && c.ci_high !== null && (
                    <span class="muted small">
                      {' '}
                      ({one(c.ci_low)} – {one(c.ci_high)})
                    </span>
                  )}
                  {c.change !== null && (
                    <span class="block small">
                      {r.change} {signed(c.change)}{' '}
                      {c.beyond_ci ? <strong class="gap">{r.beyond}</strong> : <span class="muted">{r.within}</span>}
                    </span>
                  )}
                </td>
              );
            })}
          </tr>
        ))}
      </DataTable>
      {notes}
    </figure>
  );
}
