import { AppError } from '../../errors.ts';
import { toHex } from '../../lib/hash.ts';
import { log } from '../../lib/log.ts';
import { validateUscc } from '../../lib/uscc.ts';

/**
 * One response per enterprise, town and wave, without keeping who answered.
 *
 * The enterprise's unified social credit code is checked (lib/uscc.ts) and then used only to compute its claim:
 * HMAC-SHA-256, under the wave's own secret, of `${code}|${townId}`. The claim goes into `enterprise_claims`, a
 * table keyed by the claim itself (WITHOUT ROWID) with the wave id and nothing else: no response id, no time, no
 * insertion order. A second answer with the same code for the same town in the same wave has the same claim and is
 * refused; the code itself is never stored, logged or part of any fingerprint.
 *
 * Why a keyed hash: the codes of a town's enterprises are public (they are on every licence and in the registries),
 * so a plain hash could be reversed by hashing that list. Under the wave's secret, only someone holding the secret
 * can test a code; and once the wave has closed and its results are final, the secret can be destroyed (its entry
 * removed from ENTERPRISE_WAVE_SECRETS), after which nobody can, and the wave's claims can be deleted.
 *
 * ENTERPRISE_WAVE_SECRETS (a Worker secret) is a JSON object {"<wave id>": "<secret>"}, each secret at least
 * 32 characters (32 random bytes, base64url, are 43). Missing, malformed or without the wave's entry, every
 * enterprise answer to the wave is refused (503): answers that could not be checked for a second one are not taken.
 */

/** The shortest secret accepted; 32 random bytes in base64url (what `npm start` and the README generate) are 43 characters. */
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

const encoder = new TextEncoder();

/**
 * The claim of an enterprise on a town in one wave: hex HMAC-SHA-256 under the wave's secret of `${code}|${townId}`,
 * the code in its normal form (so every spelling of one code is one claim). `code` must be a valid code (the
 * submission's schema has checked it); `|` is in no code, so code and town cannot run into each other.
 */
export async function claimHash(secret: string, code: string, townId: string): Promise<string> {
  const checked = validateUscc(code);
  // Neither the code nor the secret goes into these messages.
  if (!checked.ok) throw new Error('claimHash: not a valid unified social credit code; check it with EnterpriseCodeSchema first');
  if (secret.length < MIN_WAVE_SECRET_LENGTH) throw new Error(`claimHash: a wave secret has at least ${MIN_WAVE_SECRET_LENGTH} characters`);
  return toHex(await crypto.subtle.sign('HMAC', await hmacKey(secret), encoder.encode(`${checked.code}|${townId}`)));
}

/**
 * Each wave secret's HMAC key, imported once per isolate (the key itself, never a promise one request hands another).
 * Non-extractable; a secret removed from ENTERPRISE_WAVE_SECRETS is a new deployment, so new isolates without it.
 */
const hmacKeys = new Map<string, CryptoKey>();

async function hmacKey(secret: string): Promise<CryptoKey> {
  let key = hmacKeys.get(secret);
  if (!key) {
    key = await crypto.subtle.importKey('raw', encoder.encode(secret), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
    hmacKeys.set(secret, key);
  }
  return key;
}

function parseSecrets(value: string | undefined): WaveSecrets {
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
    if (!WAVE_ID.test(wave)) return { ok: false, reason: 'has a key that is not a wave id (lower-case letters, digits and hyphens, e.g. "enterprise-w2")' };
    if (typeof secret !== 'string') return { ok: false, reason: `has a secret for wave "${wave}" that is not a string` };
    if (secret.length < MIN_WAVE_SECRET_LENGTH) return { ok: false, reason: `has a secret for wave "${wave}" shorter than ${MIN_WAVE_SECRET_LENGTH} characters` };
    // One secret per wave, or destroying a wave's secret would leave its claims testable under another wave's.
    const other = waveOf.get(secret);
    if (other !== undefined) return { ok: false, reason: `gives waves "${other}" and "${wave}" the same secret; each wave needs its own` };
    waveOf.set(secret, wave);
    secrets.set(wave, secret);
  }
  return { ok: true, secrets };
}

let parsed: { value: string | undefined; result: WaveSecrets } | undefined;

/**
 * The ENTERPRISE_WAVE_SECRETS secret, parsed once per isolate (again only if the value changes). A missing or
 * malformed one is logged once, with what is wrong and never a secret, and every enterprise answer then fails closed.
 */
export function waveSecrets(value: string | undefined): WaveSecrets {
  if (parsed && parsed.value === value) return parsed.result;
  const result = parseSecrets(value);
  if (!result.ok) log('error', `ENTERPRISE_WAVE_SECRETS ${result.reason}: every enterprise answer will be refused`);
  parsed = { value, result };
  return result;
}

/** Waves already reported as having no secret, so that the log says it once per isolate and wave. */
const reportedMissing = new Set<string>();

/**
 * The secret of an enterprise wave, or a 503 `service-unavailable`: without it a second answer could not be
 * refused, so no answer is taken. Call it before anything is spent on the submission.
 */
export function waveSecret(value: string | undefined, waveId: string): string {
  const secrets = waveSecrets(value);
  const secret = secrets.ok ? secrets.secrets.get(waveId) : undefined;
  if (secret !== undefined) return secret;
  if (secrets.ok && !reportedMissing.has(waveId)) {
    reportedMissing.add(waveId);
    log('error', `ENTERPRISE_WAVE_SECRETS has no secret for wave "${waveId}": its enterprise answers will be refused`);
  }
  throw new AppError(
    'service-unavailable',
    'Enterprise answers cannot be accepted at the moment: the service is not configured to check that each enterprise answers once in this wave. Nothing was stored; please try again later.',
  );
}

/** The claim to store for this submission: `claimHash` under the wave's secret, or the 503 of `waveSecret`. */
export async function enterpriseClaim(value: string | undefined, waveId: string, code: string, townId: string): Promise<string> {
  return claimHash(waveSecret(value, waveId), code, townId);
}
