import { describe, expect, it } from 'vitest';
import { getJson } from '../helpers.ts';

describe('GET /healthz', () => {
  it('answers ok with the loaded data version', async () => {
    const { res, body } = await getJson<{ status: string; data_version: string | null }>('/healthz');
    expect(res.status).toBe(200);
    expect(body.status).toBe('ok');
    expect(body.data_version).toMatch(/^[1-9][0-9]*$/);
  });
});
