import { z } from '@hono/zod-openapi';
import { describe, expect, it } from 'vitest';

// The worker bundle's `z` (worker/lib/zod) leaves out zod's locales, compiler and JSON-Schema import.
describe('the slim zod the worker is built with', () => {
  it('is what @hono/zod-openapi hands the worker, so tests run what is deployed', () => {
    expect('locales' in z).toBe(false);
    expect('compile' in z).toBe(false);
    expect(typeof z.object).toBe('function');
  });

  it('still validates, reports in English and documents with .openapi()', () => {
    const schema = z.object({ n: z.coerce.number().int().min(1), s: z.string().openapi({ example: 'x' }) });
    expect(schema.safeParse({ n: '3', s: 'a' })).toMatchObject({ success: true, data: { n: 3, s: 'a' } });
    const failed = schema.safeParse({ n: '0' });
    expect(failed.success).toBe(false);
    expect(failed.error?.issues.map((i) => i.message)).toEqual([expect.stringMatching(/>=1/), expect.stringMatching(/expected string/)]);
  });
});
