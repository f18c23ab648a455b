import { isSQLWrapper, type SQLWrapper } from 'drizzle-orm';
import { ScheduleRepository, type Database } from '@escalations/db';
import { createTestDatabase } from '@escalations/db/testing';

it('debug', async () => {
  const database = await createTestDatabase('pglite');
  const seen: SQLWrapper[] = [];
  const recording = <T extends object>(target: T): T =>
    new Proxy(target, {
      get(object, property) {
        const value: unknown = Reflect.get(object, property, object);
        if (typeof value !== 'function' || property === 'then') return value;
        return (...args: unknown[]): unknown => {
          const result: unknown = Reflect.apply(value, object, args);
          console.log(String(property), result?.constructor?.name);
          if (typeof result !== 'object' || result === null || result instanceof Promise)
            return result;
          if (isSQLWrapper(result)) seen.push(result);
          return recording(result);
        };
      },
    });
  await new ScheduleRepository().dueStages(recording(database.db as Database), new Date(), 200);
  for (const s of seen) console.log(s.constructor.name);
  await database.destroy();
});
