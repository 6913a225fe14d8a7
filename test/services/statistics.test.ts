import { describe, expect, it } from 'vitest';
import { meanWithInterval, netPromoterScore, tCritical95 } from '../../worker/services/surveys/statistics.ts';

describe('statistics', () => {
  it('uses Student t critical values, close to the exact ones beyond the table', () => {
    expect(tCritical95(4)).toBe(2.776);
    expect(tCritical95(40)).toBeCloseTo(2.021, 3);
    expect(tCritical95(120)).toBeCloseTo(1.98, 3);
    expect(tCritical95(100000)).toBeCloseTo(1.96, 3);
  });

  it('gives the mean and a 95% interval from count, sum and sum of squares', () => {
    const scores = [0, 25, 50, 75, 100];
    const est = meanWithInterval(
      5,
      scores.reduce((a, b) => a + b),
      scores.reduce((a, b) => a + b * b, 0),
    );
    expect(est.mean).toBe(50);
    expect(est.ciLow).toBeCloseTo(50 - 2.776 * (39.528 / Math.sqrt(5)), 2);
    expect(est.ciHigh).toBeCloseTo(50 + 2.776 * (39.528 / Math.sqrt(5)), 2);
  });

  it('gives no interval for one response and clamps to the scale', () => {
    expect(meanWithInterval(1, 80, 6400)).toEqual({ n: 1, mean: 80, ciLow: null, ciHigh: null });
    const extreme = meanWithInterval(2, 100, 10000);
    expect(extreme.ciLow).toBeGreaterThanOrEqual(0);
    expect(extreme.ciHigh).toBeLessThanOrEqual(100);
  });

  it('computes NPS from answer counts', () => {
    expect(
      netPromoterScore(
        new Map([
          ['10', 5],
          ['8', 3],
          ['3', 2],
        ]),
      ),
    ).toEqual({ n: 10, promoters: 5, passives: 3, detractors: 2, score: 30 });
    expect(netPromoterScore(new Map())).toBeNull();
  });
});
