import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { compile, valuesFor } from '../../worker/db/queries/batch.ts';

describe('compile (a hot-path statement built once)', () => {
  it('binds each named value once as a numbered parameter, fixed values in place', () => {
    const c = compile(sql`SELECT ${sql.placeholder('a')}, ${sql.placeholder('b')}, ${sql.placeholder('a')}, ${7}`);
    expect(c.sql).toBe('SELECT ?1, ?2, ?1, ?3');
    expect(valuesFor(c, { a: 'x', b: 'y' })).toEqual(['x', 'y', 7]);
    expect(() => valuesFor(c, { a: 'x' })).toThrow(/placeholder "b"/);
  });

  it('keeps literals and quoted names whole, and drops comments with the white space they would swallow', () => {
    const c = compile(sql.raw(`SELECT 'a  ?  b', "c  d" -- a comment with ? in it\n  FROM t /* and ? here */ WHERE x = 1`));
    expect(c.sql).toBe(`SELECT 'a  ?  b', "c  d" FROM t WHERE x = 1`);
    expect(c.params).toEqual([]);
  });
});
