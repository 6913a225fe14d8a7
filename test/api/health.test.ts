import { describe, expect, it } from 'vitest';
import { HealthSchema, LiveSchema } from '../../worker/schemas/system.ts';
import { getParsed } from '../helpers.ts';

describe('GET /healthz', () => {
  it('answers ok with the loaded data version', async () => {
    const { res, body } = await getParsed(HealthSchema, '/healthz');
    expect(res.status).toBe(200);
    expect(body.status).toBe('ok');
    expect(body.data_version).toMatch(/^[1-9][0-9]*$/);
  });
});

describe('GET /livez', () => {
  it('answers ok without the database', async () => {
    const { res, body } = await getParsed(LiveSchema, '/livez');
    expect(res.status).toBe(200);
    expect(body).toEqual({ status: 'ok' });
    expect(res.headers.get('Cache-Control')).toBe('no-store');
  });
});
