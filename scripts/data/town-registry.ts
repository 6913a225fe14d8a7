import { remarkNote } from './notes.ts';
import { pinyinSlug, pinyinSyllables, searchText, splitQualifier } from './text.ts';
import type { DatasetTown, Row } from './types.ts';

/**
 * One town per place, however many lists name it. A row matches a known town
 * of the same province and name unless both give a city or county and they
 * differ (陕西 has two 汤峪镇, in 蓝田县 and 眉县).
 */
export class TownRegistry {
  readonly towns: DatasetTown[] = [];
  private readonly byKey = new Map<string, DatasetTown[]>();
  private readonly ids = new Set<string>();

  private readonly aliases: Map<string, string>;

  constructor(
    private readonly provinceSlugs: Map<string, string>,
    aliases: Row[],
  ) {
    this.aliases = new Map(aliases.map((a) => [`${a.province}|${a.alias}`, a.canonical!]));
  }

  find(row: Row): DatasetTown | undefined {
    const place = this.place(row);
    return (this.byKey.get(place.key) ?? []).find((t) => compatible(t.county, place.county) && compatible(t.city, place.city));
  }

  findOrCreate(row: Row): DatasetTown {
    const found = this.find(row);
    const place = this.place(row);
    if (found) {
      found.city ??= place.city;
      found.county ??= place.county;
      return found;
    }
    const town: DatasetTown = {
      id: this.newId(place.province, place.county, place.name),
      name: place.name,
      namePinyin: pinyinSyllables(place.name).join(' '),
      searchText: searchText(place.name),
      province: place.province,
      city: place.city,
      county: place.county,
      industry: (row.industry ?? '').trim() || null,
      note: place.note,
      // A place qualifier ("京山县: now 京山市") is English unless it is Chinese already.
      noteZh: remarkNote(place.note).zh,
      // Set once every row is read (town-divisions.ts): a later row may still add the city or county.
      divisionCode: null,
      derivedCity: null,
      derivedCounty: null,
    };
    this.towns.push(town);
    this.byKey.set(place.key, [...(this.byKey.get(place.key) ?? []), town]);
    return town;
  }

  private place(row: Row) {
    const province = (row.province ?? '').trim();
    const written = (row.town ?? '').trim();
    const name = this.aliases.get(`${province}|${written}`) ?? written;
    if (!this.provinceSlugs.has(province)) throw new Error(`unknown province "${province}" for town "${name}"`);
    const city = splitQualifier((row.city ?? '').trim() || null);
    const county = splitQualifier((row.county ?? '').trim() || null);
    const notes = [city, county].filter((p) => p.qualifier).map((p) => `${p.value}: ${p.qualifier}`);
    // "河源市江东新区生命谷小镇" in 河源市 is the same town as "江东新区生命谷小镇" there.
    const bare = city.value && name.startsWith(city.value) && name.length > city.value.length ? name.slice(city.value.length) : name;
    return { province, name, key: `${province}|${bare}`, city: city.value, county: county.value, note: notes.join('; ') || null };
  }

  /** Ids are readable and stable while rows are only added: the first town of a name keeps the short id. */
  private newId(province: string, county: string | null, name: string): string {
    const base = `${this.provinceSlugs.get(province)}-${pinyinSlug(name)}`;
    const candidates = [base, county ? `${this.provinceSlugs.get(province)}-${pinyinSlug(county)}-${pinyinSlug(name)}` : null];
    let id = candidates.find((c): c is string => c !== null && !this.ids.has(c));
    for (let n = 2; !id; n++) if (!this.ids.has(`${base}-${n}`)) id = `${base}-${n}`;
    this.ids.add(id);
    return id;
  }
}

function compatible(a: string | null, b: string | null): boolean {
  return !a || !b || a === b;
}
