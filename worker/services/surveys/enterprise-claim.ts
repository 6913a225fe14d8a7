import { MIN_WAVE_SECRET_LENGTH, type WaveSecrets } from '../../config.ts';
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
 * ENTERPRISE_WAVE_SECRETS (a Worker secret, checked by worker/config.ts) is a JSON object {"<wave id>": "<secret>"},
 * each secret at least 32 characters (32 random bytes, base64url, are 43). Missing, malformed or without the wave's entry, every
 * enterprise answer to the wave is refused (503): answers that could not be checked for a second one are not taken.
 */

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

/** Waves already reported as having no secret, so that the log says it once per isolate and wave. */
const reportedMissing = new Set<string>();

/**
 * The secret of an enterprise wave, or a 503 `service-unavailable`: without it a second answer could not be
 * refused, so no answer is taken. Call it before anything is spent on the submission.
 */
export function waveSecret(secrets: WaveSecrets, waveId: string): string {
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
export async function enterpriseClaim(secrets: WaveSecrets, waveId: string, code: string, townId: string): Promise<string> {
  return claimHash(waveSecret(secrets, waveId), code, townId);
}
