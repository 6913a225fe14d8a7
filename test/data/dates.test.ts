import { describe, expect, it } from 'vitest';
import { isValidIsoDate, parseSourceDate } from '../../worker/lib/dates.ts';

describe('parseSourceDate', () => {
  it.each([
    ['2016-10-14', { date: '2016-10-14', precision: 'day', effectiveOn: '2016-10-14', note: null }],
    ['2016-06', { date: '2016-06', precision: 'month', effectiveOn: '2016-06-30', note: null }],
    ['2016-02', { date: '2016-02', precision: 'month', effectiveOn: '2016-02-29', note: null }],
    ['2017', { date: '2017', precision: 'year', effectiveOn: '2017-12-31', note: null }],
    ['≤2020', { date: '2020', precision: 'year', effectiveOn: '2020-12-31', note: '≤2020' }],
    [
      '2019 (reported by 2019-08-08)',
      { date: '2019', precision: 'year', effectiveOn: '2019-08-08', note: '2019 (reported by 2019-08-08)' },
    ],
    ['2021-08 (as of)', { date: '2021-08', precision: 'month', effectiveOn: '2021-08-31', note: '2021-08 (as of)' }],
    // Reported after the period ended: the period's last day is still the first day it is sure to be in effect.
    [
      '2019-06 (reported by 2019-08-08)',
      { date: '2019-06', precision: 'month', effectiveOn: '2019-06-30', note: '2019-06 (reported by 2019-08-08)' },
    ],
  ])('reads %s', (raw, expected) => {
    expect(parseSourceDate(raw)).toEqual(expected);
  });

  it.each([
    '12-31 (year masked in source)',
    'date not retrieved',
    '',
    '2019-13',
    '2019-02-30',
    '2099 (reported by 2020-01-01)',
    '2028-06 (as of 2020-01-01)',
    '2019 (reported by 2019-02-30)',
  ])('gives no date for %j rather than guess', (raw) => {
    const parsed = parseSourceDate(raw);
    expect(parsed.date).toBeNull();
    expect(parsed.effectiveOn).toBeNull();
    expect(parsed.note).toBe(raw || null);
  });
});

describe('isValidIsoDate', () => {
  it('accepts real days and refuses impossible ones', () => {
    expect(isValidIsoDate('2020-02-29')).toBe(true);
    expect(isValidIsoDate('2019-02-29')).toBe(false);
    expect(isValidIsoDate('2019-13-45')).toBe(false);
    expect(isValidIsoDate('2019-1-5')).toBe(false);
  });
});
