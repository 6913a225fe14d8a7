/**
 * The real D1 binding with every statement of every session passed through `wrap` as it is prepared (with its SQL),
 * and every batch reported to `onBatch`: how a test counts what the worker asked D1, or makes a statement misbehave.
 */
export function d1WithStatements(
  real: D1Database,
  wrap: (statement: D1PreparedStatement, sql: string) => D1PreparedStatement,
  onBatch: () => void = () => {},
): D1Database {
  const session = (target: D1DatabaseSession): D1DatabaseSession =>
    new Proxy(target, {
      get(t, prop) {
        if (prop === 'prepare') return (sql: string) => wrap(t.prepare(sql), sql);
        if (prop === 'batch')
          return (statements: D1PreparedStatement[]) => {
            onBatch();
            return t.batch(statements);
          };
        const value = Reflect.get(t, prop, t);
        return typeof value === 'function' ? value.bind(t) : value;
      },
    });
  return new Proxy(real, {
    get(t, prop) {
      if (prop === 'withSession') return (start?: string) => session(t.withSession(start));
      const value = Reflect.get(t, prop, t);
      return typeof value === 'function' ? value.bind(t) : value;
    },
  });
}
