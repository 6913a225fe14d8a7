import { Hono } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { describe, expect, it } from 'vitest';
import { AppError } from '../worker/errors.ts';
import { handleError } from '../worker/http/errors.ts';

/** handleError is the only place errors become responses: each kind of failure, thrown by a stub route. */
function appThrowing(error: Error) {
  const app = new Hono();
  app.get('/x', () => {
    throw error;
  });
  app.onError(handleError);
  return app;
}

describe('handleError', () => {
  it('turns an AppError into its problem, with its headers', async () => {
    const res = await appThrowing(new AppError('town-not-found', 'No town.', { headers: { 'X-Test': '1' } })).request('/x');
    expect(res.status).toBe(404);
    expect(res.headers.get('X-Test')).toBe('1');
    expect(await res.json()).toMatchObject({ type: 'urn:tesexiaozhen:problem:town-not-found', detail: 'No town.' });
  });

  it("answers hono's own 413 (a body limit without our onError) with the payload-too-large problem, not a 400", async () => {
    const res = await appThrowing(new HTTPException(413)).request('/x');
    expect(res.status).toBe(413);
    expect(await res.json()).toMatchObject({ type: 'urn:tesexiaozhen:problem:payload-too-large', status: 413 });
  });

  it.each([
    'D1 DB is overloaded. Requests queued for too long.',
    'D1_ERROR: storage operation exceeded timeout which caused object to be reset.',
    'Network connection lost.',
  ])('answers a busy database (%s) with 503 and Retry-After', async (message) => {
    const res = await appThrowing(new Error(message)).request('/x');
    expect(res.status).toBe(503);
    expect(res.headers.get('Retry-After')).toBe('2');
    expect(await res.json()).toMatchObject({ type: 'urn:tesexiaozhen:problem:service-unavailable' });
  });

  it('answers a refused D1 bookmark with a 400 naming the header', async () => {
    const res = await appThrowing(new Error('D1_ERROR: Invalid bookmark: abc')).request('/x');
    expect(res.status).toBe(400);
    expect(((await res.json()) as { errors: { name: string }[] }).errors[0]!.name).toBe('x-d1-bookmark');
  });

  it('hides anything unexpected behind a generic 500', async () => {
    const res = await appThrowing(new Error('SELECT * FROM secret_table at /work/main/worker/x.ts:12')).request('/x');
    expect(res.status).toBe(500);
    const text = await res.text();
    expect(text).not.toContain('secret_table');
    expect(text).not.toContain('.ts');
    expect(JSON.parse(text)).toMatchObject({ type: 'urn:tesexiaozhen:problem:internal-error', status: 500 });
  });
});
