import type { CaseChange } from '../case-change';
import type { Rationale } from '../case-state';
import { refuse } from '../refusal';

/** A missed deadline REASON can explain: a stage's, or a timed step's inside it. */
interface Missed {
  stage: number;
  at: string;
  dueDate: string;
  rationale: Rationale | undefined;
  keep(rationale: Rationale): void;
  /** the step's id and title; absent for a stage's own deadline */
  step?: { id: string; title: string };
}

/**
 * REASON: the documented rationale for a missed deadline, kept on the breach it explains
 * (the latest one still without a rationale, a stage's or a timed step's such as NEL's
 * Chair's recommendation) and forwarded to the partnership, as islands asks: "The
 * mitigating reasons must also be provided to the ... business support manager".
 */
export function recordRationale(change: CaseChange, text: string): void {
  const { policy } = change.context;
  const missed = missedDeadlines(change);
  const target = missed.filter((m) => !m.rationale).at(-1) ?? missed.at(-1);
  if (!target) {
    refuse(
      'nothing-breached',
      'No deadline on this case has been missed, so there is nothing to explain. Use NOTE to add a note.',
    );
  }
  target.keep({ text, by: change.actor.id, at: change.now });
  const about = {
    dueDate: target.dueDate,
    ...(target.step ? { step: target.step.id, title: target.step.title } : {}),
  };
  change.event('rationale-recorded', target.stage, { ...about, rationale: text });
  const to = [
    ...new Set([`partnership.${policy.partnershipContact}` as const, ...policy.breach.notify]),
  ];
  change.notice('rationale-forwarded', target.stage, to, { ...about, rationale: text });
  change.confirm(target.stage, { action: 'reason', ...about, text });
}

/** Every breach on the case, stages' and steps', in the order they fell. */
function missedDeadlines(change: CaseChange): Missed[] {
  const { policy } = change.context;
  const missed: Missed[] = [];
  for (const stage of change.state.stages) {
    for (const breach of stage.breaches)
      missed.push({
        stage: stage.number,
        at: breach.at,
        dueDate: breach.dueDate,
        rationale: breach.rationale,
        keep: (rationale) => (breach.rationale = rationale),
      });
    for (const step of stage.steps ?? []) {
      if (!step.breachedAt || !step.dueDate) continue;
      const definition = policy.stages[stage.number - 1]?.steps.find((d) => d.id === step.id);
      missed.push({
        stage: stage.number,
        at: step.breachedAt,
        dueDate: step.dueDate,
        rationale: step.rationale,
        keep: (rationale) => (step.rationale = rationale),
        step: { id: step.id, title: definition?.title ?? step.id },
      });
    }
  }
  // stable: a stage's breach and its step's on the same instant keep the stage's first
  return missed.sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
}
