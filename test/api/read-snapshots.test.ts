import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import snapshots from '../fixtures/read-snapshots.json';
import { get } from '../helpers.ts';
import { fingerprints, READ_DATA_SQL, type ReadData } from '../read-urls.ts';

// Issue 15: the reads of towns and stats are built in one D1 statement each. Their answers must be the very ones the
// implementation before gave (several statements, records made in the worker): the fixture holds a fingerprint of
// each (status and JSON, key order and types included), recorded from that implementation over the same data.

async function column(sql: string): Promise<Record<string, string>[]> {
  return (await env.DB.prepare(sql).all<Record<string, string>>()).results;
}

describe('reads answer as before the one-statement rework', () => {
  it('every town, page, cursor, stats table and refusal matches its recorded fingerprint', { timeout: 600_000 }, async () => {
    const data: ReadData = {
      towns: (await column(READ_DATA_SQL.towns)).map((r) => r.id!),
      lists: (await column(READ_DATA_SQL.lists)).map((r) => r.id!),
      listProvinces: (await column(READ_DATA_SQL.listProvinces)).map((r) => [r.list!, r.province!]),
    };
    const got = await fingerprints(data, async (path) => {
      const res = await get(path, { 'Cache-Control': 'no-cache' });
      return { status: res.status, body: await res.text() };
    });
    // The same reads (the data did not change under the fixture) and the same answers, listed by path when not.
    expect(Object.keys(got).sort()).toEqual(Object.keys(snapshots).sort());
    const differ = Object.keys(snapshots).filter((k) => got[k] !== (snapshots as Record<string, string>)[k]);
    expect(differ).toEqual([]);
    expect(Object.keys(got).length).toBeGreaterThan(2000);
  });
});
