import type { CaseChange } from '../case-change';
import { sideOfActor } from '../case-sides';
import { currentStage } from '../case-state';
import { refuse } from '../refusal';

/**
 * RECOMMEND: the timed step of the current stage that waits for it is done (NEL stage 5: the
 * Chair's recommendation of the most appropriate way to proceed), on time or late, and the
 * recommendation goes to everyone on the case in writing. It is the word of whoever the
 * step names (the Chair), so it is not taken from either side of the disagreement; the
 * Chair acts as partnership staff or as someone partnership staff brought onto the case.
 */
export function recordRecommendation(
  change: CaseChange,
  recommendation: string,
  reason?: string,
): void {
  const { policy, now } = change.context;
  const stage = currentStage(change.state);
  const definitions = policy.stages[stage.number - 1]?.steps ?? [];
  const waiting = definitions.filter((d) => d.reply === 'RECOMMEND');
  if (waiting.length === 0) {
    const elsewhere = policy.stages.find((s) => s.steps.some((d) => d.reply === 'RECOMMEND'));
    refuse(
      'no-step',
      elsewhere
        ? `RECOMMEND is for stage ${elsewhere.number} (${elsewhere.title}); this case is at stage ${stage.number}. Reply NOTE to put your view on the record.`
        : `${policy.shortTitle} has no step that RECOMMEND records. Reply NOTE to put your view on the record.`,
    );
  }
  const side = sideOfActor(change.state, change.actor);
  if (side !== null) {
    refuse(
      'not-entitled',
      `RECOMMEND records ${waiting[0]!.title.replace(/^The /, 'the ')}, made by ${roleTitle(change, waiting[0]!.who)}; ` +
        `you speak for ${side === 'raising' ? 'the side that raised the disagreement' : 'the other side of the disagreement'}. ` +
        'Reply NOTE to put your view on the record.',
    );
  }
  const open = (stage.steps ?? []).find(
    (step) => !step.completedAt && waiting.some((d) => d.id === step.id),
  );
  if (!open) {
    const done = (stage.steps ?? []).find((step) => step.endedBy === 'reply');
    refuse(
      'already-done',
      `${waiting[0]!.title} was recorded${done?.completedAt ? ` on ${done.completedAt.slice(0, 10)}` : ''}. Reply NOTE to add to it.`,
    );
  }
  const definition = waiting.find((d) => d.id === open.id)!;
  open.completedAt = change.now;
  open.endedBy = 'reply';
  const late = open.dueAt !== null && now.getTime() > Date.parse(open.dueAt);
  change.event('step-done', stage.number, {
    step: open.id,
    title: definition.title,
    text: recommendation,
    dueDate: open.dueDate,
    late,
    ...(reason !== undefined ? { recordedFor: reason } : {}),
  });
  change.confirm(stage.number, {
    action: 'recommend',
    text: recommendation,
    ...(reason !== undefined ? { recordedFor: reason } : {}),
    step: { title: definition.title, dueDate: open.dueDate, late },
  });
}

function roleTitle(change: CaseChange, who: string): string {
  const key = who.startsWith('partnership.') ? who.slice('partnership.'.length) : null;
  const role = change.context.policy.partnershipRoles.find((r) => r.key === key);
  return role ? `the ${role.title}` : who;
}
