import type { CaseEvent } from '@escalations/domain';
import { asc, eq, sql } from 'drizzle-orm';
import type { Executor } from '../database';
import { events } from '../schema';
import { storableJson, storableText } from '../storable-text';
import { insertJsonRows } from './json-rows';

/** The append-only audit trail. */
export class EventRepository {
  /** Append after the case's last event, numbering on from it. */
  append(executor: Executor, caseId: string, caseEvents: readonly CaseEvent[]): Promise<void> {
    return this.appendMany(executor, [{ caseId, events: caseEvents }]);
  }

  /** `append` for several cases in one statement, each numbered on from its own last event. */
  async appendMany(
    executor: Executor,
    perCase: readonly { caseId: string; events: readonly CaseEvent[] }[],
  ): Promise<void> {
    const rows = perCase.flatMap(({ caseId, events: caseEvents }) =>
      caseEvents.map((event, i) => ({
        caseId,
        // the event's place after the case's last, numbered by the insert itself
        seq: i + 1,
        type: event.type,
        at: new Date(event.at),
        stage: event.stage,
        actor: storableText(event.actor),
        verified: event.verified,
        data: storableJson(event.data),
      })),
    );
    await insertJsonRows(executor, events, rows, {
      computed: {
        seq: sql`(select coalesce(max(e.seq), 0) from ${events} e where e.case_id = r.case_id) + r.seq`,
      },
    });
  }

  async listForCase(executor: Executor, caseId: string) {
    return executor.select().from(events).where(eq(events.caseId, caseId)).orderBy(asc(events.seq));
  }
}
