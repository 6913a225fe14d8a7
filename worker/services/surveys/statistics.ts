import type { NormalizedAnswer } from './validate-answers.ts';

/**
 * A respondent's score on each dimension: the mean of their rated items in
 * it, rescaled from 1..scale to 0..100. "na" answers are not scored; a
 * dimension with no rated item gets no score.
 */
export function dimensionScores(answers: NormalizedAnswer[]): Map<string, number> {
  const sums = new Map<string, { total: number; n: number }>();
  for (const { question, values } of answers) {
    if (question.type !== 'likert' || !question.dimension || values[0] === 'na') continue;
    const score = ((Number(values[0]) - 1) / (question.scale - 1)) * 100;
    const s = sums.get(question.dimension) ?? { total: 0, n: 0 };
    sums.set(question.dimension, { total: s.total + score, n: s.n + 1 });
  }
  return new Map([...sums].map(([dimension, s]) => [dimension, s.total / s.n]));
}

/** Two-sided 95% critical values of Student's t for 1–30 degrees of freedom. */
const T95 = [
  12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228, 2.201, 2.179, 2.16, 2.145, 2.131, 2.12, 2.11, 2.101, 2.093, 2.086,
  2.08, 2.074, 2.069, 2.064, 2.06, 2.056, 2.052, 2.048, 2.045, 2.042,
];

/** t(0.975, df); beyond 30 the Cornish–Fisher expansion, within 0.001 of the exact value. */
export function tCritical95(df: number): number {
  if (df < 1) return Number.NaN;
  if (df <= 30) return T95[df - 1]!;
  const z = 1.959964;
  return z + (z ** 3 + z) / (4 * df) + (5 * z ** 5 + 16 * z ** 3 + 3 * z) / (96 * df ** 2);
}

export interface MeanEstimate {
  n: number;
  mean: number;
  ciLow: number | null;
  ciHigh: number | null;
}

/**
 * Mean and 95% confidence interval (Student's t) from the count, sum and
 * sum of squares a rollup keeps, clamped to the 0–100 scale. One response
 * has no interval.
 */
export function meanWithInterval(n: number, sum: number, sumSquares: number): MeanEstimate {
  const mean = sum / n;
  if (n < 2) return { n, mean, ciLow: null, ciHigh: null };
  const variance = Math.max(0, (sumSquares - n * mean * mean) / (n - 1));
  const half = tCritical95(n - 1) * Math.sqrt(variance / n);
  return { n, mean, ciLow: Math.max(0, mean - half), ciHigh: Math.min(100, mean + half) };
}

/** Net Promoter Score from counts of the answers 0–10: % promoters (9–10) minus % detractors (0–6). */
export function netPromoterScore(
  counts: Map<string, number>,
): { n: number; promoters: number; passives: number; detractors: number; score: number } | null {
  let promoters = 0;
  let passives = 0;
  let detractors = 0;
  for (const [value, n] of counts) {
    const v = Number(value);
    if (v >= 9) promoters += n;
    else if (v >= 7) passives += n;
    else detractors += n;
  }
  const total = promoters + passives + detractors;
  if (total === 0) return null;
  return { n: total, promoters, passives, detractors, score: ((promoters - detractors) / total) * 100 };
}
