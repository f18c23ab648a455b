import { eq } from 'drizzle-orm';
import type { Executor } from '../database';
import { settings } from '../schema';

export class SettingsRepository {
  /** The stored value, or `make()` stored now; concurrent first starts agree on one value. */
  async getOrCreate(executor: Executor, key: string, make: () => string): Promise<string> {
    await executor
      .insert(settings)
      .values({ key, value: make() })
      .onConflictDoNothing({ target: settings.key });
    const [row] = await executor.select().from(settings).where(eq(settings.key, key));
    return row!.value;
  }
}
