import type { CaseEvent } from '@escalations/domain';
import { asc, eq, max } from 'drizzle-orm';
import type { Executor } from '../database';
import { events } from '../schema';
import { storableJson, storableText } from '../storable-text';

/** The append-only audit trail. */
export class EventRepository {
  /** Append after the case's last event, numbering on from it. */
  async append(
    executor: Executor,
    caseId: string,
    caseEvents: readonly CaseEvent[],
  ): Promise<void> {
    if (caseEvents.length === 0) return;
    const [last] = await executor
      .select({ seq: max(events.seq) })
      .from(events)
      .where(eq(events.caseId, caseId));
    const from = (last?.seq ?? 0) + 1;
    await executor.insert(events).values(
      caseEvents.map((event, i) => ({
        caseId,
        seq: from + i,
        type: event.type,
        at: new Date(event.at),
        stage: event.stage,
        actor: storableText(event.actor),
        verified: event.verified,
        data: storableJson(event.data),
      })),
    );
  }

  async listForCase(executor: Executor, caseId: string) {
    return executor.select().from(events).where(eq(events.caseId, caseId)).orderBy(asc(events.seq));
  }
}
