import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import * as full from 'zod';
import * as slim from '../../worker/lib/zod/members.ts';

const root = join(import.meta.dirname, '../..');

function sources(dir: string): string[] {
  return readdirSync(join(root, dir), { recursive: true, encoding: 'utf8' })
    .filter((f) => /\.tsx?$/.test(f))
    .map((f) => join(root, dir, f));
}

// The bundle's `z` holds only the members listed in worker/lib/zod/members.ts.
// A member the code calls that is missing there would be undefined in production only.
describe('worker/lib/zod/members.ts', () => {
  it('exports every zod value the worker, the site and @hono/zod-openapi use', () => {
    const files = [...sources('worker'), ...sources('web'), join(root, 'node_modules/@hono/zod-openapi/dist/index.mjs')].filter(
      (file) => !file.includes(join('worker', 'lib', 'zod')),
    );
    const used = new Set<string>();
    for (const file of files) for (const [, name] of readFileSync(file, 'utf8').matchAll(/\bz\s*\.\s*([A-Za-z_$][\w$]*)/g)) used.add(name!);
    // Type-only names (z.infer, z.ZodTypeAny, …) are not values in zod and need no export.
    const values = [...used].filter((name) => (full as Record<string, unknown>)[name] !== undefined);
    const missing = values.filter((name) => (slim as Record<string, unknown>)[name] === undefined);
    expect(values.length).toBeGreaterThan(10);
    expect(missing).toEqual([]);
  });
});
