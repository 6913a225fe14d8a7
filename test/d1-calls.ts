import { env } from 'cloudflare:workers';

/**
 * The D1 binding, recording every statement the worker runs (its SQL, in order) and every batch: how many
 * round trips to D1 a request costs. Sessions are wrapped too, since every request reads through one.
 */
export function recordingD1(calls: string[], real: D1Database = env.DB): D1Database {
  const statement = (target: D1PreparedStatement, sql: string): D1PreparedStatement =>
    new Proxy(target, {
      get(t, prop) {
        if (prop === 'bind') return (...values: unknown[]) => statement(t.bind(...values), sql);
        if (prop === 'all' || prop === 'first' || prop === 'run' || prop === 'raw') {
          const run = Reflect.get(t, prop, t) as (...args: unknown[]) => unknown;
          return (...args: unknown[]) => {
            calls.push(sql);
            return run.apply(t, args);
          };
        }
        const value = Reflect.get(t, prop, t);
        return typeof value === 'function' ? value.bind(t) : value;
      },
    });
  const wrap = <T extends D1Database | D1DatabaseSession>(target: T): T =>
    new Proxy(target, {
      get(t, prop) {
        if (prop === 'withSession') return (start?: string) => wrap((t as D1Database).withSession(start));
        if (prop === 'prepare') return (sql: string) => statement(t.prepare(sql), sql);
        if (prop === 'batch')
          return (statements: D1PreparedStatement[]) => {
            calls.push(`batch of ${statements.length}`);
            return t.batch(statements);
          };
        const value = Reflect.get(t, prop, t);
        return typeof value === 'function' ? value.bind(t) : value;
      },
    });
  return wrap(real);
}
