import { drizzle } from 'drizzle-orm/d1';

/**
 * A drizzle client on the D1 binding (or a session of it). Created per
 * request, so it is kept cheap: no relational schema to build, since every
 * query is written with the query builder against the tables in schema.ts.
 */
export function createDb(d1: D1Database) {
  return drizzle(d1);
}

export type Db = ReturnType<typeof createDb>;
