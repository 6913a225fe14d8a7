import { describe, expect, it } from 'vitest';
import { SnapshotSchema } from '../../worker/schemas/open-data.ts';
import { adminHeaders, get, getParsed, JSON_BODY, request } from '../helpers.ts';

async function sha256(bytes: ArrayBuffer): Promise<string> {
  return [...new Uint8Array(await crypto.subtle.digest('SHA-256', bytes))].map((b) => b.toString(16).padStart(2, '0')).join('');
}

/** The API export each snapshot table must equal, byte for byte. */
const API_EXPORT: Record<string, string> = {
  'sources.csv': '/api/v1/sources?format=csv',
  'lists.csv': '/api/v1/lists?format=csv',
  'towns.csv': '/api/v1/towns?format=csv&sort=id',
  'memberships.csv': '/api/v1/memberships?format=csv',
  'status-events.csv': '/api/v1/status-events?format=csv',
  'reported-figures.csv': '/api/v1/reported-figures?format=csv',
  'satisfaction-by-province.csv': '/api/v1/satisfaction?group_by=province&format=csv',
};

describe('bulk downloads', () => {
  it('lists every table and the data package with size and SHA-256, each served immutable with its checksum as ETag', async () => {
    const { res, body } = await getParsed(SnapshotSchema, '/downloads/');
    expect(res.status).toBe(200);
    expect(body.snapshot).toMatch(new RegExp(`^${body.data_version}-${body.date.replaceAll('-', '')}-[0-9a-f]{12}$`));
    expect(body.licence.name).toBe('CC-BY-4.0');
    expect(body.files.map((f: any) => f.name)).toEqual([...Object.keys(API_EXPORT), 'datapackage.json']);
    for (const file of body.files) {
      expect(file.url).toBe(`/downloads/${body.snapshot}/${file.name}`);
      const got = await get(file.url);
      expect(got.status, file.name).toBe(200);
      const bytes = await got.arrayBuffer();
      expect(bytes.byteLength, file.name).toBe(file.bytes);
      expect(await sha256(bytes), file.name).toBe(file.sha256);
      expect(got.headers.get('etag')).toBe(`"${file.sha256}"`);
      expect(got.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
      expect((await get(file.url, { 'If-None-Match': `"${file.sha256}"` })).status).toBe(304);
      // The snapshot's table is the API's export of the same table, byte for byte.
      if (API_EXPORT[file.name]) expect(new TextDecoder().decode(bytes), file.name).toBe(await (await get(API_EXPORT[file.name]!)).text());
    }
  });

  it('SHA256SUMS and the snapshot’s data package carry the same checksums, with paths beside the package', async () => {
    const { body } = await getParsed(SnapshotSchema, '/downloads/');
    const sums = await (await get(body.checksums)).text();
    expect(sums).toBe(body.files.map((f: any) => `${f.sha256}  ${f.name}\n`).join(''));
    const pkg = JSON.parse(await (await get(`/downloads/${body.snapshot}/datapackage.json`)).text());
    for (const resource of pkg.resources) {
      const file = body.files.find((f) => f.name === resource.path)!;
      expect(resource).toMatchObject({ bytes: file.bytes, hash: `sha256:${file.sha256}` });
    }
  });

  it('once the data changes, the old snapshot answers 410 with a link to the current one', async () => {
    const { body: before } = await getParsed(SnapshotSchema, '/downloads/');
    const write = await request('POST', '/api/v1/admin/sources', {
      headers: adminHeaders('admin', JSON_BODY),
      body: JSON.stringify({ title: '快照测试通知', published_on: '2026-11-20' }),
    });
    expect(write.status).toBe(201);
    const { body: after } = await getParsed(SnapshotSchema, '/downloads/');
    expect(after.snapshot).not.toBe(before.snapshot);
    expect(Number(after.data_version)).toBeGreaterThan(Number(before.data_version));
    const gone = await get(`/downloads/${before.snapshot}/towns.csv`);
    expect(gone.status).toBe(410);
    expect(gone.headers.get('content-type')).toContain('application/problem+json');
    expect(gone.headers.get('link')).toBe(`</downloads/${after.snapshot}/towns.csv>; rel="latest-version"`);
    expect(((await gone.json()) as any).detail).toContain(after.snapshot);
    expect(await get(`/downloads/${after.snapshot}/sources.csv`).then((r) => r.text())).toContain('快照测试通知');
  });

  it('refuses odd paths and parameters with a problem, never a 500', async () => {
    const { body } = await getParsed(SnapshotSchema, '/downloads/');
    for (const [path, status] of [
      [`/downloads/${body.snapshot}/no-such.csv`, 404],
      [`/downloads/${body.snapshot}/..%2Fdatapackage.json`, 400], // an encoded slash is refused before routing (http/canonical-path.ts)
      ['/downloads/latest/towns.csv', 404],
      ['/downloads/%00/towns.csv', 400], // a control character in a path is refused before routing too
      [`/downloads/${'9'.repeat(70)}/towns.csv`, 400],
      ['/downloads/?x=1', 400],
      [`/downloads/${body.snapshot}/towns.csv?format=json`, 400],
    ] as const) {
      const res = await get(path);
      expect(res.status, path).toBe(status);
      expect(res.headers.get('content-type'), path).toContain('application/problem+json');
    }
    expect((await request('POST', `/downloads/${body.snapshot}/towns.csv`)).status).toBe(405);
  });
});
