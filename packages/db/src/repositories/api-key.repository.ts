import { and, asc, eq, isNull, sql } from 'drizzle-orm';
import type { Executor } from '../database';
import { apiKeys, type ApiKeyRole } from '../schema';

export type ApiKeyRow = typeof apiKeys.$inferSelect;

export class ApiKeyRepository {
  async insert(
    executor: Executor,
    key: { label: string; role: ApiKeyRole; policies: string[]; prefix: string; hash: string },
  ): Promise<ApiKeyRow> {
    const [row] = await executor.insert(apiKeys).values(key).returning();
    return row!;
  }

  /** Inserts unless a key with this hash exists; for the key named in ADMIN_API_KEY. */
  async ensure(
    executor: Executor,
    key: { label: string; role: ApiKeyRole; policies: string[]; prefix: string; hash: string },
  ): Promise<void> {
    await executor.insert(apiKeys).values(key).onConflictDoNothing({ target: apiKeys.hash });
  }

  async findActiveByHash(executor: Executor, hash: string): Promise<ApiKeyRow | null> {
    const [row] = await executor
      .select()
      .from(apiKeys)
      .where(and(eq(apiKeys.hash, hash), isNull(apiKeys.revokedAt)));
    return row ?? null;
  }

  async list(executor: Executor): Promise<ApiKeyRow[]> {
    return executor.select().from(apiKeys).orderBy(asc(apiKeys.createdAt));
  }

  async countActive(executor: Executor, role?: ApiKeyRole): Promise<number> {
    const [row] = await executor
      .select({ count: sql<number>`count(*)::int` })
      .from(apiKeys)
      .where(and(isNull(apiKeys.revokedAt), role ? eq(apiKeys.role, role) : undefined));
    return row?.count ?? 0;
  }

  async revoke(executor: Executor, id: string, at: Date): Promise<ApiKeyRow | null> {
    const [row] = await executor
      .update(apiKeys)
      .set({ revokedAt: at })
      .where(and(eq(apiKeys.id, id), isNull(apiKeys.revokedAt)))
      .returning();
    return row ?? null;
  }

  async findById(executor: Executor, id: string): Promise<ApiKeyRow | null> {
    const [row] = await executor.select().from(apiKeys).where(eq(apiKeys.id, id));
    return row ?? null;
  }

  async touch(executor: Executor, id: string, at: Date): Promise<void> {
    await executor.update(apiKeys).set({ lastUsedAt: at }).where(eq(apiKeys.id, id));
  }
}
