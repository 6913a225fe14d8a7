import { describe, expect, it } from 'vitest';
import { decodeCursor, encodeCursor } from '../../worker/db/cursor.ts';

// The keyset cursor on its own, beside the HTTP tests that page through /api/v1/towns, the audit log and the
// suggestions (test/api/towns.test.ts, admin-lists.test.ts, suggestions.test.ts). A cursor is base64url of
// {"s": sort, "k": key}: these pin the exact form, so a change of it is a visible decision (clients hold cursors
// between requests), and show that anything else, however close, decodes to null (the route's 400).

/** base64url, the way a client that forges a cursor would write it (byte by byte: a spread of a long text overflows workerd's stack). */
const forge = (text: string) => {
  let binary = '';
  for (const byte of new TextEncoder().encode(text)) binary += String.fromCharCode(byte);
  return btoa(binary).replaceAll('+', '-').replaceAll('/', '_').replace(/=+$/, '');
};

describe('encodeCursor', () => {
  it('writes the sort and the key as unpadded base64url of a small JSON object', () => {
    expect(encodeCursor('name', ['changgou', 'beijing-changgouzhen'])).toBe(
      'eyJzIjoibmFtZSIsImsiOlsiY2hhbmdnb3UiLCJiZWlqaW5nLWNoYW5nZ291emhlbiJdfQ',
    );
    expect(encodeCursor('id', ['42'])).toBe('eyJzIjoiaWQiLCJrIjpbIjQyIl19');
    expect(atob('eyJzIjoiaWQiLCJrIjpbIjQyIl19')).toBe('{"s":"id","k":["42"]}');
  });

  it('encodes Chinese as UTF-8 and uses the URL-safe alphabet (- and _, never + / or =)', () => {
    const cursor = encodeCursor('province', ['北京市', '长沟镇', 'beijing-changgouzhen']);
    expect(cursor).toBe('eyJzIjoicHJvdmluY2UiLCJrIjpbIuWMl-S6rOW4giIsIumVv-ayn-mVhyIsImJlaWppbmctY2hhbmdnb3V6aGVuIl19');
    expect(encodeCursor('x', ['??>>'])).toBe('eyJzIjoieCIsImsiOlsiPz8-PiJdfQ');
    expect(encodeURIComponent(cursor)).toBe(cursor);
  });
});

describe('decodeCursor', () => {
  it('gives back the key it was made from, for the same sort and key length', () => {
    for (const key of [
      ['42'],
      ['changgou', 'beijing-changgouzhen'],
      ['北京市', '长沟镇', 'beijing-changgouzhen'],
      ['', 'a"b\\c\u0000'],
      ['x'.repeat(10_000)],
    ]) {
      expect(decodeCursor(encodeCursor('sort', key), 'sort', key.length)).toEqual(key);
    }
  });

  it('refuses a cursor of another sort or another key length', () => {
    const cursor = encodeCursor('name', ['changgou', 'beijing-changgouzhen']);
    expect(decodeCursor(cursor, 'province', 2)).toBeNull();
    expect(decodeCursor(cursor, 'name', 1)).toBeNull();
    expect(decodeCursor(cursor, 'name', 3)).toBeNull();
    expect(decodeCursor(cursor, 'Name', 2)).toBeNull();
  });

  it('refuses garbage, other base64 and encoded characters', () => {
    for (const cursor of [
      '',
      'bogus',
      '!!!!',
      'eyJ',
      '%3D%3D',
      encodeURIComponent('{"s":"id","k":["42"]}'),
      '{"s":"id","k":["42"]}',
      'eyJzIjoiaWQiLCJrIjpbIjQyIl19%3D',
      'e',
    ]) {
      expect(decodeCursor(cursor, 'id', 1), cursor).toBeNull();
    }
  });

  it('refuses JSON that is not a cursor of ours', () => {
    for (const text of [
      'null',
      '42',
      '"id"',
      '[]',
      '{}',
      '{"s":"id"}',
      '{"k":["42"]}',
      '{"s":"id","k":"42"}',
      '{"s":"id","k":[42]}',
      '{"s":"id","k":[null]}',
      '{"s":["id"],"k":["42"]}',
      '{"s":"id","k":{"0":"42","length":1}}',
    ]) {
      expect(decodeCursor(forge(text), 'id', 1), text).toBeNull();
    }
    // The same forged form with the right shape is a cursor: the check is on the shape, not on who wrote it.
    expect(decodeCursor(forge('{"s":"id","k":["42"]}'), 'id', 1)).toEqual(['42']);
  });

  it('refuses a tampered cursor: a changed, a cut or a lengthened one', () => {
    const cursor = encodeCursor('id', ['42']);
    expect(decodeCursor(cursor.slice(0, -1), 'id', 1)).toBeNull();
    expect(decodeCursor(cursor.slice(1), 'id', 1)).toBeNull();
    expect(decodeCursor(`${cursor}eyJ9`, 'id', 1)).toBeNull();
    expect(decodeCursor(cursor.replace('aWQ', 'aWR'), 'id', 1)).toBeNull(); // one letter changed: {"s":"idb,"k":…, no longer JSON
  });

  it('refuses a very long cursor without throwing', () => {
    expect(decodeCursor('A'.repeat(1_000_000), 'id', 1)).toBeNull();
    expect(decodeCursor(forge(`{"s":"id","k":[${'"1",'.repeat(50_000)}"1"]}`), 'id', 1)).toBeNull();
  });
});
