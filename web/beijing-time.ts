import { fmt, type Messages } from './i18n/index.ts';

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/**
 * A UTC instant as a reader in China reads it: the date and time in Beijing (UTC+8, no daylight saving),
 * said to be Beijing time. Waves are stored in UTC; every page shows them this way.
 */
export function beijingTime(instant: string, t: Messages): string {
  const local = new Date(Date.parse(instant) + 8 * 3600 * 1000);
  const month = local.getUTCMonth();
  return fmt(t.results.beijing, {
    y: local.getUTCFullYear(),
    m: month + 1,
    month: MONTHS[month]!,
    d: local.getUTCDate(),
    time: `${String(local.getUTCHours()).padStart(2, '0')}:${String(local.getUTCMinutes()).padStart(2, '0')}`,
  });
}
