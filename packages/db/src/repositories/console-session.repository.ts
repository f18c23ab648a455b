import { and, eq, isNull, lt, or } from 'drizzle-orm';
import type { Executor } from '../database';
import { apiKeys, consoleSessions } from '../schema';

/** The console's sessions, each found by the hash of its secret with its key, if still active. */
export class ConsoleSessionRepository {
  async insert(executor: Executor, idHash: string, apiKeyId: string, at: Date): Promise<void> {
    await executor
      .insert(consoleSessions)
      .values({ idHash, apiKeyId, createdAt: at, lastSeenAt: at });
  }

  /** The session and its key; none when the key was revoked since. */
  async findWithActiveKey(executor: Executor, idHash: string) {
    const [row] = await executor
      .select({
        createdAt: consoleSessions.createdAt,
        lastSeenAt: consoleSessions.lastSeenAt,
        key: {
          id: apiKeys.id,
          label: apiKeys.label,
          role: apiKeys.role,
          policies: apiKeys.policies,
        },
      })
      .from(consoleSessions)
      .innerJoin(apiKeys, eq(apiKeys.id, consoleSessions.apiKeyId))
      .where(and(eq(consoleSessions.idHash, idHash), isNull(apiKeys.revokedAt)));
    return row ?? null;
  }

  async touch(executor: Executor, idHash: string, at: Date): Promise<void> {
    await executor
      .update(consoleSessions)
      .set({ lastSeenAt: at })
      .where(eq(consoleSessions.idHash, idHash));
  }

  async delete(executor: Executor, idHash: string): Promise<void> {
    await executor.delete(consoleSessions).where(eq(consoleSessions.idHash, idHash));
  }

  /** Sessions idle since `idleBefore` or made before `createdBefore`: over, whoever held them. */
  async deleteExpired(executor: Executor, idleBefore: Date, createdBefore: Date): Promise<void> {
    await executor
      .delete(consoleSessions)
      .where(
        or(
          lt(consoleSessions.lastSeenAt, idleBefore),
          lt(consoleSessions.createdAt, createdBefore),
        ),
      );
  }
}
