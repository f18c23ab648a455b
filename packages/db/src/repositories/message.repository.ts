import { asc, eq, sql } from 'drizzle-orm';
import type { Executor } from '../database';
import { attachments, messages } from '../schema';

/** The emails in and out of a case. */
export class MessageRepository {
  /** Everything but the raw bytes, oldest first. */
  async listForCase(executor: Executor, caseId: string) {
    return executor
      .select({
        id: messages.id,
        direction: messages.direction,
        kind: messages.kind,
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

  /** The attachments kept with a case's messages: names, types and sizes, not the bytes. */
  async attachmentsForCase(executor: Executor, caseId: string) {
    return executor
      .select({
        id: attachments.id,
        messageId: attachments.messageId,
        filename: attachments.filename,
        contentType: attachments.contentType,
        size: attachments.size,
        sha256: attachments.sha256,
        kept: sql<boolean>`${attachments.content} is not null`,
      })
      .from(attachments)
      .innerJoin(messages, eq(messages.id, attachments.messageId))
      .where(eq(messages.caseId, caseId))
      .orderBy(asc(attachments.createdAt), asc(attachments.filename));
  }

  async findById(executor: Executor, id: string) {
    const [row] = await executor.select().from(messages).where(eq(messages.id, id));
    return row ?? null;
  }
}
