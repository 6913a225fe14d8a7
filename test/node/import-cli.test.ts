import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { prepareNotice, type SyntheticNotice } from '../../bench/synthetic-notice.ts';
import { type LocalServer, startLocalServer } from '../../scripts/local-server.ts';

const run = promisify(execFile);
const root = join(import.meta.dirname, '..', '..');
const dir = mkdtempSync(join(tmpdir(), 'import-cli-'));

/** Runs `npm run import -- …` as staff would, against the test server. */
async function importTool(server: LocalServer, args: string[], token = 'local-server-token') {
  try {
    const { stdout, stderr } = await run('npx', ['tsx', 'scripts/import-notice.ts', ...args, '--url', server.url], {
      cwd: root,
      env: { ...process.env, ADMIN_TOKEN: token },
    });
    return { code: 0, stdout, stderr };
  } catch (e) {
    const failed = e as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

describe('npm run import', () => {
  let server: LocalServer;
  let notice: SyntheticNotice;
  let file: string;

  beforeAll(async () => {
    server = await startLocalServer();
    notice = await prepareNotice(server.url, 'local-server-token', 300);
    file = join(dir, 'notice.csv');
    writeFileSync(file, notice.csv);
  });
  afterAll(() => server.dispose());

  it('checks a file with --dry-run, prints what it would write, and writes nothing', async () => {
    const { code, stdout, stderr } = await importTool(server, [file, '--dry-run']);
    expect(code).toBe(0);
    expect(stdout).toContain('notice.csv: 300 rows, 300 events, 300 towns put on a list (dry run: nothing written)');
    expect(stderr).toMatch(/Uploading notice\.csv: done/);
    const list = (await (await fetch(`${server.url}/api/v1/lists/${notice.listId}`)).json()) as { town_count: number };
    expect(list.town_count).toBe(0);
  });

  it('prints the problems as a table, with close matches, and exits 1', async () => {
    const bad = join(dir, 'bad.csv');
    writeFileSync(
      bad,
      `town,province,list,status,effective_date,document\n长沟,北京市,${notice.listId},named,2026-06-30,${notice.sourceId}\n`,
    );
    const { code, stdout } = await importTool(server, [bad, '--dry-run']);
    expect(code).toBe(1);
    expect(stdout).toMatch(/row\s+column\s+problem\s+detail/);
    expect(stdout).toMatch(/2\s+town\s+unknown-town .*Did you mean: 长沟镇 \(beijing-changgouzhen\)\?/);
    const real = await importTool(server, [bad]);
    expect(real.code).toBe(1);
    expect(real.stderr).toContain('nothing was written');
  });

  it('imports the notice whole; the towns then have the new status on the public API and the site', async () => {
    const { code, stdout } = await importTool(server, [file]);
    expect(code).toBe(0);
    expect(stdout).toMatch(/\n2\s+\d+\s+/);
    const list = await (await fetch(`${server.url}/api/v1/lists/${notice.listId}`)).json();
    expect(list).toMatchObject({ town_count: 300, official_count: 300, complete: true });
    const town = notice.townIds[0]!;
    const page = await (await fetch(`${server.url}/towns/${town}`)).text();
    expect(page).toContain('合成测试名单（非官方）');
    // The same file again (say, after a lost reply) is not imported twice.
    const again = await importTool(server, [file]);
    expect(again.code).toBe(0);
    expect(again.stderr).toContain('already imported');
    const after = await (await fetch(`${server.url}/api/v1/lists/${notice.listId}`)).json();
    expect(after).toMatchObject({ town_count: 300 });
  });

  it('refuses a token without the editor role and explains an unreachable service', async () => {
    expect((await importTool(server, [file, '--dry-run'], 'not-a-token')).code).toBe(2);
    const { code, stderr } = await run('npx', ['tsx', 'scripts/import-notice.ts', file, '--url', 'http://127.0.0.1:9'], { cwd: root }).then(
      () => ({ code: 0, stderr: '' }),
      (e) => e,
    );
    expect(code).toBe(2);
    expect(stderr).toContain('Cannot reach');
  });
});
