/**
 * The notices are dated in Beijing time (UTC+8, no daylight saving), so "today"
 * for a status is Beijing's date: a status dated 1 January takes effect at
 * midnight in Beijing, which is 16:00 UTC on 31 December.
 */
const OFFSET_MS = 8 * 60 * 60 * 1000;

/** Beijing's date (`YYYY-MM-DD`) at the instant `at` (a Date or an ISO 8601 instant); now by default. */
export function beijingDate(at: Date | string | number = Date.now()): string {
  return new Date(new Date(at).getTime() + OFFSET_MS).toISOString().slice(0, 10);
}

/**
 * The last day a status may be scheduled for, seen from `today` (a Beijing
 * date): the end of next year. Notices schedule a change weeks or months
 * ahead, never years; a later date is a typing error (2063 for 2026).
 */
export function latestSchedulableDate(today: string): string {
  return `${Number(today.slice(0, 4)) + 1}-12-31`;
}
