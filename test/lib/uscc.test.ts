import { describe, expect, it } from 'vitest';
import { normaliseUscc, USCC_ALPHABET, USCC_WEIGHTS, usccCheckCharacter, validateUscc } from '../../worker/lib/uscc.ts';

/**
 * GB 32100-2015: C18 = 31 − (Σ value(Ci) × Wi mod 31), 31 written 0, Wi = 3^(i−1) mod 31, values in the order
 * 0123456789ABCDEFGHJKLMNPQRTUWXY. The expected check characters below are worked out by hand, term by term,
 * not by the code under test. The codes are made up (except the standard's own printed example).
 */

// value(c) by hand: 0–9 are themselves; A10 B11 C12 D13 E14 F15 G16 H17 J18 K19 L20 M21 N22 P23 Q24 R25 T26 U27 W28 X29 Y30.
const W = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

describe('the algorithm’s constants', () => {
  it('weights are 3^(i−1) mod 31 and the alphabet leaves out I, O, Z, S and V', () => {
    expect(USCC_WEIGHTS).toEqual(W);
    expect(USCC_ALPHABET).toBe('0123456789ABCDEFGHJKLMNPQRTUWXY');
    expect(USCC_ALPHABET).toHaveLength(31);
    for (const left of 'IOZSV') expect(USCC_ALPHABET).not.toContain(left);
  });
});

describe('check characters computed by hand', () => {
  it('91350100M000100Y4 → 3 (the example printed in the standard)', () => {
    // 9×1 + 1×3 + 3×9 + 5×27 + 0×19 + 1×26 + 0×16 + 0×17 + M21×20 + 0×29 + 0×25 + 0×13 + 1×8 + 0×24 + 0×10 + Y30×30 + 4×28
    // = 9 + 3 + 27 + 135 + 0 + 26 + 0 + 0 + 420 + 0 + 0 + 0 + 8 + 0 + 0 + 900 + 112 = 1640
    // 1640 mod 31 = 1640 − 52×31 (1612) = 28;  31 − 28 = 3 → "3"
    const sum = 9 + 3 + 27 + 135 + 0 + 26 + 0 + 0 + 420 + 0 + 0 + 0 + 8 + 0 + 0 + 900 + 112;
    expect(sum).toBe(1640);
    expect(sum % 31).toBe(28);
    expect(usccCheckCharacter('91350100M000100Y4')).toBe('3');
    expect(validateUscc('91350100M000100Y43')).toEqual({ ok: true, code: '91350100M000100Y43' });
  });

  it('91110108EXAMP1E00 → Y (value 30): the example of the API document', () => {
    // 9×1 + 1×3 + 1×9 + 1×27 + 0×19 + 1×26 + 0×16 + 8×17 + E14×20 + X29×29 + A10×25 + M21×13 + P23×8 + 1×24 + E14×10 + 0×30 + 0×28
    // = 9 + 3 + 9 + 27 + 0 + 26 + 0 + 136 + 280 + 841 + 250 + 273 + 184 + 24 + 140 + 0 + 0 = 2202
    // 2202 mod 31 = 2202 − 71×31 (2201) = 1;  31 − 1 = 30 → "Y"
    const sum = 9 + 3 + 9 + 27 + 0 + 26 + 0 + 136 + 280 + 841 + 250 + 273 + 184 + 24 + 140 + 0 + 0;
    expect(sum).toBe(2202);
    expect(sum % 31).toBe(1);
    expect(USCC_ALPHABET[31 - 1]).toBe('Y');
    expect(validateUscc('91110108EXAMP1E00Y')).toEqual({ ok: true, code: '91110108EXAMP1E00Y' });
  });

  it('Y1110000DEMP00003 → 0: a sum divisible by 31 gives 31, written 0', () => {
    // Y30×1 + 1×3 + 1×9 + 1×27 + 0×19 + 0×26 + 0×16 + 0×17 + D13×20 + E14×29 + M21×25 + P23×13 + 0×8 + 0×24 + 0×10 + 0×30 + 3×28
    // = 30 + 3 + 9 + 27 + 260 + 406 + 525 + 299 + 84 = 1643 = 53×31, so mod 31 = 0;  31 − 0 = 31 → written "0"
    const sum = 30 + 3 + 9 + 27 + 0 + 0 + 0 + 0 + 260 + 406 + 525 + 299 + 0 + 0 + 0 + 0 + 84;
    expect(sum).toBe(1643);
    expect(sum % 31).toBe(0);
    expect(validateUscc('Y1110000DEMP000030').ok).toBe(true);
    // The naive 31 − 0 = 31 is not a character: nothing but 0 is accepted.
    for (const other of USCC_ALPHABET.slice(1)) expect(validateUscc(`Y1110000DEMP00003${other}`).ok).toBe(false);
  });

  it('52330102MJ0000001 → X (a 民办非企业单位, category 2 of 民政 5)', () => {
    // 5×1 + 2×3 + 3×9 + 3×27 + 0×19 + 1×26 + 0×16 + 2×17 + M21×20 + J18×29 + 0 … + 1×28
    // = 5 + 6 + 27 + 81 + 26 + 34 + 420 + 522 + 28 = 1149;  1149 mod 31 = 1149 − 37×31 (1147) = 2;  31 − 2 = 29 → "X"
    expect(5 + 6 + 27 + 81 + 26 + 34 + 420 + 522 + 28).toBe(1149);
    expect(validateUscc('52330102MJ0000001X').ok).toBe(true);
  });

  it('12100000000000000 → F and 93440300MA5F00071 → B', () => {
    // 1×1 + 2×3 + 1×9 = 16;  16 mod 31 = 16;  31 − 16 = 15 → "F"
    expect(validateUscc('12100000000000000F').ok).toBe(true);
    // 9 + 3×3 + 4×9 + 4×27 + 3×26 + M21×20 + A10×29 + 5×25 + F15×13 + 7×30 + 1×28
    // = 9 + 9 + 36 + 108 + 78 + 420 + 290 + 125 + 195 + 210 + 28 = 1508;  1508 − 48×31 (1488) = 20;  31 − 20 = 11 → "B"
    expect(9 + 9 + 36 + 108 + 78 + 420 + 290 + 125 + 195 + 210 + 28).toBe(1508);
    expect(validateUscc('93440300MA5F00071B').ok).toBe(true);
  });

  it('N2440305123456789 → G (a registration authority assigned after the standard’s Annex A is accepted)', () => {
    // N22×1 + 2×3 + 4×9 + 4×27 + 0 + 3×26 + 0 + 5×17 + 1×20 + 2×29 + 3×25 + 4×13 + 5×8 + 6×24 + 7×10 + 8×30 + 9×28
    // = 22 + 6 + 36 + 108 + 78 + 85 + 20 + 58 + 75 + 52 + 40 + 144 + 70 + 240 + 252 = 1286;  1286 − 41×31 (1271) = 15;  31 − 15 = 16 → "G"
    expect(22 + 6 + 36 + 108 + 78 + 85 + 20 + 58 + 75 + 52 + 40 + 144 + 70 + 240 + 252).toBe(1286);
    expect(validateUscc('N2440305123456789G').ok).toBe(true);
  });
});

