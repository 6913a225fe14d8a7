/**
 * Official division codes (统计用区划代码) nest by prefix: 2 digits the
 * province, 4 the city, 6 the county, 9 the township. A town stores the most
 * precise one known; the others are its prefixes.
 */

/** What `division_code` accepts: a whole province, city, county or township code. */
export const DIVISION_PREFIX = /^(?:\d{2}|\d{4}|\d{6}|\d{9})$/;

export interface DivisionCodes {
  province_code: string | null;
  city_code: string | null;
  county_code: string | null;
  township_code: string | null;
}

/** The code of each level that `code` determines; null for levels it does not reach. */
export function divisionCodes(code: string | null): DivisionCodes {
  const at = (length: number) => (code && code.length >= length ? code.slice(0, length) : null);
  return { province_code: at(2), city_code: at(4), county_code: at(6), township_code: at(9) };
}

/**
 * The codes that start with `prefix`, as a range: every code beginning with
 * it is at least `prefix` and below `prefix + ':'` (':' follows '9' in
 * ASCII), and no other code of digits is. An index on the column serves the
 * range, and a prefix needs no LIKE escaping.
 */
export function divisionRange(prefix: string): [string, string] {
  return [prefix, `${prefix}:`];
}
