import type { CaseState } from '@escalations/domain';
import { asc, eq, inArray } from 'drizzle-orm';
import type { Executor } from '../database';
import { cases, participants, stages } from '../schema';
import { insertJsonRows, upsertJsonRows } from './json-rows';
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

  /**
   * Several cases, locked for the rest of the transaction, by reference (those that exist).
   * One statement takes every lock, in the order of the rows' ids, so two transactions
   * locking overlapping sets (two scheduler instances) queue one behind the other instead of
   * deadlocking; the parts follow in one statement each.
   */
  async lockManyByRef(
    executor: Executor,
    refs: readonly string[],
  ): Promise<Map<string, CaseRecord>> {
    const found = new Map<string, CaseRecord>();
    if (refs.length === 0) return found;
    const rows = await executor
      .select()
      .from(cases)
      .where(inArray(cases.ref, [...new Set(refs)]))
      .orderBy(asc(cases.id))
      .for('update');
    if (rows.length === 0) return found;
    const ids = rows.map((row) => row.id);
    const [participantRows, stageRows] = await Promise.all([
      executor
        .select()
        .from(participants)
        .where(inArray(participants.caseId, ids))
        .orderBy(asc(participants.caseId), asc(participants.position)),
      executor
        .select()
        .from(stages)
        .where(inArray(stages.caseId, ids))
        .orderBy(asc(stages.caseId), asc(stages.number)),
    ]);
    const partsOf = <T extends { caseId: string }>(list: T[]) => {
      const byCase = new Map<string, T[]>();
      for (const item of list) {
        const own = byCase.get(item.caseId);
        if (own) own.push(item);
        else byCase.set(item.caseId, [item]);
      }
      return byCase;
    };
    const participantsOf = partsOf(participantRows);
    const stagesOf = partsOf(stageRows);
    for (const row of rows) {
      found.set(row.ref, {
        id: row.id,
        state: toCaseState(row, participantsOf.get(row.id) ?? [], stagesOf.get(row.id) ?? []),
      });
    }
    return found;
  }

  /**
   * `update` for several cases this transaction holds locked (`lockManyByRef`), one
   * statement per table: each case's row, the stages that changed and the participants who
   * joined. The lock stands for the version check: nobody else can have written meanwhile.
   */
  async updateLocked(
    executor: Executor,
    changes: readonly { id: string; before: CaseState; after: CaseState }[],
  ): Promise<void> {
    if (changes.length === 0) return;
    const updatedAt = new Date();
    const caseRows = changes.map(({ id, after }) => ({
      id,
      ...toCaseColumns(after),
      updatedAt,
    }));
    const updated = await upsertJsonRows(executor, cases, caseRows, {
      target: ['id'],
      set: Object.keys(caseRows[0]!).filter((key) => key !== 'id'),
      returning: 'id',
    });
    if (updated.length !== changes.length) {
      const written = new Set(updated.map((row) => row['id']));
      const missing = changes.find((change) => !written.has(change.id))!;
      throw new StaleCaseError(missing.after.ref);
    }
    const stageRows = changes.flatMap(({ id, before, after }) => {
      const was = new Map(before.stages.map((stage) => [stage.number, JSON.stringify(stage)]));
      return after.stages
        .filter((stage) => was.get(stage.number) !== JSON.stringify(stage))
        .map((stage) => toStageColumns(id, after, stage));
    });
    if (stageRows.length > 0) {
      // as `update`: how and when a stage started never changes
      const fixed = ['caseId', 'number', 'startedAt', 'enteredBy'];
      await upsertJsonRows(executor, stages, stageRows, {
        target: ['caseId', 'number'],
        set: Object.keys(stageRows[0]!).filter((key) => !fixed.includes(key)),
      });
    }
    const joined = changes.flatMap(({ id, before, after }) => {
      const known = new Set(before.participants.map((p) => p.email));
      return after.participants.flatMap((p, i) =>
        known.has(p.email) ? [] : [toParticipantColumns(id, p, i)],
      );
    });
    if (joined.length > 0) {
      await executor
        .insert(participants)
        .values(joined)
        .onConflictDoNothing({ target: [participants.caseId, participants.email] });
    }
  }

  /**
   * New cases: their rows, participants and stages, each table's rows as one jsonb parameter
   * (`insertJsonRows`), a statement a table whatever their number. Each with the id the caller
   * gave it.
   */
  async insertMany(
    executor: Executor,
    newCases: readonly { id: string; state: CaseState }[],
  ): Promise<void> {
    if (newCases.length === 0) return;
    // the ids are the caller's, so the three statements go together, sent in this order
    await Promise.all([
      insertJsonRows(
        executor,
        cases,
        newCases.map(({ id, state }) => ({ id, ...toCaseColumns(state) })),
        {},
      ),
      insertJsonRows(
        executor,
        participants,
        newCases.flatMap(({ id, state }) =>
          state.participants.map((p, i) => toParticipantColumns(id, p, i)),
        ),
        {},
      ),
      insertJsonRows(
        executor,
        stages,
        newCases.flatMap(({ id, state }) => state.stages.map((s) => toStageColumns(id, state, s))),
        {},
      ),
    ]);
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
