import { Controller, Get, Inject, Query } from '@nestjs/common';
import { messageOwner, readMessageHeadline, type MailSettings } from '@escalations/casework';
import { InboundMessageRepository, type Database } from '@escalations/db';
import type { PolicyLibrary } from '@escalations/domain';
import { caseData, ReadsCaseData } from '../access-log/reads-case-data';
import type { Caller } from '../auth/authenticated-request';
import { CurrentCaller } from '../auth/current-caller';
import { inScope, scopedPolicies } from '../auth/scope';
import { unknownPolicy } from '../cases/cases.service';
import { ZodPipe } from '../common/zod.pipe';
import { DATABASE, MAIL_SETTINGS, POLICY_LIBRARY } from '../common/tokens';
import { MessageListQuerySchema, type MessageListQuery } from './messages.dto';

/** Rows read per query while looking for a page of the caller's own mail. */
const BATCH = 500;
const DAY_MS = 86_400_000;

/**
 * Inbound mail by state, for administrators and auditors: above all the messages set aside
 * after their last attempt, which no one else will ever look at, and the mail that made no
 * case (bad forms, strangers). What the audit needs (when, how far it got, why it failed, its
 * case, whose it is) and none of the sender's words: the raw message is `GET /messages/{id}/raw`.
 * A partnership's key sees its own mail only: its cases', and caseless mail to its mailbox.
 */
@Controller('api/v1/messages')
export class MessagesController {
  private readonly inbound = new InboundMessageRepository();

  constructor(
    @Inject(DATABASE) private readonly db: Database,
    @Inject(POLICY_LIBRARY) private readonly library: PolicyLibrary,
    @Inject(MAIL_SETTINGS) private readonly mail: MailSettings,
  ) {}

  @Get()
  @ReadsCaseData()
  async list(
    @Query(new ZodPipe(MessageListQuerySchema)) query: MessageListQuery,
    @CurrentCaller() caller: Caller,
  ) {
    if (
      query.policy &&
      (!this.library.policies.has(query.policy) || !inScope(caller, query.policy))
    )
      throw unknownPolicy(query.policy, this.library, caller);
    const policies = query.policy ? [query.policy] : scopedPolicies(caller);
    const filters = {
      ...(query.status ? { status: query.status } : {}),
      ...(query.kind ? { kind: query.kind } : {}),
      ...(query.from ? { from: new Date(`${query.from}T00:00:00Z`) } : {}),
      ...(query.to ? { to: new Date(new Date(`${query.to}T00:00:00Z`).getTime() + DAY_MS) } : {}),
      ...(policies ? { policies } : {}),
    };
    const found: (Awaited<ReturnType<InboundMessageRepository['listInbound']>>[number] & {
      policy: string | null;
    })[] = [];
    let after = 0;
    for (;;) {
      const rows = await this.inbound.listInbound(this.db, filters, BATCH, after);
      for (const row of rows) {
        const policy = messageOwner(row, this.library, this.mail.domain);
        if (policies && (policy === null || !policies.includes(policy))) continue;
        found.push({ ...row, policy });
        if (found.length === query.limit) break;
      }
      if (found.length === query.limit || rows.length < BATCH) break;
      after = rows.at(-1)!.arrival;
    }
    const messages = [];
    for (const row of found) {
      messages.push({
        id: row.id,
        receivedAt: row.receivedAt.toISOString(),
        status: row.status,
        kind: row.kind,
        // from, to, subject: read from the message's own header section
        ...(await readMessageHeadline(row.head)),
        attempts: row.attempts,
        error: row.error,
        caseRef: row.caseRef,
        policy: row.policy,
      });
    }
    return caseData(
      found.map((row) => row.caseRef),
      { messages },
    );
  }
}
