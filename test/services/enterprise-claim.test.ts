import { env } from 'cloudflare:workers';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { config, MIN_WAVE_SECRET_LENGTH } from '../../worker/config.ts';
import { AppError } from '../../worker/errors.ts';
import { claimHash, enterpriseClaim, waveSecret } from '../../worker/services/surveys/enterprise-claim.ts';
import { KNOWN_TOWN } from '../helpers.ts';

const SECRET = 'test-wave-secret-0123456789abcdefghij';
const OTHER_SECRET = 'another-wave-secret-0123456789abcdefgh';
const CODE = '91110108EXAMP1E00Y';

afterEach(() => vi.restoreAllMocks());

/** ENTERPRISE_WAVE_SECRETS as worker/config.ts reads it from an environment that holds `value`. */
const secretsOf = (value: string | undefined) => config({ ENTERPRISE_WAVE_SECRETS: value }).enterpriseWaveSecrets;

describe('claimHash', () => {
  it('is the hex HMAC-SHA-256 under the wave secret of "code|town" (values from Node’s crypto.createHmac)', async () => {
    // node -e "console.log(require('crypto').createHmac('sha256', SECRET).update('91110108EXAMP1E00Y|beijing-changgouzhen').digest('hex'))"
    expect(await claimHash(SECRET, CODE, KNOWN_TOWN)).toBe('5490caa6bc5b5dd1963131875bdc774f48d9b32885dd0610a45c02d5803b748d');
    expect(await claimHash(SECRET, CODE, 'shaanxi-tangyuzhen')).toBe('1705e1df453feb70af41d5165fe92473ec8372738a1ddc7d4eed0c0bcb789f1b');
    expect(await claimHash(OTHER_SECRET, CODE, KNOWN_TOWN)).toBe('2daca7c5ab15c2f975947f705415425cd3078e354caf41f3caa698e3501421ae');
  });

  it('is one claim for every spelling of one code', async () => {
    const claim = await claimHash(SECRET, CODE, KNOWN_TOWN);
    expect(await claimHash(SECRET, ' 91110108examp1e00y ', KNOWN_TOWN)).toBe(claim);
    expect(await claimHash(SECRET, '９１１１０１０８ＥＸＡＭＰ１Ｅ００Ｙ', KNOWN_TOWN)).toBe(claim);
  });

  it('refuses an unchecked code or a short secret without naming either', async () => {
    await expect(claimHash(SECRET, '91110108EXAMP1E00X', KNOWN_TOWN)).rejects.toThrow(/not a valid unified social credit code/);
    await expect(claimHash(SECRET, '91110108EXAMP1E00X', KNOWN_TOWN)).rejects.not.toThrow(/91110108/);
    await expect(claimHash('short-secret', CODE, KNOWN_TOWN)).rejects.toThrow(`at least ${MIN_WAVE_SECRET_LENGTH} characters`);
    await expect(claimHash('short-secret', CODE, KNOWN_TOWN)).rejects.not.toThrow(/short-secret/);
  });
});

