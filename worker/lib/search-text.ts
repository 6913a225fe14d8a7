/**
 * What `q` searches: the name, its compact pinyin and pinyin initials, so that
 * `长沟`, `changgou` and `cgz` all find 长沟镇. The loader computes the
 * syllables with pinyin-pro; the admin API receives them with a new town.
 */
export function searchText(name: string, syllables: string[]): string {
  return [name.toLowerCase(), syllables.join(''), syllables.map((s) => s[0]).join('')].join(' ');
}
