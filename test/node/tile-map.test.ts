import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { GRID_COLUMNS, GRID_ROWS, PROVINCE_TILES } from '../../web/components/province-tiles.ts';
import { classes, contrast, englishName, FILLS, fillFor, inkOn, ZERO_FILL } from '../../web/components/tile-map.tsx';

/** The province tile map's fixed parts: the grid against the data's province names, the colour classes and their contrast. */

const provinces = readFileSync(join(import.meta.dirname, '..', '..', 'data', 'provinces.csv'), 'utf8')
  .replace(/^\uFEFF/, '')
  .trim()
  .split('\n')
  .slice(1)
  .map((line) => {
    const [name, , nameEn] = line.split(',');
    return { name: name!, nameEn: nameEn! };
  });

describe('the tile grid', () => {
  it('has one tile for each of the 31 mainland provincial-level divisions, named as the data names them', () => {
    const names = PROVINCE_TILES.map((p) => p.name);
    expect(new Set(names).size).toBe(31);
    expect(names.filter((n) => n.endsWith('省'))).toHaveLength(22);
    expect(names.filter((n) => n.endsWith('自治区'))).toHaveLength(5);
    expect(names.filter((n) => n.endsWith('市'))).toHaveLength(4);
    for (const name of names)
      expect(
        provinces.map((p) => p.name),
        name,
      ).toContain(name);
    // Every place of data/provinces.csv has a tile but the Xinjiang Production and Construction Corps, which is no division.
    expect(provinces.filter((p) => !names.includes(p.name)).map((p) => p.name)).toEqual(['新疆生产建设兵团']);
  });

  it('puts every tile in its own cell of the grid', () => {
    const cells = PROVINCE_TILES.map((p) => `${p.col},${p.row}`);
    expect(new Set(cells).size).toBe(PROVINCE_TILES.length);
    for (const p of PROVINCE_TILES) {
      expect(p.col).toBeGreaterThanOrEqual(0);
      expect(p.col).toBeLessThan(GRID_COLUMNS);
      expect(p.row).toBeGreaterThanOrEqual(0);
      expect(p.row).toBeLessThan(GRID_ROWS);
    }
    // Some neighbours that a reader checks first stay neighbours.
    const at = (name: string) => PROVINCE_TILES.find((p) => p.name === name)!;
    const touching = (a: string, b: string) => Math.max(Math.abs(at(a).col - at(b).col), Math.abs(at(a).row - at(b).row)) === 1;
    for (const [a, b] of [
      ['北京市', '河北省'],
      ['天津市', '河北省'],
      ['上海市', '江苏省'],
      ['浙江省', '上海市'],
      ['广东省', '海南省'],
      ['重庆市', '四川省'],
      ['新疆维吾尔自治区', '西藏自治区'],
      ['黑龙江省', '吉林省'],
    ]) {
      expect(touching(a!, b!), `${a} – ${b}`).toBe(true);
    }
  });

  it("has labels short enough for a tile: three characters in Chinese, nine letters a line in English, matching the data's English names", () => {
    for (const p of PROVINCE_TILES) {
      expect(p.short.length, p.name).toBeLessThanOrEqual(3);
      expect(p.name.startsWith(p.short), p.name).toBe(true);
      expect(p.en.length, p.name).toBeLessThanOrEqual(2);
      for (const line of p.en) expect(line.length, line).toBeLessThanOrEqual(9);
      expect(provinces.find((x) => x.name === p.name)!.nameEn, p.name).toContain(englishName(p));
    }
  });
});

describe('the colour classes', () => {
  it('cover 1…max in at most five contiguous, growing classes, darker for more', () => {
    expect(classes(0)).toEqual([]);
    for (let max = 1; max <= 300; max++) {
      const cs = classes(max);
      expect(cs.length).toBe(Math.min(max, FILLS.length));
      expect(cs[0]!.from).toBe(1);
      expect(cs.at(-1)!.to).toBe(max);
      cs.forEach((c, i) => {
        expect(c.from).toBeLessThanOrEqual(c.to);
        if (i > 0) expect(c.from).toBe(cs[i - 1]!.to + 1);
        if (i > 0)
          expect(FILLS.indexOf(c.fill as (typeof FILLS)[number])).toBeGreaterThan(FILLS.indexOf(cs[i - 1]!.fill as (typeof FILLS)[number]));
      });
      expect(fillFor(0, max)).toBe(ZERO_FILL);
      expect(fillFor(max, max)).toBe(FILLS[FILLS.length - 1]);
      expect(fillFor(1, max)).toBe(cs[0]!.fill);
    }
  });

  it('give every tile text at least 4.5:1 against its fill (WCAG AA), and no fill is the zero style', () => {
    for (const fill of [...FILLS, ZERO_FILL]) expect(contrast(fill, inkOn(fill)), fill).toBeGreaterThanOrEqual(4.5);
    expect(FILLS).not.toContain(ZERO_FILL);
    // The known values of the formula: black on white 21:1, and #767676 on white just above 4.5:1.
    expect(contrast('#000000', '#ffffff')).toBeCloseTo(21, 5);
    expect(contrast('#767676', '#ffffff')).toBeCloseTo(4.54, 2);
  });
});
