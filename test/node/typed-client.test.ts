import { execFile } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type LocalServer, startLocalServer } from '../../scripts/local-server.ts';

const run = promisify(execFile);
const root = join(import.meta.dirname, '..', '..');
// openapi-typescript is installed in the client workspace, with the TypeScript 5 it loads (client/package.json says why).
// Its exports map `*.js` to `*.mjs`, so the bin is found from its package.json.
const codegen = join(
  dirname(createRequire(join(root, 'client', 'package.json')).resolve('openapi-typescript/package.json')),
  'bin',
  'cli.js',
);
const tsc = join(root, 'node_modules', '.bin', 'tsc');
const tsx = join(root, 'node_modules', '.bin', 'tsx');

// Inside the repository (git-ignored .wrangler/) so that the copies resolve openapi-fetch and @types/node from its node_modules.
mkdirSync(join(root, '.wrangler'), { recursive: true });
const dir = mkdtempSync(join(root, '.wrangler', 'typed-client-'));

/** Runs a command; a failure is returned (code and output), not thrown, so that a test can assert on it. */
async function exec(file: string, args: string[]) {
  try {
    const { stdout, stderr } = await run(file, args, { cwd: root });
    return { code: 0, stdout, stderr };
  } catch (e) {
    const failed = e as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

function tsconfig(name: string, files: string[]) {
  writeFileSync(join(dir, name), JSON.stringify({ extends: '../../client/tsconfig.json', include: files }));
  return join(dir, name);
}

// What a third-party developer does: types from the OpenAPI document, the example type-checked against them and run.
describe('the typed client (client/example.ts)', () => {
  let server: LocalServer;
  beforeAll(async () => {
    server = await startLocalServer();
    const generated = await exec(process.execPath, [codegen, join(root, 'openapi', 'openapi.json'), '--output', join(dir, 'openapi.d.ts')]);
    expect(generated.code, generated.stderr).toBe(0);
    copyFileSync(join(root, 'client', 'example.ts'), join(dir, 'example.ts'));
  });
  afterAll(async () => {
    await server?.dispose();
    rmSync(dir, { recursive: true, force: true });
  });

  it('type-checks against the types generated from openapi/openapi.json', async () => {
    const checked = await exec(tsc, ['--noEmit', '-p', tsconfig('tsconfig.json', ['example.ts', 'openapi.d.ts'])]);
    expect(checked.stdout).toBe('');
    expect(checked.code).toBe(0);
  });

  it('is checked for real: a wrong enum value, path or field does not compile', async () => {
    writeFileSync(
      join(dir, 'mistakes.ts'),
      [
        "import createClient from 'openapi-fetch';",
        "import type { paths } from './openapi';",
        "const api = createClient<paths, 'application/json' | 'application/problem+json'>({ baseUrl: 'http://localhost:8787' });",
        "await api.GET('/api/v1/towns', { params: { query: { level: 'galactic' } } });",
        "await api.GET('/api/v1/town/{id}', { params: { path: { id: 'beijing-changgouzhen' } } });",
        "const town = await api.GET('/api/v1/towns/{id}', { params: { path: { id: 'beijing-changgouzhen' } } });",
        'console.log(town.data?.population);',
        '',
      ].join('\n'),
    );
    const checked = await exec(tsc, ['--noEmit', '-p', tsconfig('tsconfig.mistakes.json', ['mistakes.ts', 'openapi.d.ts'])]);
    expect(checked.code).not.toBe(0);
    const lines = checked.stdout
      .split('\n')
      .filter((line) => line.includes('mistakes.ts('))
      .map((line) => Number(/mistakes\.ts\((\d+),/.exec(line)![1]));
    expect([...new Set(lines)].sort((a, b) => a - b)).toEqual([4, 5, 7]);
  });

  it('runs against the local worker and prints what the API holds, errors included', async () => {
    const json = async (path: string, status = 200) => {
      const res = await fetch(`${server.url}${path}`);
      expect(res.status, path).toBe(status);
      expect(res.headers.get('content-type'), path).toMatch(status === 200 ? /^application\/json/ : /^application\/problem\+json/);
      return res.json();
    };
    const lists = (await json('/api/v1/lists')) as {
      total: number;
      items: { id: string; name: string; level: string; official_count: number | null; town_count: number }[];
    };
    const national = lists.items.find((list) => list.level === 'national')!;
    const towns = (await json(`/api/v1/lists/${national.id}/towns?limit=500`)) as { items: { id: string }[]; next_cursor: string | null };
    expect(towns.next_cursor).toBeNull();
    expect(towns.items.length).toBe(national.town_count);
    const zhejiang = (await json(`/api/v1/towns?province=${encodeURIComponent('浙江省')}&level=national&sort=name&limit=3`)) as {
      total: number;
      items: { name: string }[];
    };
    expect(zhejiang.total).toBeGreaterThan(3);
    const missing = (await json('/api/v1/towns/beijing-nowhere', 404)) as { type: string; detail: string };
    const invalid = (await json('/api/v1/towns?limit=0', 400)) as { type: string; errors: { name: string }[] };

    const ran = await exec(tsx, [join('client', 'example.ts'), server.url]);
    expect(ran.stderr).toBe('');
    expect(ran.code).toBe(0);
    expect(ran.stdout.trimEnd().split('\n')).toEqual([
      `lists: ${lists.total}`,
      // Walked page by page (100 a page) by the example, in one page of 500 here.
      `${national.id} (${national.name}): ${national.town_count} of ${national.official_count ?? '?'} towns, first ${towns.items[0]!.id}`,
      `浙江省, national lists: ${zhejiang.total} towns, first ${zhejiang.items.map((town) => town.name).join(' ')}`,
      `404 urn:tesexiaozhen:problem:town-not-found: ${missing.detail}`,
      `400 ${invalid.type}: limit`,
    ]);
    expect(missing.type).toBe('urn:tesexiaozhen:problem:town-not-found');
    expect(invalid.errors.map((e) => e.name)).toEqual(['limit']);
    // More than one page, so the example's cursor loop is exercised.
    expect(national.town_count).toBeGreaterThan(100);
  });
});
