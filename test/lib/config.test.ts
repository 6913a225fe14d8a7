import { env } from 'cloudflare:workers';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { actorOf } from '../../worker/auth.ts';
import { config } from '../../worker/config.ts';
import { sha256Hex } from '../../worker/lib/hash.ts';

// worker/config.ts, the one reader of the vars and secrets. FRESHNESS_SECONDS is tested in test/api/freshness.test.ts
// and ENTERPRISE_WAVE_SECRETS in test/services/enterprise-claim.test.ts, beside what they govern.

afterEach(() => vi.restoreAllMocks());

/** The error lines logged while `read` runs, as their messages. */
function logged(read: () => void): string[] {
  const error = vi.spyOn(console, 'error').mockImplementation(() => {});
  read();
  const messages = error.mock.calls.map((call) => (JSON.parse(String(call[0])) as { msg: string }).msg);
  error.mockRestore();
  return messages;
}

describe('config', () => {
  it('is validated once per environment object: the same object gives the same values, another its own', () => {
    const vars = { MIN_SAMPLE: '12' };
    expect(config(vars)).toBe(config(vars));
    expect(config(vars).minSample).toBe(12);
    expect(config({ MIN_SAMPLE: '15' }).minSample).toBe(15);
  });

  it('validates a value only when it is read, so a request meets only the mistakes of what it uses', () => {
    const vars = { ADMIN_TOKENS: 'not json', MIN_SAMPLE: '20' };
    expect(logged(() => expect(config(vars).minSample).toBe(20))).toEqual([]);
    expect(logged(() => expect(config(vars).adminTokens).toBeNull())).toEqual([
      'ADMIN_TOKENS is not JSON: every admin request will be refused',
    ]);
  });

  it('reads the test bindings (vitest.config.ts)', () => {
    expect(config(env).adminTokens?.map((t) => t.name)).toEqual(['test-admin', 'test-editor', 'test-auditor', 'test-surveys']);
    expect(config(env).freshnessMs).toBe(0);
  });
});

describe('MIN_SAMPLE', () => {
  it('is 10 unless set to a whole number of at least 10 (parseInt: a number followed by text counts)', () => {
    const minSample = (MIN_SAMPLE?: string) => config({ MIN_SAMPLE }).minSample;
    expect(minSample()).toBe(10);
    expect(minSample('')).toBe(10);
    expect(minSample('10')).toBe(10);
    expect(minSample('25')).toBe(25);
    expect(minSample('25 responses')).toBe(25);
    expect(minSample('12.9')).toBe(12);
    for (const low of ['9', '0', '-20', 'abc', 'NaN', 'Infinity']) expect(minSample(low), low).toBe(10);
  });
});

describe('ADMIN_TOKENS', () => {
  const entry = { name: 'someone', roles: ['editor'], sha256: 'a'.repeat(64) };

  it('is the list of names, roles and hashes', () => {
    expect(config({ ADMIN_TOKENS: JSON.stringify([entry]) }).adminTokens).toEqual([entry]);
  });

  it('is null without a log when unset or empty', () => {
    expect(logged(() => expect(config({}).adminTokens).toBeNull())).toEqual([]);
    expect(logged(() => expect(config({ ADMIN_TOKENS: '' }).adminTokens).toBeNull())).toEqual([]);
  });

  it.each([
    ['an empty list', '[]'],
    ['an unknown role', JSON.stringify([{ ...entry, roles: ['owner'] }])],
    ['no role', JSON.stringify([{ ...entry, roles: [] }])],
    ['a hash that is not hex SHA-256', JSON.stringify([{ ...entry, sha256: 'A'.repeat(64) }])],
    ['an empty name', JSON.stringify([{ ...entry, name: '' }])],
    ['an object', JSON.stringify(entry)],
  ])('is null, logged once, when malformed: %s', (_, ADMIN_TOKENS) => {
    const vars = { ADMIN_TOKENS };
    expect(
      logged(() => {
        expect(config(vars).adminTokens).toBeNull();
        expect(config(vars).adminTokens).toBeNull();
      }),
    ).toEqual(['ADMIN_TOKENS is malformed: every admin request will be refused']);
  });

  it('refuses every token when missing or malformed, and finds the holder of a listed one', async () => {
    const sha256 = await sha256Hex('a-token');
    const tokens = config({ ADMIN_TOKENS: JSON.stringify([{ name: 'holder', roles: ['auditor'], sha256 }]) }).adminTokens;
    expect(await actorOf('a-token', tokens)).toEqual({ name: 'holder', roles: ['auditor'] });
    expect(await actorOf('another-token', tokens)).toBeNull();
    expect(await actorOf('a-token', null)).toBeNull();
  });
});

describe('TURNSTILE_SECRET and TURNSTILE_SITE_KEY', () => {
  it('verify nothing and show no widget while the secret is unset or empty', () => {
    for (const vars of [{}, { TURNSTILE_SECRET: '' }, { TURNSTILE_SITE_KEY: 'site-key' }]) {
      expect(config(vars).turnstileSecret).toBeUndefined();
      expect(config(vars).turnstileWidget).toBeNull();
    }
  });

  it('give the secret and the widget with its (trimmed) site key', () => {
    const vars = { TURNSTILE_SECRET: 'secret', TURNSTILE_SITE_KEY: ' site-key ' };
    expect(config(vars).turnstileSecret).toBe('secret');
    expect(config(vars).turnstileWidget).toEqual({ siteKey: 'site-key' });
  });

  it('log a secret without a site key: the widget then has none, and the form says it cannot be sent', () => {
    for (const vars of [{ TURNSTILE_SECRET: 'secret' }, { TURNSTILE_SECRET: 'secret', TURNSTILE_SITE_KEY: '  ' }]) {
      expect(logged(() => expect(config(vars).turnstileWidget).toEqual({ siteKey: '' }))).toEqual([
        'TURNSTILE_SECRET is set but TURNSTILE_SITE_KEY is not: the questionnaires cannot be sent',
      ]);
    }
  });
});

describe('PUBLIC_ORIGIN and PUBLIC_CONTACT', () => {
  it('PUBLIC_ORIGIN is reduced to its origin; unset or not an http(s) URL, it is empty', () => {
    const origin = (PUBLIC_ORIGIN?: string) => config({ PUBLIC_ORIGIN }).publicOrigin;
    expect(origin('https://data.example.org/')).toBe('https://data.example.org');
    expect(origin('http://data.example.org:8080/path?q')).toBe('http://data.example.org:8080');
    for (const bad of [undefined, '', 'not a url', 'javascript:alert(1)', 'ftp://data.example.org'])
      expect(origin(bad), String(bad)).toBe('');
  });

  it('PUBLIC_CONTACT is trimmed, empty when unset', () => {
    expect(config({ PUBLIC_CONTACT: ' data@example.org ' }).publicContact).toBe('data@example.org');
    expect(config({}).publicContact).toBe('');
  });
});
