import { and, eq, gte, sql } from 'drizzle-orm';
import type { Executor } from '../database';
import { senderAnswers } from '../schema';

/** Answers sent to each sender, counted so a loop with a robot ends quickly. */
export class SenderAnswerRepository {
  async countSince(executor: Executor, address: string, since: Date): Promise<number> {
    const [row] = await executor
      .select({ count: sql<number>`count(*)::int` })
      .from(senderAnswers)
      .where(
        and(eq(senderAnswers.address, address.toLowerCase()), gte(senderAnswers.answeredAt, since)),
      );
    return row?.count ?? 0;
  }

  async record(executor: Executor, address: string, at: Date): Promise<void> {
    await executor.insert(senderAnswers).values({ address: address.toLowerCase(), answeredAt: at });
  }
}
