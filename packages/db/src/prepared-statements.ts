import type { Sql, TransactionSql } from 'postgres';

type AnySql = Sql | TransactionSql;
type Callback = (sql: AnySql) => unknown;

/**
 * The `postgres` driver, every statement prepared once per connection and executed by name
 * after. drizzle asks the driver not to prepare a query it was not given a name for, and the
 * driver then sends each statement with parameters twice (parse and describe, wait, then bind
 * and execute): two round trips, and a parse on the server, for every statement. Prepared,
 * a statement seen before on the connection is one round trip and no parse. The driver keys
 * its statements by their text, so the queries repeated per message share one each; the set
 * is bounded by the shapes of query the code builds, and a pooled connection is replaced
 * within an hour (the driver's `max_lifetime`), its statements with it. A statement whose
 * plan a migration invalidates is prepared again by the driver.
 */
export function preparingEveryStatement<T extends AnySql>(sql: T): T {
  return new Proxy(sql, {
    get(target, key) {
      if (key === 'unsafe') {
        return (query: string, parameters?: unknown[], options?: Record<string, unknown>) =>
          target.unsafe(query, parameters as never, { ...options, prepare: true });
      }
      if (key === 'begin' || key === 'savepoint') {
        const open = Reflect.get(target, key) as (...args: unknown[]) => unknown;
        return (...args: unknown[]) => {
          const callback = args.at(-1) as Callback;
          return open(...args.slice(0, -1), (inner: AnySql) =>
            callback(preparingEveryStatement(inner)),
          );
        };
      }
      return Reflect.get(target, key) as unknown;
    },
  });
}
