import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import worker from '../../worker/index.ts';
import { type Fault, faultyD1 } from '../faulty-d1.ts';
import { enterpriseCode, fullAnswers, KNOWN_TOWN } from '../helpers.ts';

const count = async () => (await env.DB.prepare('SELECT COUNT(*) AS n FROM responses').first<number>('n'))!;
const rollup = async () => (await env.DB.prepare('SELECT COALESCE(SUM(n), 0) AS n FROM rollup_wave_responses').first<number>('n'))!;

async function submit(key: string, bindings: Env, code: string) {
  const body = { town_id: KNOWN_TOWN, answers: await fullAnswers('enterprise'), consent: { participation: true }, enterprise_code: code };
  return worker.fetch(
    new Request('https://example.test/api/v1/surveys/enterprise/responses', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'Idempotency-Key': key, 'CF-Connecting-IP': '192.0.2.201' },
      body: JSON.stringify(body),
    }),
    bindings,
  );
}

describe('D1 failing in the middle of a submission', () => {
  it.each<Fault>(['before-commit', 'after-commit'])(
    '%s: 503 with Retry-After, nothing half-written, and the retry stores it exactly once',
    async (fault) => {
      const key = `fault-${fault}-${crypto.randomUUID()}`;
      const code = enterpriseCode();
      const [responsesBefore, rollupBefore] = [await count(), await rollup()];

      const failed = await submit(key, { ...env, DB: faultyD1(env.DB, fault) }, code);
      expect(failed.status).toBe(503);
      expect(failed.headers.get('Retry-After')).toBeTruthy();
      const problem = await failed.json<{ type: string; detail: string }>();
      expect(problem.type).toBe('urn:tesexiaozhen:problem:service-unavailable');
      expect(JSON.stringify(problem)).not.toMatch(/D1_ERROR|insert/i);
      // All or nothing: the response and its rollup together, or neither.
      const stored = fault === 'after-commit' ? 1 : 0;
      expect(await count()).toBe(responsesBefore + stored);
      expect(await rollup()).toBe(rollupBefore + stored);

      const retry = await submit(key, env, code);
      expect(retry.status).toBe(201);
      expect(retry.headers.get('Idempotent-Replayed')).toBe(fault === 'after-commit' ? 'true' : null);
      const again = await submit(key, env, code);
      expect(again.status).toBe(201);
      expect(await again.json()).toEqual(await retry.json());
      expect(await count()).toBe(responsesBefore + 1);
      expect(await rollup()).toBe(rollupBefore + 1);
    },
  );
});
