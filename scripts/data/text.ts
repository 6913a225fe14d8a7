import { pinyin } from 'pinyin-pro';
import { hashHex } from '../../worker/lib/hash.ts';
import { searchText as searchTextOf } from '../../worker/lib/search-text.ts';

/** Empty strings in the CSVs mean "not given". */
export function blank(value: string | undefined): string | null {
  const v = (value ?? '').trim();
  return v === '' ? null : v;
}

/** `source_urls` cells hold several URLs separated by spaces. */
export function splitUrls(value: string | undefined): string[] {
  return (value ?? '').split(/\s+/).filter((u) => /^https?:\/\//.test(u));
}

export function shortHash(value: string, length = 10): string {
  return hashHex(value, length);
}

/** A qualifier in parentheses after a place name, e.g. "围场县 (not stated in source)". */
export function splitQualifier(value: string | null): { value: string | null; qualifier: string | null } {
  if (!value) return { value: null, qualifier: null };
  const m = /^(.*?)\s*[（(]([^()（）]*)[)）]\s*$/.exec(value);
  return m?.[1] ? { value: m[1], qualifier: m[2] ?? null } : { value, qualifier: null };
}

/** Toneless pinyin syllables of a name; Latin letters and digits are kept as words. */
export function pinyinSyllables(name: string): string[] {
  return pinyin(name, { toneType: 'none', type: 'array', nonZh: 'consecutive', v: true })
    .map((s) => s.toLowerCase().replace(/[^a-z0-9]/g, ''))
    .filter(Boolean);
}

/** ASCII slug of a Chinese name: 长沟镇 → changgouzhen. */
export function pinyinSlug(name: string): string {
  return pinyinSyllables(name).join('') || shortHash(name, 8);
}

/** What `q` searches (worker/lib/search-text.ts), from the pinyin of the name. */
export function searchText(name: string): string {
  return searchTextOf(name, pinyinSyllables(name));
}
