import { type Placeholder, type SQL, sql } from 'drizzle-orm';
import type { Db } from './client.ts';
import { type Compiled, compile, valuesFor } from './queries/batch.ts';

/*
 * Statements built once per shape and isolate, then only bound. Building a read of a page of towns with drizzle's
 * query builder took 0.6 ms of the worker's CPU per request (measured in workerd, 2026-11-26), about as much as
 * SQLite spends answering it; a read's SQL depends only on which filters it has, never on their values, so it is
 * compiled the first time a shape is seen and the values are bound from then on. Values go in as placeholders, so
 * no value can ever reach the text, and a value missing at bind time throws rather than binding null.
 */

const statements = new Map<string, Compiled>();
/** Shapes are few (which filters a read has, its sort); the bound only guards against a client that enumerates them. */
const MAX_SHAPES = 1000;

/** `values` with a placeholder in place of each value (a key that can hold none stays undefined). */
export type Placeholders<T> = { [K in keyof T]: [NonNullable<T[K]>] extends [never] ? undefined : Placeholder | undefined };

/** A placeholder for each value that is given, named after its key; absent values stay absent (they change the shape). */
export function placeholders<T extends object>(values: T): Placeholders<T> {
  const out: Record<string, Placeholder> = {};
  for (const [name, value] of Object.entries(values)) if (value !== undefined) out[name] = sql.placeholder(name);
  return out as Placeholders<T>;
}

/** The key of a statement's shape: its name, what else changes its text, and which values it binds. */
export function shapeOf(name: string, values: object, ...more: (string | number | boolean)[]): string {
  const given = Object.entries(values)
    .filter(([, v]) => v !== undefined)
    .map(([k]) => k);
  return [name, ...more, given.join(',')].join('|');
}

/**
 * The first row of the statement of `shape`: `build` (which must bind nothing but placeholders of `values`) runs
 * the first time the shape is seen in this isolate; every time, the values are bound to the compiled text.
 */
export async function firstRow<T>(db: Db, shape: string, build: () => SQL, values: object): Promise<T | null> {
  let statement = statements.get(shape);
  if (!statement) {
    statement = compile(build());
    if (statements.size >= MAX_SHAPES) statements.clear();
    statements.set(shape, statement);
  }
  return db.$client
    .prepare(statement.sql)
    .bind(...valuesFor(statement, values as Record<string, unknown>))
    .first<T>();
}
