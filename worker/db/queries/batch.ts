import { getTableColumns, is, Placeholder, SQL, sql } from 'drizzle-orm';
import { getTableConfig, SQLiteAsyncDialect, type SQLiteTable } from 'drizzle-orm/sqlite-core';
import type { Db } from '../client.ts';

/** A statement of a write batch: a drizzle query builder, or raw SQL with bound parameters. */
export type Statement = SQL | { toSQL(): { sql: string; params: unknown[] } };

/** Bytes of JSON per statement: one bound parameter, well under D1's 1 MB limit for a value. */
const MAX_JSON_BYTES = 500_000;

/**
 * INSERTs of `rows` that bind each chunk as one JSON parameter
 * (`INSERT … SELECT … FROM json_each(?)`). However many rows and columns,
 * no statement comes near D1's 100 bound parameters, and an import of a
 * whole notice is a handful of statements, not one per row: a Worker
 * invocation may run only 50 (Free) or 1,000 (Paid) queries. With `onlyIf`,
 * the rows are inserted only if that condition holds when the statement runs
 * (in its batch, after the statements before it).
 */
export function jsonInsert<T extends SQLiteTable>(table: T, rows: T['$inferInsert'][], onlyIf?: SQL): SQL[] {
  if (rows.length === 0) return [];
  const columns = Object.entries(getTableColumns(table)).filter(([key]) =>
    rows.some((r) => (r as Record<string, unknown>)[key] !== undefined),
  );
  const tuples = rows.map((r) =>
    columns.map(([key, column]) => {
      const value = (r as Record<string, unknown>)[key];
      return value === undefined || value === null ? null : column.mapToDriverValue(value);
    }),
  );
  const names = sql.raw(columns.map(([, c]) => `"${c.name}"`).join(', '));
  const extracts = sql.raw(columns.map((_, i) => `json_extract(value, '$[${i}]')`).join(', '));
  const statements: SQL[] = [];
  let chunk: unknown[][] = [];
  let bytes = 0;
  const flush = () => {
    if (!chunk.length) return;
    const where = onlyIf ? sql` WHERE ${onlyIf}` : sql``;
    const insert: SQL = sql`INSERT INTO ${sql.raw(`"${getTableConfig(table).name}"`)} (${names}) SELECT ${extracts} FROM json_each(${JSON.stringify(chunk)})${where}`;
    statements.push(insert);
    chunk = [];
    bytes = 0;
  };
  for (const tuple of tuples) {
    const size = JSON.stringify(tuple).length * 3;
    if (bytes + size > MAX_JSON_BYTES) flush();
    chunk.push(tuple);
    bytes += size;
  }
  flush();
  return statements;
}

const dialect = new SQLiteAsyncDialect();

/**
 * Runs statements as one D1 batch: one transaction, all or nothing. Built
 * here rather than by drizzle's batch(), which cannot bind the parameters of raw SQL.
 */
export async function runBatch(db: Db, statements: Statement[]): Promise<void> {
  await batchResults(db, statements);
}

/** runBatch, giving each statement's result (an UPDATE's `meta.changes`, say). */
export async function batchResults(db: Db, statements: Statement[]): Promise<D1Result[]> {
  if (statements.length === 0) return [];
  const client = db.$client;
  return client.batch(
    statements.map((s) => {
      const query = is(s, SQL) ? dialect.sqlToQuery(s) : s.toSQL();
      return client.prepare(query.sql).bind(...query.params);
    }),
  );
}

/** A statement built once: its SQL, and what to bind to each of its numbered parameters. */
export interface Compiled {
  sql: string;
  /** Per parameter, the name of the value to bind (a sql.placeholder), or `{ value }` for a value fixed when built. */
  params: (string | { value: unknown })[];
}

/** A string literal or quoted name (kept as written), a comment or a run of white space (each one space), or a `?`. */
const SQL_TOKEN = /'(?:[^']|'')*'|"(?:[^"]|"")*"|(?:\s|--[^\n]*|\/\*[\s\S]*?\*\/)+|\?/g;

/**
 * Builds `query` once, at module load, for a write on the hot path: running it then costs no query building.
 * Each named placeholder is bound once, as `?N` (SQLite's numbered parameter), however often the statement uses
 * it, and runs of white space become one space: every request sends D1 fewer values and less text to parse.
 */
export function compile(query: SQL): Compiled {
  const built = dialect.sqlToQuery(query);
  const params: Compiled['params'] = [];
  const numberOf = new Map<string, number>();
  let next = 0;
  const text = built.sql.replace(SQL_TOKEN, (token) => {
    // A comment goes with the white space: collapsing lines would otherwise let a `--` swallow the rest of the statement.
    if (token !== '?') return /^(\s|--|\/\*)/.test(token) ? ' ' : token;
    const param = built.params[next++];
    if (!is(param, Placeholder)) return `?${params.push({ value: param })}`;
    let n = numberOf.get(param.name);
    if (n === undefined) {
      n = params.push(param.name);
      numberOf.set(param.name, n);
    }
    return `?${n}`;
  });
  return { sql: text.trim(), params };
}

/** The values to bind to a compiled statement, in order; a placeholder without a value is a bug, not a NULL. */
export function valuesFor(compiled: Compiled, values: Record<string, unknown>): unknown[] {
  return compiled.params.map((param) => {
    if (typeof param !== 'string') return param.value;
    const value = values[param];
    if (value === undefined) throw new Error(`No value for the placeholder "${param}"`);
    return value;
  });
}

/** Runs compiled statements with their values as one D1 batch: one transaction, all or nothing. */
export async function runCompiledBatch(db: Db, statements: [Compiled, Record<string, unknown>][]): Promise<void> {
  const client = db.$client;
  await client.batch(statements.map(([compiled, values]) => client.prepare(compiled.sql).bind(...valuesFor(compiled, values))));
}