const VALID = [
  '91350100M000100Y43',
  '91110108EXAMP1E00Y',
  'Y1110000DEMP000030',
  '52330102MJ0000001X',
  '12100000000000000F',
  '93440300MA5F00071B',
  'N2440305123456789G',
];

describe('normalisation', () => {
  it('trims, folds full-width forms (NFKC) and upper-cases before checking; the code returned is the normal form', () => {
    expect(normaliseUscc('  91110108example1e00y\n')).toBe('91110108EXAMPLE1E00Y');
    expect(validateUscc(' 91110108examp1e00y ')).toEqual({ ok: true, code: '91110108EXAMP1E00Y' });
    // Full-width digits and letters, as a Chinese input method types them, and an ideographic space (U+3000).
    expect(validateUscc('\u3000９１１１０１０８ＥＸＡＭＰ１Ｅ００ｙ')).toEqual({ ok: true, code: '91110108EXAMP1E00Y' });
  });

  it('does not guess: spaces inside and a letter O for a zero are refused', () => {
    expect(validateUscc('9111 0108 EXAMP1E00Y')).toMatchObject({ ok: false, problem: 'length' });
    expect(validateUscc('91110108EXAMP1EO0Y')).toMatchObject({ ok: false, problem: 'character', position: 16 });
  });
});

describe('reasons a developer can act on', () => {
  it('names the length', () => {
    const r = validateUscc('91110108EXAMP1E00');
    expect(r).toMatchObject({ ok: false, problem: 'length' });
    expect(!r.ok && r.reason).toMatch(/18-character.*17 characters long/);
    expect(validateUscc('')).toMatchObject({ ok: false, problem: 'length' });
    expect(!validateUscc('9').ok && (validateUscc('9') as { reason: string }).reason).toMatch(/1 character long$/);
  });

  it('names the position of a character outside the alphabet, with a hint for I and O', () => {
    for (const [code, position, pattern] of [
      ['91I10108EXAMP1E00Y', 3, /Character 3 \("I"\).*digit 1/],
      ['91110108EXAMP1E0OY', 17, /Character 17 \("O"\).*digit 0/],
      ['S1110108EXAMP1E00Y', 1, /Character 1 \("S"\)/],
      ['91110108EXAMP1E00Z', 18, /Character 18 \("Z"\)/],
      ['91110108EXAMP1E0-Y', 17, /Character 17 \("-"\)/],
      ['91110108EXAMP1E0长Y', 17, /Character 17 \("长"\)/],
    ] as const) {
      const r = validateUscc(code);
      expect(r, code).toMatchObject({ ok: false, problem: 'character', position });
      expect(!r.ok && r.reason, code).toMatch(pattern);
    }
  });

  it('counts a character outside the BMP as one, so positions are what a person sees', () => {
    expect(validateUscc('91110108EXAMP1E0𠮷Y')).toMatchObject({ ok: false, problem: 'character', position: 17 });
  });

  it('requires digits in the administrative division code (3–8)', () => {
    const r = validateUscc('9111A108EXAMP1E00Y');
    expect(r).toMatchObject({ ok: false, problem: 'division', position: 5 });
    expect(!r.ok && r.reason).toMatch(/Characters 3–8 .* digits; character 5 is "A"/);
  });

  it('names the check character the first 17 would need, and never repeats the code', () => {
    const r = validateUscc('91110108EXAMP1E00X');
    expect(r).toMatchObject({ ok: false, problem: 'check', position: 18, expected: 'Y' });
    expect(!r.ok && r.reason).toMatch(/check character \(the 18th\).*would be Y/);
    expect(!r.ok && r.reason).not.toContain('91110108EXAMP1E00');
  });
});

