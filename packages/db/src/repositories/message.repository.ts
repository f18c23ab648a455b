import { and, asc, eq, sql } from 'drizzle-orm';
import type { Executor } from '../database';
import { attachments, messages, notices, outbox } from '../schema';
import { messageHead } from './message-head';

/** The emails in and out of a case. */
export class MessageRepository {
  /**
   * Everything but the raw bytes, oldest first: the head of each (its header section, for
   * from, to and subject) and, for mail we sent, the kind of notice it was.
   */
  async listForCase(executor: Executor, caseId: string) {
    return executor
      .select({
        head: messageHead(),
        noticeKind: notices.kind,
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
      .leftJoin(outbox, eq(outbox.messageId, messages.id))
      .leftJoin(notices, eq(notices.id, outbox.noticeId))
      .where(eq(messages.caseId, caseId))
      .orderBy(asc(messages.receivedAt), asc(messages.arrival));
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

  /**
   * Machine-sent mail the processor tied to the case (an out-of-office answering our notice,
   * a bounce of mail we sent about it), with the raw bytes to classify, oldest first.
   */
  async automaticForCase(executor: Executor, caseId: string) {
    return executor
      .select({ id: messages.id, receivedAt: messages.receivedAt, raw: messages.raw })
      .from(messages)
      .where(
        and(
          eq(messages.caseId, caseId),
          eq(messages.direction, 'inbound'),
          eq(messages.kind, 'automatic'),
        ),
      )
      .orderBy(asc(messages.receivedAt), asc(messages.arrival));
  }

  async findById(executor: Executor, id: string) {
    const [row] = await executor.select().from(messages).where(eq(messages.id, id));
    return row ?? null;
  }
}
