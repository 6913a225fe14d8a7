import { env } from 'cloudflare:workers';
import { recountRollups } from '../scripts/rollup-recount.ts';

/** The rollups of the test's database beside their recount from the raw answers (scripts/rollup-recount.ts). */
export function recount({ published = false } = {}) {
  return recountRollups(env.DB, { published });
}
