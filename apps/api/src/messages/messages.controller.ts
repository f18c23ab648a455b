import { Controller, Get, Inject, Query } from '@nestjs/common';
import { InboundMessageRepository, type Database } from '@escalations/db';
import { caseData, ReadsCaseData } from '../access-log/reads-case-data';
import { ZodPipe } from '../common/zod.pipe';
import { DATABASE } from '../common/tokens';
import { MessageListQuerySchema, type MessageListQuery } from './messages.dto';

/**
 * Inbound mail by state, for administrators and auditors: above all the messages set aside
 * after their last attempt, which no one else will ever look at. What the audit needs (when,
 * how far it got, why it failed, its case) and none of the sender's words: the raw message
 * is `GET /messages/{id}/raw`.
 */
@Controller('api/v1/messages')
export class MessagesController {
  private readonly inbound = new InboundMessageRepository();

  constructor(@Inject(DATABASE) private readonly db: Database) {}

  @Get()
  @ReadsCaseData()
  async list(@Query(new ZodPipe(MessageListQuerySchema)) query: MessageListQuery) {
    const rows = await this.inbound.listByStatus(this.db, query.status, query.limit);
    return caseData(
      rows.map((row) => row.caseRef),
      {
        messages: rows.map((row) => ({
          id: row.id,
          receivedAt: row.receivedAt.toISOString(),
          status: row.status,
          kind: row.kind,
          attempts: row.attempts,
          error: row.error,
          caseRef: row.caseRef,
        })),
      },
    );
  }
}
