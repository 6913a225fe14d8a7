import { z } from 'zod';
import { ROLES, type TokenEntry } from './auth.ts';
import { log } from './lib/log.ts';

/**
 * The one reader of the worker's configuration: the vars of wrangler.toml and the secrets (worker/env.ts), each
 * validated by its schema here and read everywhere else as `config(c.env).<name>`.
 *
 * Validated once per isolate: the configuration of an environment object is kept in a WeakMap keyed by that object
 * (the runtime hands every request of an isolate the same one; a test that passes its own bindings gets its own).
 * Each value is validated the first time it is needed, not all at once, so that a request meets, and the log
 * reports under its id, only the mistakes of the configuration it uses: a malformed ADMIN_TOKENS is an admin
 * request's problem, not every reader's.
 */
export interface Config {
  /** FRESHNESS_SECONDS in milliseconds; reading it throws when the value is malformed (see freshness below). */
  readonly freshnessMs: number;
  /** The publication threshold (MIN_SAMPLE). */
  readonly minSample: number;
  /** The admin API's tokens (ADMIN_TOKENS); null when missing or malformed, and then every token is refused. */
  readonly adminTokens: readonly TokenEntry[] | null;
  /** TURNSTILE_SECRET; unset (or empty) means submissions are not verified. */
  readonly turnstileSecret: string | undefined;
  /** The Turnstile widget the site's questionnaires show, or null when submissions are not verified. */
  readonly turnstileWidget: { siteKey: string } | null;
  /** Each enterprise wave's secret (ENTERPRISE_WAVE_SECRETS), or what is wrong with them. */
  readonly enterpriseWaveSecrets: WaveSecrets;
  /** PUBLIC_ORIGIN reduced to its origin; '' when unset or not an http(s) URL. */
  readonly publicOrigin: string;
  /** PUBLIC_CONTACT, trimmed; '' when unset. */
  readonly publicContact: string;
}

/** The environment's configuration as the runtime gives it: text, or nothing. Other bindings (DB, …) may come along. */
export interface ConfigVars {
  FRESHNESS_SECONDS?: string;
  MIN_SAMPLE?: string;
  ADMIN_TOKENS?: string;
  TURNSTILE_SECRET?: string;
  TURNSTILE_SITE_KEY?: string;
  ENTERPRISE_WAVE_SECRETS?: string;
  PUBLIC_ORIGIN?: string;
  PUBLIC_CONTACT?: string;
}

const Text = z.string().optional();

/** The longest FRESHNESS_SECONDS: beyond a minute the promise would say little, and a typo (ms for s) would pass. */
const MAX_FRESHNESS_SECONDS = 60;

/**
 * FRESHNESS_SECONDS (1 unless set) in milliseconds: how old a version a public read may use. 0 turns the isolate's
 * copy off (every read asks D1, as the worker tests do: they write around the worker, straight into D1). A value
 * that is not a number of seconds from 0 to 60 is a deployment error, refused loudly rather than guessed at.
 */
const FreshnessSeconds = z
  .string()
  .regex(/^\d+(\.\d+)?$/)
  .transform(Number)
  .pipe(z.number().min(0).max(MAX_FRESHNESS_SECONDS));

function freshnessMs(raw: string | undefined): number {
  const text = raw === undefined || raw.trim() === '' ? '1' : raw.trim();
  const seconds = FreshnessSeconds.safeParse(text);
  if (!seconds.success)
    throw new Error(`FRESHNESS_SECONDS must be a number of seconds from 0 to ${MAX_FRESHNESS_SECONDS}, not ${JSON.stringify(raw)}.`);
  return seconds.data * 1000;
}

/**
 * The publication threshold from MIN_SAMPLE, 10 unless set: never below 10,
 * the step in which waves published live move, so that configuration cannot
 * publish a group smaller than the step that protects its respondents.
 */
const MinSample = Text.transform((raw) => {
  const n = Number.parseInt(raw ?? '', 10);
  return Number.isFinite(n) && n >= 10 ? n : 10;
});

const TokenListSchema = z
  .array(
    z.object({
      /** Recorded as the author of every write made with the token. */
      name: z.string().min(1).max(100),
      roles: z.array(z.enum(ROLES)).min(1),
      /** Hex SHA-256 of the token: the secret holds no token itself. */
      sha256: z.string().regex(/^[0-9a-f]{64}$/),
    }),
  )
  .min(1);

/** The ADMIN_TOKENS secret; null when it is missing or malformed (then every token is refused, and the log says why). */
function adminTokens(secret: string | undefined): TokenEntry[] | null {
  if (!secret) return null;
  let json: unknown;
  try {
    json = JSON.parse(secret);
  } catch {
    log('error', 'ADMIN_TOKENS is not JSON: every admin request will be refused');
    return null;
  }
  const result = TokenListSchema.safeParse(json);
  if (result.success) return result.data;
  log('error', 'ADMIN_TOKENS is malformed: every admin request will be refused');
  return null;
}

/**
 * The Turnstile widget, or null when submissions are not verified (no TURNSTILE_SECRET). The site key is public
 * configuration (TURNSTILE_SITE_KEY); a secret without it is a mistake that would refuse every answer, so the form
 * then says it cannot be sent.
 */
