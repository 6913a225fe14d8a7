/**
 * The unified social credit code (统一社会信用代码) of GB 32100-2015, 法人和其他组织统一社会信用代码编码规则:
 * the 18-character identifier of every enterprise and other organisation registered in mainland China,
 * printed on its business licence. The enterprise questionnaire asks for it so that each enterprise answers
 * once per town and wave (services/surveys/enterprise-claim.ts); it is checked here and never stored.
 *
 * Structure (GB 32100-2015 §4):
 *
 *   position  1      registration authority code (登记管理部门代码)
 *             2      organisation category code (机构类别代码), assigned per registration authority
 *             3–8    administrative division code of the registering authority (登记管理机关行政区划码, GB/T 2260): digits
 *             9–17   organisation code (主体标识码, the GB 11714 组织机构代码)
 *             18     check character (校验码, GB/T 17710 / ISO 7064 style, modulus 31)
 *
 * Every character is a digit or a capital letter other than I, O, Z, S and V. Each character has a value, its
 * index in this alphabet of 31:
 *
 *   0123456789ABCDEFGHJKLMNPQRTUWXY    (0–9 are 0–9, A = 10, B = 11 … X = 29, Y = 30)
 *
 * Check character: with the weights Wi = 3^(i−1) mod 31 of positions i = 1…17,
 *
 *   W = 1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28
 *   C18 = 31 − (Σ_{i=1..17} value(Ci) × Wi  mod 31), and a result of 31 is written 0.
 *
 * Equivalently, Σ_{i=1..18} value(Ci) × Wi ≡ 0 (mod 31) with W18 = 1. Example (the one printed in the
 * standard): 91350100M000100Y4 has the sum 1640, 1640 mod 31 = 28, 31 − 28 = 3, so the code is 91350100M000100Y43.
 *
 * What the check catches: 31 is prime and no weight is 0 mod 31, so every single substitution (one character
 * changed for another of the alphabet) changes the sum by (v' − v) × Wi ≢ 0 and is caught; so is every
 * transposition of two different adjacent characters: (a − b)(Wi − Wi+1) = (a − b) × Wi × (1 − 3) ≢ 0, and for
 * positions 17 and 18 the same argument gives 27a ≡ 27b, i.e. a = b. Two independent mistakes pass about once in 31.
 * test/lib/uscc.test.ts checks every substitution and adjacent transposition of several codes.
 *
 * What is not checked, on purpose:
 * - Positions 1 and 2 are checked only to be characters of the alphabet. The standard fixes them as one character
 *   each, "Arabic numerals or capital letters", and lists in its Annex A the authorities of 2015 (1 机构编制,
 *   5 民政, 9 工商, Y 其他) with their categories (e.g. 91 企业, 92 个体工商户, 93 农民专业合作社, 12 事业单位,
 *   51 社会团体, 52 民办非企业单位, 53 基金会); the code administration has since assigned more (e.g. 3 司法行政 for
 *   law firms, 7 宗教, 8 工会, N for rural collective economic organisations). A closed list would refuse real codes
 *   issued after it was written, and refusal here means an enterprise cannot answer at all, while the check
 *   character already catches every single typo.
 * - Positions 3–8 must be digits, but are not looked up in GB/T 2260 (divisions are renamed and merged; the code
 *   keeps the division of the day it was issued).
 * - The organisation code in 9–17 carries its own GB 11714 check character at position 17; it is not verified:
 *   the 18th character covers positions 9–17 already, and codes whose organisation part predates or departs from
 *   GB 11714 would be refused for nothing.
 *
 * A valid check character does not prove that an organisation with this code exists: anyone can compute one.
 */

/** The 31 characters of the code, each at the index that is its value. */
export const USCC_ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';

/** Wi = 3^(i−1) mod 31 for positions 1–17. */
export const USCC_WEIGHTS: readonly number[] = Array.from({ length: 17 }, (_, i) => {
  let w = 1;
  for (let k = 0; k < i; k++) w = (w * 3) % 31;
  return w;
});

const VALUE = new Map([...USCC_ALPHABET].map((ch, value) => [ch, value]));

export type UsccProblem = 'length' | 'character' | 'division' | 'check';

export type UsccResult =
  | { ok: true; code: string }
  | {
      ok: false;
      /** What is wrong, for a program: the length, a character outside the alphabet, a non-digit in 3–8, or the check character. */
      problem: UsccProblem;
      /** 1-based position of the character at fault (for `character`, `division` and `check`). */
      position?: number;
      /** For `check`: the check character the first 17 characters as given would need. */
      expected?: string;
      /** In words a developer (or the person typing it) can act on; never repeats the whole code. */
      reason: string;
    };

/**
 * The code as it should be compared: NFKC (so full-width ９１３５… and ＡＢＣ become ASCII, as an input method
 * may type them), surrounding white space removed (U+3000 included), upper case. Nothing else is changed:
 * spaces or hyphens inside are not guessed away, and neither is a letter O typed for 0.
 */
export function normaliseUscc(input: string): string {
  return input.normalize('NFKC').trim().toUpperCase();
}

/** The check character of the first 17 characters (which must all be in the alphabet). */
export function usccCheckCharacter(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += VALUE.get(first17[i]!)! * USCC_WEIGHTS[i]!;
  return USCC_ALPHABET[(31 - (sum % 31)) % 31]!;
}

const HINT: Record<string, string> = {
  I: ' (the letter I is never used: is it the digit 1?)',
  O: ' (the letter O is never used: is it the digit 0?)',
};

/** Normalises `input` and checks it as a GB 32100-2015 unified social credit code. */
export function validateUscc(input: string): UsccResult {
  const code = normaliseUscc(input);
  // By code point, so that a position named in a reason is the character a person sees.
  const chars = Array.from(code);
  if (chars.length !== 18) {
    return {
      ok: false,
      problem: 'length',
      reason: `Must be the 18-character unified social credit code (统一社会信用代码), without spaces or hyphens; this is ${chars.length} character${chars.length === 1 ? '' : 's'} long`,
    };
  }
  for (let i = 0; i < 18; i++) {
    const ch = chars[i]!;
    if (!VALUE.has(ch)) {
      return {
        ok: false,
        problem: 'character',
        position: i + 1,
        reason: `Character ${i + 1} (${JSON.stringify(ch)}) cannot be in a unified social credit code: only digits and capital letters other than I, O, Z, S and V${HINT[ch] ?? ''}`,
      };
    }
    if (i >= 2 && i <= 7 && !(ch >= '0' && ch <= '9')) {
      return {
        ok: false,
        problem: 'division',
        position: i + 1,
        reason: `Characters 3–8 are the administrative division code and must be digits; character ${i + 1} is ${JSON.stringify(ch)}`,
      };
    }
  }
  const expected = usccCheckCharacter(code);
  if (code[17] !== expected) {
    return {
      ok: false,
      problem: 'check',
      position: 18,
      expected,
      reason: `The check character (the 18th) does not match: for the first 17 characters as given it would be ${expected}, so one of the 18 characters is probably mistyped; please compare the code with the business licence`,
    };
  }
  return { ok: true, code };
}
