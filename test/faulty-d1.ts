export type Fault = 'before-commit' | 'after-commit';

/**
 * The real D1 binding with one fault injected into the next batch that writes
 * what `writes` matches (by default a survey response): D1 refuses it ("overloaded", nothing written), or D1
 * commits it and the connection drops before the worker hears back.
 */
export function faultyD1(real: D1Database, fault: Fault, writes: RegExp = /insert into "responses"/i): D1Database {
  let armed = true;
  const sqlOf = new WeakMap<object, string>();
  const wrapSession = <T extends D1Database | D1DatabaseSession>(db: T): T =>
    new Proxy(db, {
      get(target, prop) {
        if (prop === 'withSession') return (arg?: string) => wrapSession((target as D1Database).withSession(arg));
        if (prop === 'prepare') {
          return (sql: string) => {
            const statement = target.prepare(sql);
            sqlOf.set(statement, sql);
            const bind = statement.bind.bind(statement);
            statement.bind = (...values: unknown[]) => {
              const bound = bind(...values);
              sqlOf.set(bound, sql);
              return bound;
            };
            return statement;
          };
        }
        if (prop === 'batch') {
          return async (statements: D1PreparedStatement[]) => {
            const writesResponse = statements.some((s) => writes.test(sqlOf.get(s) ?? ''));
            if (!armed || !writesResponse) return target.batch(statements);
            armed = false;
            if (fault === 'before-commit') throw new Error('D1_ERROR: D1 DB is overloaded. Requests queued for too long.');
            await target.batch(statements);
            throw new Error('D1_ERROR: Network connection lost.');
          };
        }
        const value = Reflect.get(target, prop);
        return typeof value === 'function' ? value.bind(target) : value;
      },
    });
  return wrapSession(real);
}