function turnstileWidget(secret: string | undefined, siteKeyText: string | undefined): { siteKey: string } | null {
  if (!secret) return null;
  const siteKey = siteKeyText?.trim() ?? '';
  if (!siteKey) log('error', 'TURNSTILE_SECRET is set but TURNSTILE_SITE_KEY is not: the questionnaires cannot be sent');
  return { siteKey };
}

/** PUBLIC_ORIGIN reduced to its origin; '' when unset or not an http(s) URL, so a typo gives relative links, not the Host. */
const PublicOrigin = Text.transform((value) => {
  if (!value) return '';
  try {
    const url = new URL(value);
    return url.protocol === 'https:' || url.protocol === 'http:' ? url.origin : '';
  } catch {
    return '';
  }
});

/** The shortest enterprise wave secret accepted; 32 random bytes in base64url (what `npm start` and the README generate) are 43 characters. */
export const MIN_WAVE_SECRET_LENGTH = 32;

/** A wave id as the waves table spells it (e.g. `enterprise-w2`). Anything else is not named in a log: it may be a pasted secret. */
const WAVE_ID = /^[a-z0-9][a-z0-9-]{0,79}$/;

export type WaveSecrets =
  | { ok: true; secrets: ReadonlyMap<string, string> }
  | {
      ok: false;
      /** What is wrong with the configuration, for the operator's log; it never contains a secret. */
      reason: string;
    };

/**
 * ENTERPRISE_WAVE_SECRETS (a Worker secret, see services/surveys/enterprise-claim.ts) is a JSON object
 * {"<wave id>": "<secret>"}, each secret at least 32 characters and each wave's its own. Missing or malformed, every
 * enterprise answer is refused: the log says once what is wrong, never with a secret.
 */
function parseWaveSecrets(value: string | undefined): WaveSecrets {
  if (value === undefined || value.trim() === '') return { ok: false, reason: 'is not set' };
  let json: unknown;
  try {
    json = JSON.parse(value);
  } catch {
    // Not the parser's message: it quotes the text, and the text is the secret.
    return { ok: false, reason: 'is not JSON' };
  }
  if (json === null || typeof json !== 'object' || Array.isArray(json)) {
    return { ok: false, reason: 'must be a JSON object {"<wave id>": "<secret>", …}' };
  }
  const secrets = new Map<string, string>();
  const waveOf = new Map<string, string>();
  for (const [wave, secret] of Object.entries(json)) {
    if (!WAVE_ID.test(wave))
      return { ok: false, reason: 'has a key that is not a wave id (lower-case letters, digits and hyphens, e.g. "enterprise-w2")' };
    if (typeof secret !== 'string') return { ok: false, reason: `has a secret for wave "${wave}" that is not a string` };
    if (secret.length < MIN_WAVE_SECRET_LENGTH)
      return { ok: false, reason: `has a secret for wave "${wave}" shorter than ${MIN_WAVE_SECRET_LENGTH} characters` };
    // One secret per wave, or destroying a wave's secret would leave its claims testable under another wave's.
    const other = waveOf.get(secret);
    if (other !== undefined) return { ok: false, reason: `gives waves "${other}" and "${wave}" the same secret; each wave needs its own` };
    waveOf.set(secret, wave);
    secrets.set(wave, secret);
  }
  return { ok: true, secrets };
}

function waveSecrets(value: string | undefined): WaveSecrets {
  const result = parseWaveSecrets(value);
  if (!result.ok) log('error', `ENTERPRISE_WAVE_SECRETS ${result.reason}: every enterprise answer will be refused`);
  return result;
}

/** How each value is read from the environment. */
const readers: { [K in keyof Config]: (env: ConfigVars) => Config[K] } = {
  freshnessMs: (env) => freshnessMs(env.FRESHNESS_SECONDS),
  minSample: (env) => MinSample.parse(env.MIN_SAMPLE),
  adminTokens: (env) => adminTokens(env.ADMIN_TOKENS),
  turnstileSecret: (env) => env.TURNSTILE_SECRET || undefined,
  turnstileWidget: (env) => turnstileWidget(env.TURNSTILE_SECRET, env.TURNSTILE_SITE_KEY),
  enterpriseWaveSecrets: (env) => waveSecrets(env.ENTERPRISE_WAVE_SECRETS),
  publicOrigin: (env) => PublicOrigin.parse(env.PUBLIC_ORIGIN),
  publicContact: (env) => (env.PUBLIC_CONTACT ?? '').trim(),
};

const configs = new WeakMap<object, Config>();

/** The configuration of `env`, each value validated on first use and then kept (a value that throws is not kept). */
export function config(env: ConfigVars): Config {
  let found = configs.get(env);
  if (!found) {
    const values = new Map<keyof Config, unknown>();
    found = {} as Config;
    for (const key of Object.keys(readers) as (keyof Config)[]) {
      Object.defineProperty(found, key, {
        enumerable: true,
        get() {
          if (!values.has(key)) values.set(key, readers[key](env));
          return values.get(key);
        },
      });
    }
    configs.set(env, found);
  }
  return found;
}
