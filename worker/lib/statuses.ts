/**
 * The status vocabulary of the notices, as stable codes, in the order the
 * site lists them. `approved`, `retained` and `eliminated` are the three views
 * the public asks for most. Their names are words, kept with the other words:
 * the site's in web/i18n (`statuses`), the Atom feed's in its renderer
 * (open-data/atom.ts).
 */
export const STATUSES = [
  'proposed',
  'approved',
  'pilot',
  'named',
  'typical',
  'retained',
  'warned',
  'rectifying',
  'downgraded',
  'elimination-proposed',
  'eliminated',
  'renamed',
] as const;

export type Status = (typeof STATUSES)[number];

export function isStatus(value: string): value is Status {
  return (STATUSES as readonly string[]).includes(value);
}
