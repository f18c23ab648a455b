import type { Actor } from './case-command';
import type { CaseContext } from './case-context';
import type { CaseEvent, CaseEventType } from './case-event';
import type { CaseState } from './case-state';
import type { Notice, NoticeKind } from './notice';
import type { OverdueOnEntry } from './stage/apply-breach-rule';

/**
 * The working copy one command writes to: a clone of the case, and the events and notices
 * the command produces. The input state is never mutated.
 */
export class CaseChange {
  readonly events: CaseEvent[] = [];
  readonly notices: Notice[] = [];
  /** stages this command entered after their due instant, told in its confirmation */
  readonly overdueOnEntry: OverdueOnEntry[] = [];

  constructor(
    readonly state: CaseState,
    readonly context: CaseContext,
    readonly actor: Actor,
  ) {}

  get now(): string {
    return this.context.now.toISOString();
  }

  event(
    type: CaseEventType,
    stage: number,
    data: Record<string, unknown> = {},
    at = this.now,
  ): void {
    this.events.push({
      type,
      at,
      stage,
      actor: this.actor.id,
      verified: this.actor.verified,
      // The record says how a sender the checks could not verify proved the command theirs.
      data: this.actor.confirmedBy ? { ...data, confirmedBy: this.actor.confirmedBy } : data,
    });
  }

  /**
   * `onceKey` marks a notice that must go at most once for that key (reminders, breaches);
   * the others are keyed by the case version that produced them, so replaying a command
   * that was already stored cannot queue its notices twice.
   */
  notice(
    kind: NoticeKind,
    stage: number,
    to: Notice['to'],
    data: Record<string, unknown> = {},
    onceKey?: string,
  ): void {
    const key = onceKey ?? `${kind}:${stage}:v${this.state.version}:${this.notices.length}`;
    this.notices.push({ kind, stage, to, key, data });
  }

  /** Every accepted command is confirmed to all participants in writing (CONTRACT.md). */
  confirm(stage: number, data: Record<string, unknown>): void {
    const overdue = this.overdueOnEntry.length > 0 ? { overdueOnEntry: this.overdueOnEntry } : {};
    this.notice('confirmation', stage, ['case.participants'], { ...data, ...overdue });
  }
}