/** Every code that differs from `code` in exactly one character of the alphabet. */
function substitutions(code: string): string[] {
  const out: string[] = [];
  for (let i = 0; i < 18; i++) {
    for (const ch of USCC_ALPHABET) if (ch !== code[i]) out.push(code.slice(0, i) + ch + code.slice(i + 1));
  }
  return out;
}

/** Every code with two different characters `gap` apart swapped. */
function transpositions(code: string, gap: number): string[] {
  const out: string[] = [];
  for (let i = 0; i + gap < 18; i++) {
    if (code[i] === code[i + gap]) continue;
    const c = [...code];
    [c[i], c[i + gap]] = [c[i + gap]!, c[i]!];
    out.push(c.join(''));
  }
  return out;
}

describe('what the check catches', () => {
  it.each(VALID)('%s: every single substitution (17 × 30 + 30 = 540) is refused', (code) => {
    const changed = substitutions(code);
    expect(changed).toHaveLength(18 * 30);
    const undetected = changed.filter((c) => validateUscc(c).ok);
    expect(undetected).toEqual([]);
  });

  it.each(VALID)('%s: every transposition of two different adjacent characters is refused, the 17th and 18th included', (code) => {
    const swapped = transpositions(code, 1);
    expect(swapped.length).toBeGreaterThan(0);
    expect(swapped.filter((c) => validateUscc(c).ok)).toEqual([]);
  });

  it('exhaustively: any two different characters a, b side by side at any position, swapped, are refused', () => {
    const DIGITS = '0123456789';
    const undetected: string[] = [];
    let tried = 0;
    for (let i = 0; i < 17; i++) {
      // Positions 3–8 (indexes 2–7) hold digits only.
      const first = i >= 2 && i <= 7 ? DIGITS : USCC_ALPHABET;
      const second = i + 1 >= 2 && i + 1 <= 7 ? DIGITS : USCC_ALPHABET;
      for (const a of first) {
        for (const b of second) {
          if (a === b) continue;
          const body = [...'91110108EXAMP1E00'];
          let code: string;
          if (i < 16) {
            body[i] = a;
            body[i + 1] = b;
            code = body.join('') + usccCheckCharacter(body.join(''));
          } else {
            // 17 ↔ 18: the 18th is the check character, so the pair is (a, check of the rest with a).
            body[16] = a;
            code = body.join('') + usccCheckCharacter(body.join(''));
            if (code[16] === code[17]) continue;
          }
          expect(validateUscc(code).ok).toBe(true);
          const swapped = code.slice(0, i) + code[i + 1] + code[i] + code.slice(i + 2);
          tried++;
          if (validateUscc(swapped).ok) undetected.push(`${i + 1}↔${i + 2}: ${code} → ${swapped}`);
        }
      }
    }
    expect(tried).toBeGreaterThan(10_000);
    expect(undetected).toEqual([]);
  });

  it.each(VALID)('%s: every jump transposition (abc → cba) is refused too', (code) => {
    // (a − b)(Wi − Wi+2) = (a − b) × Wi × (1 − 9) ≢ 0 mod 31 for positions up to 17; 16 ↔ 18 by the same argument as 17 ↔ 18.
    expect(transpositions(code, 2).filter((c) => validateUscc(c).ok)).toEqual([]);
  });

  it('two mistakes can cancel out: mod 31 lets about one double substitution in 31 through', () => {
    // Not a property to rely on, a limit to know: the check is against typos, not a proof that the code exists.
    const code = '91110108EXAMP1E00Y';
    let passed = 0;
    let tried = 0;
    for (const once of substitutions(code).filter((_, k) => k % 37 === 0)) {
      for (const twice of substitutions(once)) {
        if (twice === code) continue;
        tried++;
        if (validateUscc(twice).ok) passed++;
      }
    }
    expect(passed / tried).toBeGreaterThan(0.01);
    expect(passed / tried).toBeLessThan(0.06);
  });
});
