import { env } from 'cloudflare:workers';
import { afterEach, describe, expect, it } from 'vitest';
import { resetForTests } from '../../worker/http/freshness/version-copy.ts';
import worker from '../../worker/index.ts';
import { recordingD1 } from '../d1-calls.ts';

// Issue 15, "Ahead of the peer": a read built from D1 costs D1 round trips, and those dominate its time. Each
// read below is counted as the benchmark makes it: `Cache-Control: no-cache` (built from D1, not the isolate's copy
// of responses), with the isolate's versions warm (FRESHNESS_SECONDS=1, as deployed), so no version is read.

const ctx = { waitUntil() {}, passThroughOnException() {}, props: {} } as unknown as ExecutionContext;

async function callsFor(path: string, freshness = '1'): Promise<{ status: number; calls: string[] }> {
  const calls: string[] = [];
  const bindings = { ...env, FRESHNESS_SECONDS: freshness, DB: recordingD1(calls) } as never;
  // The first read warms the isolate's versions; the second is the one measured.
  await (
    await worker.fetch(new Request(`https://example.test${path}`, { headers: { 'Cache-Control': 'no-cache' } }), bindings, ctx)
  ).arrayBuffer();
  calls.length = 0;
  const res = await worker.fetch(new Request(`https://example.test${path}`, { headers: { 'Cache-Control': 'no-cache' } }), bindings, ctx);
  await res.arrayBuffer();
  return { status: res.status, calls: [...calls] };
}

afterEach(() => resetForTests());

// Before (2026-11-26, HEAD b699b07): one town 2 statements (town, memberships); a page of towns 3 (count and page
// at once, then memberships) and 4 with a list filter (the list's check first); stats 2 to 4 (list check, groups
// and totals at once, then the official counts). An idle isolate, a bookmark or FRESHNESS_SECONDS=0 add the versions.
describe('reads built from D1 cost one statement each', () => {
  const P = encodeURIComponent('浙江省');
  it.each([
    ['/api/v1/towns/beijing-changgouzhen', 200],
    ['/api/v1/towns/beijing-nowhere', 404],
    ['/api/v1/towns', 200],
    [`/api/v1/towns?list=mohurd-2017-batch2&province=${P}`, 200],
    [`/api/v1/towns?list=mohurd-2017-batch2&province=${P}&as_of=2019-01-01&status=approved&limit=2`, 200],
    ['/api/v1/stats?group_by=province&list=mohurd-2017-batch2', 200],
    ['/api/v1/stats?group_by=list', 200],
    ['/api/v1/stats?group_by=status&as_of=2019-01-01', 200],
  ])('%s', async (path, status) => {
    const { status: got, calls } = await callsFor(path);
    expect(got).toBe(status);
    expect(calls).toHaveLength(1);
  });

  // The refusal of an unknown list looks the list up once more, to say so as before: a cost only a client error pays.
  it.each(['/api/v1/towns?list=no-such-list', '/api/v1/stats?list=no-such-list', '/api/v1/stats?group_by=list&list='])(
    '%s: 400 after two',
    async (path) => {
      const { status, calls } = await callsFor(path);
      expect(status).toBe(400);
      expect(calls).toHaveLength(2);
    },
  );
});
