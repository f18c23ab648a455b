import type { CaseState } from '@escalations/domain';
import { and, asc, eq } from 'drizzle-orm';
import type { Executor } from '../database';
import { cases, participants, stages } from '../schema';
import {
  toCaseColumns,
  toCaseState,
  toParticipantColumns,
  toStageColumns,
  type CaseRecord,
} from './case-record';

/** Raised when a write names a version the case no longer has: someone else wrote first. */
export class StaleCaseError extends Error {
  constructor(readonly ref: string) {
    super(`case ${ref} was changed by someone else meanwhile`);
    this.name = 'StaleCaseError';
  }
}

/** Reads and writes the case aggregate: the case row, its participants and its stages. */
export class CaseRepository {
  /** The case, or null. */
  async findByRef(executor: Executor, ref: string): Promise<CaseRecord | null> {
    const [row] = await executor.select().from(cases).where(eq(cases.ref, ref));
    return row ? this.withParts(executor, row) : null;
  }

  /** A case's reference from its id, or null. */
  async refById(executor: Executor, id: string): Promise<string | null> {
    const [row] = await executor.select({ ref: cases.ref }).from(cases).where(eq(cases.id, id));
    return row?.ref ?? null;
  }

  /** A case's reference and policy, for deciding whose a message of it is. */
  async refAndPolicyById(
    executor: Executor,
    id: string,
  ): Promise<{ ref: string; policyId: string } | null> {
    const [row] = await executor
      .select({ ref: cases.ref, policyId: cases.policyId })
      .from(cases)
      .where(eq(cases.id, id));
    return row ?? null;
  }

  /**
   * The case, locked for the rest of the transaction: a second command on the same case
   * waits here and then reads what the first one wrote, never a stale state.
   */
  async lockByRef(executor: Executor, ref: string): Promise<CaseRecord | null> {
    const [row] = await executor.select().from(cases).where(eq(cases.ref, ref)).for('update');
    return row ? this.withParts(executor, row) : null;
  }

  async insert(executor: Executor, state: CaseState): Promise<string> {
    const [row] = await executor
      .insert(cases)
      .values(toCaseColumns(state))
      .returning({ id: cases.id });
    const id = row!.id;
    await executor
      .insert(participants)
      .values(state.participants.map((p, i) => toParticipantColumns(id, p, i)));
    await executor.insert(stages).values(state.stages.map((s) => toStageColumns(id, state, s)));
    return id;
  }

  /**
   * Write the new state over the one read at `previousVersion`. Stages and participants
   * are only ever added or updated, never removed, so upserts keyed by number and address
   * carry every change.
   */
  async update(
    executor: Executor,
    id: string,
    state: CaseState,
    previousVersion: number,
  ): Promise<void> {
    const updated = await executor
      .update(cases)
      .set({ ...toCaseColumns(state), updatedAt: new Date() })
      .where(and(eq(cases.id, id), eq(cases.version, previousVersion)))
      .returning({ id: cases.id });
    if (updated.length === 0) throw new StaleCaseError(state.ref);
    if (state.participants.length > 0) {
      await executor
        .insert(participants)
        .values(state.participants.map((p, i) => toParticipantColumns(id, p, i)))
        .onConflictDoNothing({ target: [participants.caseId, participants.email] });
    }
    for (const stage of state.stages) {
      const columns = toStageColumns(id, state, stage);
      await executor
        .insert(stages)
        .values(columns)
        .onConflictDoUpdate({
          target: [stages.caseId, stages.number],
          set: {
            // a changed calendar fills in or moves the dates of a stage not yet due
            startDate: columns.startDate,
            policyDueDate: columns.policyDueDate,
            beyondCalendar: columns.beyondCalendar,
            dueDate: columns.dueDate,
            dueAt: columns.dueAt,
            extensions: columns.extensions,
            breaches: columns.breaches,
            breached: columns.breached,
            onTime: columns.onTime,
            remindedAt: columns.remindedAt,
            remindAt: columns.remindAt,
            checkAt: columns.checkAt,
            completedAt: columns.completedAt,
            outcome: columns.outcome,
            workingDaysTaken: columns.workingDaysTaken,
            steps: columns.steps,
            stepCheckAt: columns.stepCheckAt,
          },
        });
    }
  }

  private async withParts(executor: Executor, row: typeof cases.$inferSelect): Promise<CaseRecord> {
    const [participantRows, stageRows] = await Promise.all([
      executor
        .select()
        .from(participants)
        .where(eq(participants.caseId, row.id))
        .orderBy(asc(participants.position)),
      executor.select().from(stages).where(eq(stages.caseId, row.id)).orderBy(asc(stages.number)),
    ]);
    return { id: row.id, state: toCaseState(row, participantRows, stageRows) };
  }
}
