import { describe, expect, it } from 'vitest';
import { type IpaEstimate, type IpaInput, importancePerformance, quadrantOf } from '../../worker/services/surveys/ipa.ts';

const est = (mean: number, n = 40, half = 5): IpaEstimate => ({ n, mean, ci_low: mean - half, ci_high: mean + half });
const fn = (id: string, importance: number | null, satisfaction: number | null): IpaInput => ({
  function: id,
  label: { zh: id, en: id },
  importance: importance === null ? null : est(importance),
  satisfaction: satisfaction === null ? null : est(satisfaction),
});

describe('importance–performance analysis', () => {
  it('places each function by the grand means and orders by gap, hand-computed', () => {
    // importance:   80 + 70 + 60 + 50 + 65 = 325 → grand mean 65.0
    // satisfaction: 50 + 75 + 55 + 70 + 60 = 310 → grand mean 62.0
    const result = importancePerformance([
      fn('planning', 80, 50), // high, low  → concentrate, gap 30
      fn('policy_support', 70, 75), // high, high → keep-up, gap −5
      fn('coordination', 60, 55), // low, low   → low-priority, gap 5
      fn('approval_services', 50, 70), // low, high  → overkill, gap −20
      fn('supervision', 65, 60), // 65 = grand importance: high; 60 < 62 → concentrate, gap 5
    ]);
    expect(result.grand_means).toEqual({ importance: 65, satisfaction: 62 });
    expect(result.functions.map((f) => [f.function, f.quadrant, f.gap])).toEqual([
      ['planning', 'concentrate', 30],
      // 5 and 5: the order given is kept.
      ['coordination', 'low-priority', 5],
      ['supervision', 'concentrate', 5],
      ['policy_support', 'keep-up', -5],
      ['approval_services', 'overkill', -20],
    ]);
    // The estimates are passed through (to one decimal) for the table and the chart.
    expect(result.functions[0]!.importance).toEqual({ n: 40, mean: 80, ci_low: 75, ci_high: 85 });
    expect(result.functions[0]!.label).toEqual({ zh: 'planning', en: 'planning' });
  });

  it('sends ties to the higher side on both axes', () => {
    const grand = { importance: 60, satisfaction: 70 };
    expect(quadrantOf(60, 70, grand)).toBe('keep-up');
    expect(quadrantOf(60, 69.9, grand)).toBe('concentrate');
    expect(quadrantOf(59.9, 70, grand)).toBe('overkill');
    expect(quadrantOf(59.9, 69.9, grand)).toBe('low-priority');
  });

  it('works from the published figures: means to one decimal, grand means to one decimal, gap of the rounded means', () => {
    // Means as rounded: 72.3 (from 72.34), 64.6 (from 64.56); 58.1, 70.2.
    // Grand importance (72.3 + 58.1) / 2 = 65.2; grand satisfaction (64.6 + 70.2) / 2 = 67.4.
    const result = importancePerformance([
      { function: 'a', label: { zh: '甲', en: 'A' }, importance: est(72.34), satisfaction: est(64.56) },
      { function: 'b', label: { zh: '乙', en: 'B' }, importance: est(58.1), satisfaction: est(70.2) },
    ]);
    expect(result.grand_means).toEqual({ importance: 65.2, satisfaction: 67.4 });
    const [a, b] = result.functions;
    expect(a).toMatchObject({ function: 'a', quadrant: 'concentrate', gap: 7.7 }); // 72.3 − 64.6
    expect(a!.importance!.mean).toBe(72.3);
    expect(a!.satisfaction!.mean).toBe(64.6);
    expect(b).toMatchObject({ function: 'b', quadrant: 'overkill', gap: -12.1 }); // 58.1 − 70.2
  });

  it('reports a function lacking either estimate with no quadrant or gap, last, and leaves it out of the grand means', () => {
    // Grand means over a and c only: importance (80 + 60) / 2 = 70; satisfaction (60 + 70) / 2 = 65.
    const result = importancePerformance([fn('x', null, 90), fn('a', 80, 60), fn('y', 50, null), fn('c', 60, 70), fn('z', null, null)]);
    expect(result.grand_means).toEqual({ importance: 70, satisfaction: 65 });
    expect(result.functions.map((f) => [f.function, f.quadrant, f.gap])).toEqual([
      ['a', 'concentrate', 20],
      ['c', 'overkill', -10],
      ['x', null, null],
      ['y', null, null],
      ['z', null, null],
    ]);
    expect(result.functions[2]!.satisfaction!.mean).toBe(90);
  });

  it('has no grand means when no function has both estimates, and keeps intervals that are absent', () => {
    expect(importancePerformance([fn('a', null, 50)])).toEqual({
      grand_means: null,
      functions: [{ function: 'a', label: { zh: 'a', en: 'a' }, importance: null, satisfaction: est(50), quadrant: null, gap: null }],
    });
    expect(importancePerformance([])).toEqual({ grand_means: null, functions: [] });
    const one = importancePerformance([
      { function: 'a', label: { zh: 'a', en: 'a' }, importance: { n: 1, mean: 75, ci_low: null, ci_high: null }, satisfaction: est(50) },
    ]);
    // A single function is its own grand mean on both axes: high and high.
    expect(one.functions[0]).toMatchObject({ quadrant: 'keep-up', gap: 25, importance: { n: 1, mean: 75, ci_low: null, ci_high: null } });
  });
});
