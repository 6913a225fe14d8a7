import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
// The Frictionless Data reference libraries: they validate against the Data Package and Table Schema profiles.
import { Package } from 'datapackage';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type LocalServer, startLocalServer } from '../../scripts/local-server.ts';

interface Descriptor {
  licenses: { name: string; path: string }[];
  resources: { name: string; path: string; schema: { fields: { name: string }[] } }[];
}

describe('the data package', () => {
  let server: LocalServer;
  let descriptor: Descriptor;
  let dir: string;
  beforeAll(async () => {
    server = await startLocalServer();
    const res = await fetch(`${server.url}/datapackage.json`);
    expect(res.status).toBe(200);
    descriptor = (await res.json()) as Descriptor;
    // Every resource's CSV as the worker serves it, saved beside a copy of the descriptor that points to the files.
    dir = mkdtempSync(join(tmpdir(), 'datapackage-'));
    for (const resource of descriptor.resources) {
      const csv = await fetch(new URL(resource.path, `${server.url}/datapackage.json`));
      expect(csv.status, resource.name).toBe(200);
      const bytes = Buffer.from(await csv.arrayBuffer());
      // Every CSV starts with a UTF-8 byte order mark (for Excel). pandas and Python's frictionless skip it; the
      // JavaScript reference reader does not, so the file it validates is the download without those three bytes.
      expect([...bytes.subarray(0, 3)], resource.name).toEqual([0xef, 0xbb, 0xbf]);
      writeFileSync(join(dir, `${resource.name}.csv`), bytes.subarray(3));
    }
  });
  afterAll(() => server?.dispose());

  it('is a valid tabular data package under one named licence', async () => {
    const pkg = await Package.load(descriptor, { strict: false });
    expect(pkg.errors.map((e: Error) => e.message)).toEqual([]);
    expect(pkg.valid).toBe(true);
    expect(pkg.descriptor.profile).toBe('tabular-data-package');
    expect(descriptor.licenses).toEqual([
      { name: 'CC-BY-4.0', path: 'https://creativecommons.org/licenses/by/4.0/', title: 'Creative Commons Attribution 4.0 International' },
    ]);
    expect(descriptor.resources.map((r) => r.name)).toEqual([
      'sources',
      'lists',
      'towns',
      'memberships',
      'status-events',
      'reported-figures',
      'satisfaction-by-province',
    ]);
  });

  it('describes every column of every CSV, in order, and every row validates against its schema, keys included', async () => {
    const local = { ...descriptor, resources: descriptor.resources.map((r) => ({ ...r, path: `${r.name}.csv` })) };
    const pkg = await Package.load(local, { basePath: dir, strict: false });
    expect(pkg.valid).toBe(true);
    for (const resource of pkg.resources) {
      // Throws on the first cell that breaks its type or constraints, a duplicate primary key or a dangling foreign key.
      const rows: unknown[][] = await resource.read({ relations: true });
      if (resource.name !== 'satisfaction-by-province') expect(rows.length, resource.name).toBeGreaterThan(0);
      // The header the worker wrote is the schema's field list, name for name (a byte order mark would show here).
      expect(resource.headers, resource.name).toEqual(resource.descriptor.schema.fields.map((f: { name: string }) => f.name));
    }
  });

  it('the validation bites: a bad descriptor, a wrong cell and a dangling key are each refused', async () => {
    const badType = structuredClone(descriptor) as unknown as { resources: { schema: { fields: { type: string }[] } }[] };
    badType.resources[0]!.schema.fields[0]!.type = 'no-such-type';
    expect((await Package.load(badType, { strict: false })).valid).toBe(false);

    const local = (name: string) => ({
      ...descriptor,
      resources: descriptor.resources
        .filter((r) => ['lists', 'towns', 'sources', name].includes(r.name))
        .map((r) => ({ ...r, path: `${r.name}.csv` })),
    });
    const lists = join(dir, 'lists.csv');
    const original = (await import('node:fs')).readFileSync(lists, 'utf8');
    try {
      // An official count that is not a number.
      writeFileSync(
        lists,
        original.replace(/\r\n([^\r]*?),(\d+),(\d+),/, (_match, head, _official, held) => `\r\n${head},many,${held},`),
      );
      const pkg = await Package.load(local('lists'), { basePath: dir, strict: false });
      await expect(pkg.getResource('lists').read()).rejects.toThrow();
    } finally {
      writeFileSync(lists, original);
    }
    const events = join(dir, 'status-events.csv');
    const eventsText = (await import('node:fs')).readFileSync(events, 'utf8');
    try {
      // An event about a town that is not in towns.csv.
      const [header, first, ...rest] = eventsText.split('\r\n');
      writeFileSync(events, [header, first!.replace(/^[^,]+/, 'nowhere-town'), ...rest].join('\r\n'));
      const pkg = await Package.load(local('status-events'), { basePath: dir, strict: false });
      await expect(pkg.getResource('status-events').read({ relations: true })).rejects.toThrow(/Foreign key/);
    } finally {
      writeFileSync(events, eventsText);
    }
  });
});
