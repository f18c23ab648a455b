import { and, eq } from 'drizzle-orm';
import { addressKey } from '@escalations/domain';
import type { Executor } from '../database';
import { cases, heldCommands } from '../schema';

export interface CommandToHold {
  token: string;
  caseId: string;
  messageId: string;
  sender: string;
  actor: Record<string, unknown>;
  command: Record<string, unknown>;
  heldAt: Date;
  expiresAt: Date;
}

/** Commands from unverified senders, waiting for the sender to confirm them. */
export class HeldCommandRepository {
  async hold(executor: Executor, held: CommandToHold): Promise<string> {
    const [row] = await executor
      .insert(heldCommands)
      .values({ ...held, sender: addressKey(held.sender) })
      .returning({ id: heldCommands.id });
    return row!.id;
  }

  /** The held command and the reference of its case. */
  async findByToken(executor: Executor, token: string) {
    const [row] = await executor
      .select({ held: heldCommands, ref: cases.ref })
      .from(heldCommands)
      .innerJoin(cases, eq(cases.id, heldCommands.caseId))
      .where(eq(heldCommands.token, token.toLowerCase()));
    return row ? { ...row.held, ref: row.ref } : null;
  }

  /**
   * Marks a held command confirmed, once: false when it was confirmed already (two
   * confirmations racing each other), so the command is applied at most once.
   */
  async markConfirmed(
    executor: Executor,
    id: string,
    confirmedBy: string,
    at: Date,
  ): Promise<boolean> {
    const rows = await executor
      .update(heldCommands)
      .set({ status: 'confirmed', confirmedAt: at, confirmedBy })
      .where(and(eq(heldCommands.id, id), eq(heldCommands.status, 'held')))
      .returning({ id: heldCommands.id });
    return rows.length === 1;
  }
}
