/**
 * Importance–performance analysis (Martilla & James, 1977) of the government functions an
 * enterprise questionnaire rates: where each function stands on importance and on satisfaction
 * (its performance), and so where to act first. Pure: results.ts gives it the published dimension
 * scores, the API, CSV and pages show what it returns.
 *
 * - Scale: 0–100, the scale of the dimension scores ((answer − 1) × 25 on a 1–5 scale).
 * - Precision: every mean is taken to one decimal first, as the scores are published, and everything
 *   else is computed from those published figures, so a reader can redo every step from the table.
 * - Grand means: the mean importance and the mean satisfaction over the functions that have both
 *   estimates (a function lacking one is not plotted, so it does not move the crosshair either),
 *   to one decimal.
 * - Quadrant: importance ≥ its grand mean is high, below is low; the same for satisfaction. A value
 *   exactly at its grand mean counts as high (ties go to the higher side).
 *     high importance, low satisfaction  → 'concentrate'  (concentrate here, 重点改进)
 *     high importance, high satisfaction → 'keep-up'      (keep up the good work, 继续保持)
 *     low importance,  low satisfaction  → 'low-priority' (low priority, 次要改进)
 *     low importance,  high satisfaction → 'overkill'     (possible overkill, 可能过度)
 * - Gap: importance − satisfaction, to one decimal; positive means the function falls short of how
 *   much it matters.
 * - Order: by gap, largest first ("where to act" first); functions lacking an estimate (quadrant and
 *   gap null) last; equal gaps keep the order they were given in.
 */

export interface IpaEstimate {
  n: number;
  mean: number;
  ci_low: number | null;
  ci_high: number | null;
}

export interface IpaLabel {
  zh: string;
  en: string;
}

export interface IpaInput {
  /** The function id (the id of its satisfaction dimension), e.g. `planning`. */
  function: string;
  label: IpaLabel;
  /** The function's importance dimension score; null when not published (suppressed or no answers). */
  importance: IpaEstimate | null;
  /** The function's satisfaction dimension score; null when not published. */
  satisfaction: IpaEstimate | null;
}

export type IpaQuadrant = 'concentrate' | 'keep-up' | 'low-priority' | 'overkill';

export const IPA_QUADRANTS: readonly IpaQuadrant[] = ['concentrate', 'keep-up', 'low-priority', 'overkill'];

export interface IpaFunction extends IpaInput {
  /** Null when the function lacks either estimate. */
  quadrant: IpaQuadrant | null;
  /** importance − satisfaction to one decimal; null when the function lacks either estimate. */
  gap: number | null;
}

export interface IpaResult {
  /** Null when no function has both estimates. */
  grand_means: { importance: number; satisfaction: number } | null;
  /** Every function given, "where to act" first. */
  functions: IpaFunction[];
}

/** One decimal, as results.ts rounds scores (half up). */
const round1 = (x: number) => Math.round(x * 10) / 10;

const rounded = (e: IpaEstimate | null): IpaEstimate | null =>
  e && {
    n: e.n,
    mean: round1(e.mean),
    ci_low: e.ci_low === null ? null : round1(e.ci_low),
    ci_high: e.ci_high === null ? null : round1(e.ci_high),
  };

/** The quadrant of a point against the grand means; a value at its grand mean counts as high. */
export function quadrantOf(importance: number, satisfaction: number, grand: { importance: number; satisfaction: number }): IpaQuadrant {
  const important = importance >= grand.importance;
  const satisfied = satisfaction >= grand.satisfaction;
  if (important) return satisfied ? 'keep-up' : 'concentrate';
  return satisfied ? 'overkill' : 'low-priority';
}

/** The importance–performance analysis of the given functions (see the module's comment for every rule). */
export function importancePerformance(inputs: IpaInput[]): IpaResult {
  const items = inputs.map((f) => ({ ...f, importance: rounded(f.importance), satisfaction: rounded(f.satisfaction) }));
  const complete = items.filter((f) => f.importance && f.satisfaction);
  const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
  const grand =
    complete.length === 0
      ? null
      : {
          importance: round1(mean(complete.map((f) => f.importance!.mean))),
          satisfaction: round1(mean(complete.map((f) => f.satisfaction!.mean))),
        };
  const functions: IpaFunction[] = items.map((f) =>
    grand && f.importance && f.satisfaction
      ? { ...f, quadrant: quadrantOf(f.importance.mean, f.satisfaction.mean, grand), gap: round1(f.importance.mean - f.satisfaction.mean) }
      : { ...f, quadrant: null, gap: null },
  );
  // Array.prototype.sort is stable: equal gaps (and the functions without one) keep their given order.
  functions.sort((a, b) => (a.gap === null ? (b.gap === null ? 0 : 1) : b.gap === null ? -1 : b.gap - a.gap));
  return { grand_means: grand, functions };
}
