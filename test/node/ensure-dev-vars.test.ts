import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';

// `npm start` runs scripts/ensure-dev-vars.mjs in the checkout; here it runs in a scratch directory with the example.
const root = join(import.meta.dirname, '../..');
const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function checkout(devVars?: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'dev-vars-'));
  dirs.push(dir);
  copyFileSync(join(root, '.dev.vars.example'), join(dir, '.dev.vars.example'));
  if (devVars !== undefined) writeFileSync(join(dir, '.dev.vars'), devVars);
  return dir;
}

function run(dir: string): { out: string; err: string; vars: string } {
  const result = spawnSync('node', [join(root, 'scripts/ensure-dev-vars.mjs')], { cwd: dir, encoding: 'utf8' });
  expect(result.status).toBe(0);
  return { out: result.stdout, err: result.stderr, vars: readFileSync(join(dir, '.dev.vars'), 'utf8') };
}

/** The ENTERPRISE_WAVE_SECRETS entries of a .dev.vars, as wrangler reads them (uncommented lines). */
function waveSecrets(vars: string): Record<string, string>[] {
  return [...vars.matchAll(/^ENTERPRISE_WAVE_SECRETS=(.*)$/gm)].map((m) => JSON.parse(m[1]!));
}

describe('scripts/ensure-dev-vars.mjs: local secrets for the enterprise waves', () => {
  it('the example holds no secret for them, only its description', () => {
    const example = readFileSync(join(root, '.dev.vars.example'), 'utf8');
    expect(waveSecrets(example)).toEqual([]);
    expect(example).toMatch(/^# ENTERPRISE_WAVE_SECRETS=\{"enterprise-w1":"<43 characters>"/m);
  });

  it('a fresh checkout gets the example and new random secrets for enterprise-w1 and enterprise-w2', () => {
    const { out, vars } = run(checkout());
    expect(vars).toMatch(/^ADMIN_TOKENS=/m);
    const [secrets, ...more] = waveSecrets(vars);
    expect(more).toEqual([]);
    expect(Object.keys(secrets!)).toEqual(['enterprise-w1', 'enterprise-w2']);
    for (const secret of Object.values(secrets!)) expect(secret).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(secrets!['enterprise-w1']).not.toBe(secrets!['enterprise-w2']);
    expect(out).toMatch(/Added ENTERPRISE_WAVE_SECRETS to \.dev\.vars/);
    // Never printed.
    for (const secret of Object.values(secrets!)) expect(out).not.toContain(secret);
  });

  it('every checkout gets its own', () => {
    const a = waveSecrets(run(checkout()).vars)[0]!;
    const b = waveSecrets(run(checkout()).vars)[0]!;
    expect(a['enterprise-w1']).not.toBe(b['enterprise-w1']);
  });

  it('running again changes nothing', () => {
    const dir = checkout();
    const first = run(dir).vars;
    const second = run(dir);
    expect(second.vars).toBe(first);
    expect(second.out + second.err).toBe('');
  });

  it('adds the entry to a .dev.vars without one, keeping what is there (even without a final newline)', () => {
    const before = 'ADMIN_TOKENS=[]\nTURNSTILE_SECRET=1x0000000000000000000000000000000AA';
    const { vars } = run(checkout(before));
    expect(vars.startsWith(`${before}\n`)).toBe(true);
    expect(waveSecrets(vars)).toHaveLength(1);
  });

  it('never replaces an entry that is there, and says which local waves it lacks', () => {
    const before = `ADMIN_TOKENS=[]\nENTERPRISE_WAVE_SECRETS={"enterprise-w1":"${'k'.repeat(43)}"}\n`;
    const { out, err, vars } = run(checkout(before));
    expect(vars).toBe(before);
    expect(out).toBe('');
    expect(err).toMatch(/has no secret for enterprise-w2: .* refused/);
    expect(err).not.toContain('k'.repeat(43));
  });

  it('warns about an entry that is not JSON and leaves it alone', () => {
    const before = 'ENTERPRISE_WAVE_SECRETS=not-json\nADMIN_TOKENS=[]\n';
    const { err, vars } = run(checkout(before));
    expect(err).toMatch(/not a JSON object: every enterprise answer will be refused/);
    expect(vars).toBe(before);
  });
});

describe('the README on ENTERPRISE_WAVE_SECRETS in production', () => {
  const readme = readFileSync(join(root, 'README.md'), 'utf8');

  it('its command for a new secret prints one that is long enough (32 random bytes, base64url)', () => {
    const line = readme.split('\n').find((l) => l.includes('randomBytes(32)') && l.trim().startsWith('node -e'))!;
    const script = /node -e "(.*?)"/.exec(line)![1]!;
    const out = spawnSync('node', ['-e', script], { encoding: 'utf8' }).stdout.trim();
    expect(out).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });

  it('says how to set the secret, how to destroy a wave’s, and names it in the deploy steps', () => {
    expect(readme).toContain('wrangler secret put ENTERPRISE_WAVE_SECRETS');
    expect(readme).toMatch(/destroy a wave's secret/);
    expect(readme).toMatch(/DELETE FROM\s+enterprise_claims WHERE wave_id/);
    expect(readme).toMatch(/- Deploy:[\s\S]*wrangler secret put ENTERPRISE_WAVE_SECRETS[\s\S]*wrangler deploy/);
  });
});
