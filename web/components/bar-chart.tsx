import { DataTable } from './data-table.tsx';

interface BarChartProps {
  id: string;
  caption: string;
  rows: { label: string; values: number[] }[];
  /** One name per series; the table's column headers. */
  series: string[];
  labelHeader: string;
}

const COLORS = ['#1f5f99', '#b3261e'];

/**
 * A horizontal bar chart drawn on the server as SVG, with the same numbers in
 * a table beside it: readable without JavaScript and by screen readers (the
 * drawing itself is decorative to them).
 */
export function BarChart({ id, caption, rows, series, labelHeader }: BarChartProps) {
  const max = Math.max(1, ...rows.flatMap((r) => r.values));
  const barHeight = 14;
  const rowHeight = barHeight * series.length + 10;
  const labelWidth = 150;
  const width = 640;
  const height = rows.length * rowHeight + 10;
  return (
    <figure class="chart" aria-labelledby={`${id}-caption`}>
      <figcaption id={`${id}-caption`}>{caption}</figcaption>
      <svg viewBox={`0 0 ${width} ${height}`} width="100%" aria-hidden="true" focusable="false">
        {rows.map((row, i) => (
          <g transform={`translate(0 ${i * rowHeight + 5})`}>
            <text x={labelWidth - 8} y={(barHeight * series.length) / 2 + 4} text-anchor="end" font-size="12" fill="#222">
              {row.label}
            </text>
            {row.values.map((value, s) => (
              <g>
                <rect
                  x={labelWidth}
                  y={s * barHeight}
                  width={((width - labelWidth - 50) * value) / max}
                  height={barHeight - 2}
                  fill={COLORS[s % COLORS.length]}
                />
                <text
                  x={labelWidth + ((width - labelWidth - 50) * value) / max + 4}
                  y={s * barHeight + barHeight - 4}
                  font-size="11"
                  fill="#222"
                >
                  {value}
                </text>
              </g>
            ))}
          </g>
        ))}
      </svg>
      <DataTable scroll={false} caption={caption} columns={[{ label: labelHeader }, ...series.map((s) => ({ label: s }))]}>
        {rows.map((row) => (
          <tr>
            <th scope="row">{row.label}</th>
            {row.values.map((v) => (
              <td class="num">{v}</td>
            ))}
          </tr>
        ))}
      </DataTable>
    </figure>
  );
}
