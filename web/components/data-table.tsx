import type { Child } from 'hono/jsx';

/** A column of a data table: its header, and whether it holds figures (right-aligned, `num`). */
export interface Column {
  label: Child;
  num?: boolean;
  /** More attributes of the header cell, e.g. the `data-wave` a test or a script finds it by. */
  attrs?: Record<string, string>;
}

interface DataTableProps {
  columns: Column[];
  /** Rows of the body: each a `<tr>` whose first cell is its `<th scope="row">`. */
  children: Child;
  /** Read by screen readers only; the page around the table says what it is. */
  caption?: Child;
  /**
   * The caption's id: the box that scrolls the table becomes a focusable region named by it, so that a
   * keyboard user can scroll a table wider than the screen (axe: scrollable-region-focusable).
   */
  captionId?: string;
  /** False for a table inside a figure that lays it out itself: no scrolling box. */
  scroll?: boolean;
  /** A class beside `data-table`. */
  class?: string;
  /** Rows of the foot (e.g. the grand mean). */
  foot?: Child;
}

/** The site's one table markup: header cells scoped to their columns, an optional hidden caption, the scrolling box. */
export function DataTable({ columns, children, caption, captionId, scroll = true, class: extra, foot }: DataTableProps) {
  const table = (
    <table class={extra ? `data-table ${extra}` : 'data-table'}>
      {caption !== undefined && (
        <caption id={captionId} class="visually-hidden">
          {caption}
        </caption>
      )}
      <thead>
        <tr>
          {columns.map((c) => (
            <th scope="col" class={c.num ? 'num' : undefined} {...c.attrs}>
              {c.label}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>{children}</tbody>
      {foot !== undefined && <tfoot>{foot}</tfoot>}
    </table>
  );
  if (!scroll) return table;
  return captionId ? (
    <div class="table-scroll" role="region" tabindex={0} aria-labelledby={captionId}>
      {table}
    </div>
  ) : (
    <div class="table-scroll">{table}</div>
  );
}
