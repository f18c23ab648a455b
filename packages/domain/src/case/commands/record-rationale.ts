import type { CaseChange } from '../case-change';
import type { Breach, StageRecord } from '../case-state';
import { refuse } from '../refusal';

/**
 * REASON: the documented rationale for a missed deadline, kept on the breach it explains
 * (the latest one still without a rationale) and forwarded to the partnership, as islands
 * asks: "The mitigating reasons must also be provided to the ... business support manager".
 */
export function recordRationale(change: CaseChange, text: string): void {
  const { policy } = change.context;
  const breached = change.state.stages.flatMap((stage) =>
    stage.breaches.map((breach) => ({ stage, breach })),
  );
  const target: { stage: StageRecord; breach: Breach } | undefined =
    breached.filter(({ breach }) => !breach.rationale).at(-1) ?? breached.at(-1);
  if (!target) {
    refuse(
      'nothing-breached',
      'No deadline on this case has been missed, so there is nothing to explain. Use NOTE to add a note.',
    );
  }
  target.breach.rationale = { text, by: change.actor.id, at: change.now };
  change.event('rationale-recorded', target.stage.number, {
    dueDate: target.breach.dueDate,
    rationale: text,
  });
  const to = [
    ...new Set([`partnership.${policy.partnershipContact}` as const, ...policy.breach.notify]),
  ];
  change.notice('rationale-forwarded', target.stage.number, to, {
    dueDate: target.breach.dueDate,
    rationale: text,
  });
  change.confirm(target.stage.number, { action: 'reason', dueDate: target.breach.dueDate, text });
}
