import type { CaseEvent } from '@escalations/domain';
import { asc, eq, sql } from 'drizzle-orm';
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
    await this.appendMany(executor, [{ caseId, events: caseEvents }]);
  }

  /** `append` for several cases in one statement, each numbered on from its own last event. */
  async appendMany(
    executor: Executor,
    perCase: readonly { caseId: string; events: readonly CaseEvent[] }[],
  ): Promise<void> {
    const rows = perCase.flatMap(({ caseId, events: caseEvents }) => {
      const last = lastSeq(caseId);
      return caseEvents.map((event, i) => ({
        caseId,
        seq: sql<number>`${last} + ${i + 1}`,
        type: event.type,
        at: new Date(event.at),
        stage: event.stage,
        actor: storableText(event.actor),
        verified: event.verified,
        data: storableJson(event.data),
      }));
    });
    if (rows.length > 0) await executor.insert(events).values(rows);
  }

  async listForCase(executor: Executor, caseId: string) {
    return executor.select().from(events).where(eq(events.caseId, caseId)).orderBy(asc(events.seq));
  }
}

/** The case's last event number as a subquery, 0 when it has none. */
function lastSeq(caseId: string) {
  return sql<number>`(select coalesce(max(${events.seq}), 0) from ${events} where ${events.caseId} = ${caseId})`;
}
