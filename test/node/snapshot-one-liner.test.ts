import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { type LocalServer, startLocalServer } from '../../scripts/local-server.ts';

let server: LocalServer;
beforeAll(async () => {
  server = await startLocalServer();
});
afterAll(() => server?.dispose());

/** The README's one-liner, taken from the README itself so that the two cannot drift. */
function oneLiner(): string {
  const readme = readFileSync(join(import.meta.dirname, '../../README.md'), 'utf8');
  const line = readme.split('\n').find((l) => l.startsWith('base=http://localhost:8787'));
  if (!line) throw new Error('README lost its snapshot one-liner');
  return line;
}

it('the README one-liner fetches the current snapshot and every checksum matches', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'snapshot-'));
  const script = oneLiner().replace('base=http://localhost:8787', `base=${server.url}`);
  const out = execFileSync('bash', ['-euo', 'pipefail', '-c', script], { cwd: dir, encoding: 'utf8' });
  const { files } = (await (await fetch(`${server.url}/downloads/`)).json()) as { files: { name: string }[] };
  // sha256sum -c prints "<file>: OK" for each file it checked.
  expect(out.trim().split('\n').sort()).toEqual(files.map((f) => `${f.name}: OK`).sort());
});
