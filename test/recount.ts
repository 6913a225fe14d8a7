import { env } from 'cloudflare:workers';
import { expect } from 'vitest';
import { recountRollups } from '../scripts/rollup-recount.ts';

/** The rollups of the test's database beside their recount from the raw answers (scripts/rollup-recount.ts). */
export function recount({ published = false } = {}) {
  return recountRollups(env.DB, { published });
}

/** Every rollup (responses, answers, dimensions; live or the published steps) equals its recount from the raw answers. */
export async function expectRollupsEqualRecount({ published = false } = {}): Promise<void> {
  const counts = await recount({ published });
  expect(counts.rolledResponses).toEqual(counts.responses);
  expect(counts.rolledAnswers).toEqual(counts.answers);
  expect(counts.rolledDimensions).toEqual(counts.dimensions);
}
