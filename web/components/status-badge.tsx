import type { PageContext } from '../context.ts';

/** A status in words, with a colour class; the word carries the meaning, the colour only repeats it. */
export function StatusBadge({ ctx, status }: { ctx: PageContext; status: string }) {
  const label = ctx.t.statuses[status as keyof typeof ctx.t.statuses] ?? status;
  return <span class={`badge badge-${status}`}>{label}</span>;
}
