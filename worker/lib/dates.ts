export const PRECISIONS = ['day', 'month', 'year'] as const;

/** How precisely a source dates an event. */
export type DatePrecision = (typeof PRECISIONS)[number];

/** The precision of a date written YYYY, YYYY-MM or YYYY-MM-DD; null when there is no date. */
export function precisionOf(date: string | null | undefined): DatePrecision | null {
  if (!date) return null;
  return date.length === 10 ? 'day' : date.length === 7 ? 'month' : 'year';
}

export interface SourceDate {
  /** As precise as the source: `YYYY-MM-DD`, `YYYY-MM` or `YYYY`; null when the source gives no year. */
  date: string | null;
  precision: DatePrecision | null;
  /**
   * The last day on which the event may have taken effect (`YYYY-MM-DD`).
   * `as_of` compares with this day, so the API never claims an event happened
   * before the source proves it did.
   */
  effectiveOn: string | null;
  /** The source's wording when it says more than the date (a qualifier, a masked year…). */
  note: string | null;
}

const LEADING_DATE = /^\s*(≤|<=)?\s*(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?/;
const REPORTED_BY = /(?:reported by|as of)\s*(\d{4}-\d{2}-\d{2})/;

/**
 * Reads a date as the data files write it: ISO where the day is known,
 * otherwise `YYYY-MM` or `YYYY`, sometimes with a qualifier.
 *
 * @example parseSourceDate('2016-06') // { date: '2016-06', precision: 'month', effectiveOn: '2016-06-30', note: null }
 * @example parseSourceDate('2019 (reported by 2019-08-08)').effectiveOn // '2019-08-08'
 */
export function parseSourceDate(raw: string | null | undefined): SourceDate {
  const text = (raw ?? '').trim();
  const match = LEADING_DATE.exec(text);
  if (!text || !match) return { date: null, precision: null, effectiveOn: null, note: text || null };
  const [whole, , year, month, day] = match as unknown as [string, string | undefined, string, string?, string?];
  const rest = text.slice(whole.length).trim();
  const note = rest || match[1] ? text : null;
  if (month && !isValidMonth(month)) return { date: null, precision: null, effectiveOn: null, note: text };
  if (day) {
    const iso = `${year}-${month}-${day}`;
    if (!isValidIsoDate(iso)) return { date: null, precision: null, effectiveOn: null, note: text };
    return { date: iso, precision: 'day', effectiveOn: iso, note };
  }
  const periodStart = month ? `${year}-${month}-01` : `${year}-01-01`;
  const periodEnd = month ? `${year}-${month}-${String(daysInMonth(+year, +month)).padStart(2, '0')}` : `${year}-12-31`;
  const reportedBy = REPORTED_BY.exec(rest)?.[1];
  // Reported before its own period began: the source contradicts itself, and honouring the earlier day would
  // let "2099 (reported by 2020-01-01)" count as in effect since 2020. No date is better than a wrong one.
  if (reportedBy && (!isValidIsoDate(reportedBy) || reportedBy < periodStart))
    return { date: null, precision: null, effectiveOn: null, note: text };
  const effectiveOn = reportedBy && reportedBy < periodEnd ? reportedBy : periodEnd;
  return { date: month ? `${year}-${month}` : year, precision: month ? 'month' : 'year', effectiveOn, note };
}

/** True for a real calendar day written `YYYY-MM-DD` (rejects 2019-13-45 and 2019-02-30). */
export function isValidIsoDate(value: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!m) return false;
  const [, y, mo, d] = m.map(Number) as [number, number, number, number];
  return mo >= 1 && mo <= 12 && d >= 1 && d <= daysInMonth(y, mo);
}

function isValidMonth(month: string): boolean {
  const n = Number(month);
  return n >= 1 && n <= 12;
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}
