import type { Publication } from '../../db/queries/waves.ts';
import type { Question } from '../../schemas/survey-definition.ts';
import { netPromoterScore } from './statistics.ts';

/**
 * The rules that decide what of a survey's results may be published, so that
 * no respondent's answers can be read out of them (see /methodology):
 * - a group is published only from `minSample` responses (MIN_SAMPLE, 10 by
 *   default) and flagged as a small sample below SMALL_SAMPLE;
 * - answers are published as whole percentages of categories, never as counts,
 *   and only where every category that anyone chose holds at least
 *   CATEGORY_MIN respondents: a 1–5 scale is otherwise merged into bottom two
 *   (1–2), middle (3) and top two (4–5), and withheld if that is not enough;
 * - a wave publishes either once it has closed, or per town in steps of STEP
 *   responses, so that two published states differ by at least STEP responses.
 */
export const SMALL_SAMPLE = 30;
export const CATEGORY_MIN = 3;
export const STEP = 10;

/** Where a wave's published results come from now: its final rollups, its per-town published states, or nowhere yet. */
export function resultsSource(
  wave: { publication: Publication; opensAt: string; closesAt: string | null },
  now: Date,
): 'final' | 'steps' | null {
  const t = now.toISOString();
  if (wave.opensAt > t) return null;
  if (wave.publication === 'live_in_steps') return 'steps';
  return wave.closesAt !== null && wave.closesAt <= t ? 'final' : null;
}

/**
 * Whole percentages of `counts` that add up to 100 (largest remainder): each
 * category's share rounded down, then the points left given to the largest
 * remainders, ties to the earlier category.
 */
export function wholePercentages(counts: number[]): number[] {
  const total = counts.reduce((a, b) => a + b, 0);
  if (total === 0) return counts.map(() => 0);
  const exact = counts.map((n) => (n * 100) / total);
  const floors = exact.map(Math.floor);
  let left = 100 - floors.reduce((a, b) => a + b, 0);
  const order = exact.map((x, i) => ({ i, r: x - Math.floor(x) })).sort((a, b) => b.r - a.r || a.i - b.i);
  for (const { i } of order) {
    if (left <= 0) break;
    floors[i]! += 1;
    left -= 1;
  }
  return floors;
}

/** No category that anyone chose holds fewer than CATEGORY_MIN respondents. */
export function safeCategories(counts: number[]): boolean {
  return counts.every((n) => n === 0 || n >= CATEGORY_MIN);
}

export interface PublishedDistribution {
  question_id: string;
  /** `values`: one category per answer value; `grouped`: a 1–5 scale as bottom two, middle and top two. */
  grouping: 'values' | 'grouped';
  categories: { value: string; percent: number }[];
  /** Share of the question's answers that were "not applicable", left out of the percentages; null when the question has no such answer. */
  na_percent: number | null;
}

const GROUPS = [
  { value: 'bottom2', of: (v: number) => v <= 2 },
  { value: 'middle', of: (v: number, scale: number) => v > 2 && v < scale - 1 },
  { value: 'top2', of: (v: number, scale: number) => v >= scale - 1 },
];

/**
 * A question's answers as they may be published, or null when they may not:
 * whole percentages of the answer values, merged for a rating scale when a
 * value has 1 or 2 respondents, withheld when even that does not protect them
 * or fewer than `minSample` answered.
 */
export function publishedDistribution(question: Question, counts: Map<string, number>, minSample: number): PublishedDistribution | null {
  if (question.type === 'text') return null;
  const na = counts.get('na') ?? 0;
  const values =
    question.type === 'likert'
      ? Array.from({ length: question.scale }, (_, i) => String(i + 1))
      : question.type === 'nps'
        ? Array.from({ length: 11 }, (_, i) => String(i))
        : question.options.map((o) => o.id);
  const answered = values.map((v) => counts.get(v) ?? 0);
  const base = answered.reduce((a, b) => a + b, 0);
  if (base < minSample) return null;
  const naPercent = question.type === 'likert' && question.allow_na ? wholePercentages([base, na])[1]! : null;
  if (safeCategories(answered)) {
    return {
      question_id: question.id,
      grouping: 'values',
      categories: values.map((value, i) => ({ value, percent: wholePercentages(answered)[i]! })),
      na_percent: naPercent,
    };
  }
  if (question.type !== 'likert' || question.scale < 5) return null;
  const grouped = GROUPS.map((g) => values.reduce((sum, v, i) => sum + (g.of(Number(v), question.scale) ? answered[i]! : 0), 0));
  if (!safeCategories(grouped)) return null;
  const percents = wholePercentages(grouped);
  return {
    question_id: question.id,
    grouping: 'grouped',
    categories: GROUPS.map((g, i) => ({ value: g.value, percent: percents[i]! })),
    na_percent: naPercent,
  };
}

export interface PublishedNps {
  question_id: string;
  n: number;
  /** % promoters (9–10) − % detractors (0–6), one decimal. */
  score: number;
  /** Whole percentages of promoters, passives and detractors; null when one of them has 1 or 2 respondents. */
  promoters_percent: number | null;
  passives_percent: number | null;
  detractors_percent: number | null;
}

/** The Net Promoter Score of a 0–10 question, from `minSample` answers; its three shares only where each is safe. */
export function publishedNps(questionId: string, counts: Map<string, number>, minSample: number): PublishedNps | null {
  const nps = netPromoterScore(counts);
  if (!nps || nps.n < minSample) return null;
  const groups = [nps.promoters, nps.passives, nps.detractors];
  const shares = safeCategories(groups) ? wholePercentages(groups) : null;
  return {
    question_id: questionId,
    n: nps.n,
    score: Math.round(nps.score * 10) / 10,
    promoters_percent: shares?.[0] ?? null,
    passives_percent: shares?.[1] ?? null,
    detractors_percent: shares?.[2] ?? null,
  };
}

/** Whether two 95% intervals are apart: a change the sample cannot explain. */
export function beyondIntervals(
  a: { ci_low: number | null; ci_high: number | null },
  b: { ci_low: number | null; ci_high: number | null },
): boolean | null {
  if (a.ci_low === null || a.ci_high === null || b.ci_low === null || b.ci_high === null) return null;
  return a.ci_low > b.ci_high || b.ci_low > a.ci_high;
}
