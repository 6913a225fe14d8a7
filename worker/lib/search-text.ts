/**
 * Text as search compares it: NFKC, so that full-width and compatibility forms
 * (`ｃｈａｎｇｇｏｕ`, `Ⅻ`, compatibility ideographs) match their ordinary forms,
 * then lower case. The stored search text and the query are both folded here,
 * so the two sides can never be folded differently.
 */
export function foldForSearch(text: string): string {
  return text.normalize('NFKC').toLowerCase();
}

/**
 * What `q` searches: the name, its compact pinyin and pinyin initials, so that
 * `长沟`, `changgou` and `cgz` all find 长沟镇. The loader computes the
 * syllables with pinyin-pro; the admin API receives them with a new town.
 */
export function searchText(name: string, syllables: string[]): string {
  const folded = syllables.map(foldForSearch);
  return [foldForSearch(name), folded.join(''), folded.map((s) => s.charAt(0)).join('')].join(' ');
}

/** The query as it is looked for in the search text: folded, spaces dropped (so `chang gou` works). */
export function searchNeedle(q: string): string {
  return foldForSearch(q).replace(/\s+/g, '');
}