describe('ENTERPRISE_WAVE_SECRETS, parsed once per isolate (worker/config.ts)', () => {
  it('reads {wave id: secret}', () => {
    const vars = { ENTERPRISE_WAVE_SECRETS: JSON.stringify({ 'enterprise-w1': SECRET, 'enterprise-w2': OTHER_SECRET }) };
    const result = config(vars).enterpriseWaveSecrets;
    expect(result.ok).toBe(true);
    expect(result.ok && [...result.secrets]).toEqual([
      ['enterprise-w1', SECRET],
      ['enterprise-w2', OTHER_SECRET],
    ]);
    // Parsed once: the same environment gives the same object back.
    expect(config(vars).enterpriseWaveSecrets).toBe(result);
  });

  it('accepts an object without waves: every secret destroyed', () => {
    expect(secretsOf('{}')).toEqual({ ok: true, secrets: new Map() });
  });

  const SECRET_TEXT = 'LEAKED-SECRET-TEXT-0123456789abcdefghijkl';
  it.each([
    ['missing', undefined, /is not set/],
    ['empty', '', /is not set/],
    ['not JSON', `{"enterprise-w1": ${SECRET_TEXT}}`, /is not JSON/],
    ['an array', JSON.stringify([SECRET_TEXT]), /must be a JSON object/],
    ['a string', JSON.stringify(SECRET_TEXT), /must be a JSON object/],
    ['null', 'null', /must be a JSON object/],
    ['a secret as the key', JSON.stringify({ [SECRET_TEXT]: SECRET_TEXT }), /key that is not a wave id/],
    ['a secret that is not a string', JSON.stringify({ 'enterprise-w1': 12345 }), /wave "enterprise-w1" that is not a string/],
    ['a short secret', JSON.stringify({ 'enterprise-w1': SECRET_TEXT.slice(0, 31) }), /wave "enterprise-w1" shorter than 32 characters/],
    [
      'one secret for two waves',
      JSON.stringify({ 'enterprise-w1': SECRET_TEXT, 'enterprise-w2': SECRET_TEXT }),
      /"enterprise-w1" and "enterprise-w2" the same secret/,
    ],
  ])('fails closed when it is %s, logging what is wrong once and never a secret', (_, value, reason) => {
    const log = vi.spyOn(console, 'error').mockImplementation(() => {});
    const vars = { ENTERPRISE_WAVE_SECRETS: value };
    const result = config(vars).enterpriseWaveSecrets;
    expect(result).toEqual({ ok: false, reason: expect.stringMatching(reason) });
    void config(vars).enterpriseWaveSecrets;
    expect(log).toHaveBeenCalledTimes(1);
    expect(JSON.parse(log.mock.calls[0]![0])).toMatchObject({
      level: 'error',
      msg: expect.stringMatching(/^ENTERPRISE_WAVE_SECRETS .*: every enterprise answer will be refused$/),
    });
    const logged = JSON.stringify(log.mock.calls);
    expect(logged).not.toContain(SECRET_TEXT.slice(0, 20));
    expect(JSON.stringify(result)).not.toContain(SECRET_TEXT.slice(0, 20));
    // Every enterprise wave is refused with a 503.
    expect(() => waveSecret(result, 'enterprise-w1')).toThrow(AppError);
  });
});

describe('waveSecret: the secret of one wave, or a 503', () => {
  it('returns the wave’s secret', () => {
    expect(waveSecret(secretsOf(JSON.stringify({ 'enterprise-w1': SECRET, 'enterprise-w2': OTHER_SECRET })), 'enterprise-w2')).toBe(
      OTHER_SECRET,
    );
  });

  it('refuses a wave without a secret (never configured, or destroyed) with service-unavailable, logged once per wave', () => {
    const log = vi.spyOn(console, 'error').mockImplementation(() => {});
    const value = secretsOf(JSON.stringify({ 'enterprise-w2': OTHER_SECRET }));
    let error: unknown;
    try {
      waveSecret(value, 'enterprise-w1');
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(AppError);
    expect(error).toMatchObject({
      code: 'service-unavailable',
      detail: expect.stringMatching(/Enterprise answers cannot be accepted.*Nothing was stored/),
    });
    expect(() => waveSecret(value, 'enterprise-w1')).toThrow(AppError);
    expect(log).toHaveBeenCalledTimes(1);
    expect(JSON.parse(log.mock.calls[0]![0])).toMatchObject({
      level: 'error',
      msg: 'ENTERPRISE_WAVE_SECRETS has no secret for wave "enterprise-w1": its enterprise answers will be refused',
    });
    expect(JSON.stringify(log.mock.calls)).not.toContain(OTHER_SECRET);
  });

  it('enterpriseClaim is claimHash under the wave’s secret: one wave’s claim is not another’s', async () => {
    const value = secretsOf(JSON.stringify({ 'enterprise-w1': SECRET, 'enterprise-w2': OTHER_SECRET }));
    expect(await enterpriseClaim(value, 'enterprise-w1', CODE, KNOWN_TOWN)).toBe(await claimHash(SECRET, CODE, KNOWN_TOWN));
    expect(await enterpriseClaim(value, 'enterprise-w2', CODE, KNOWN_TOWN)).not.toBe(
      await enterpriseClaim(value, 'enterprise-w1', CODE, KNOWN_TOWN),
    );
  });
});

describe('the test bindings', () => {
  it('give the local waves their own secrets (vitest.config.ts)', () => {
    const secrets = config(env as { ENTERPRISE_WAVE_SECRETS?: string }).enterpriseWaveSecrets;
    expect(secrets.ok && [...secrets.secrets.keys()]).toEqual(['enterprise-w1', 'enterprise-w2']);
  });
});
