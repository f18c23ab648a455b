import { and, asc, eq, gte } from 'drizzle-orm';
import { addressKey } from '@escalations/domain';
import type { Executor } from '../database';
import { senderAnswers, type SenderAnswerKind } from '../schema';

export interface SenderAnswer {
  answeredAt: Date;
  kind: SenderAnswerKind;
  digest: string | null;
}

/** Answers sent to each sender, counted so a loop with a robot ends quickly. */
export class SenderAnswerRepository {
  /** The answers sent to the address at or after `since`, oldest first. */
  async since(executor: Executor, address: string, since: Date): Promise<SenderAnswer[]> {
    return executor
      .select({
        answeredAt: senderAnswers.answeredAt,
        kind: senderAnswers.kind,
        digest: senderAnswers.digest,
      })
      .from(senderAnswers)
      .where(
        and(eq(senderAnswers.address, addressKey(address)), gte(senderAnswers.answeredAt, since)),
      )
      .orderBy(asc(senderAnswers.answeredAt), asc(senderAnswers.id));
  }

  async record(
    executor: Executor,
    address: string,
    at: Date,
    answer: { kind?: SenderAnswerKind; digest?: string | null } = {},
  ): Promise<void> {
    await executor.insert(senderAnswers).values({
      address: addressKey(address),
      answeredAt: at,
      kind: answer.kind ?? 'answer',
      digest: answer.digest ?? null,
    });
  }
}
