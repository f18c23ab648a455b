import { asc, eq } from 'drizzle-orm';
import type { Executor } from '../database';
import { messages } from '../schema';

/** The emails in and out of a case. */
export class MessageRepository {
  /** Everything but the raw bytes, oldest first. */
  async listForCase(executor: Executor, caseId: string) {
    return executor
      .select({
        id: messages.id,
        direction: messages.direction,
        messageId: messages.messageId,
        fromAddress: messages.fromAddress,
        status: messages.status,
        error: messages.error,
        receivedAt: messages.receivedAt,
        processedAt: messages.processedAt,
        sha256: messages.sha256,
      })
      .from(messages)
      .where(eq(messages.caseId, caseId))
      .orderBy(asc(messages.receivedAt));
  }

  async findById(executor: Executor, id: string) {
    const [row] = await executor.select().from(messages).where(eq(messages.id, id));
    return row ?? null;
  }
}
