import type { CaseEvent } from '../case/case-event';
import type { CaseState } from '../case/case-state';
import type { PolicyFile } from '../policy/policy.schema';
import { isoDateOf } from '../time/local-date';
import { localMomentOf } from '../time/zoned-time';

const text = (value: unknown): string => (typeof value === 'string' ? value : '');

/**
 * The written account a referral to the final stage carries (islands stage 4, NEL stage 5,
 * kirklees stage 6, chew-stoke stage 5, south-glos stage 4): the disagreement, each stage so
 * far with who acted, its outcome or the reason for escalating, its dates and whether it was
 * on time, the rationales for delays, and the attempts to resolve. Plain text, for the body.
 */
export function writtenAccount(
  state: CaseState,
  policy: PolicyFile,
  events: readonly CaseEvent[],
  /** the case calendar's zone, for local dates; absent: UTC dates */
  zone?: string,
): string {
  const day = (instant: string) =>
    zone ? isoDateOf(localMomentOf(new Date(instant), zone).day) : instant.slice(0, 10);
  const lines: string[] = [
    `Written account of ${state.ref} (${policy.title})`,
    '',
    'The disagreement:',
    indent(state.disagreement),
    `Raised by ${state.agency} with ${state.otherAgency}.`,
  ];
  if (state.outcomeSought) lines.push('Outcome sought:', indent(state.outcomeSought));
  if (state.attemptsSoFar)
    lines.push('Attempts to resolve before it was raised:', indent(state.attemptsSoFar));
  for (const stage of state.stages) {
    const title = policy.stages[stage.number - 1]?.title ?? '';
    const atStage = events.filter((e) => e.stage === stage.number);
    lines.push('', `Stage ${stage.number} (${title})`);
    lines.push(
      `  Began ${day(stage.startedAt)} (${stage.enteredBy})` +
        (stage.dueDate ? `, due ${stage.dueDate}` : ''),
    );
    for (const extension of stage.extensions)
      lines.push(
        `  Extended from ${extension.fromDueDate} to ${extension.dueDate} by ${extension.agreedBy}: ${extension.reason}`,
      );
    const acted = [...new Set(atStage.filter((e) => e.actor !== 'scheduler').map((e) => e.actor))];
    if (acted.length > 0) lines.push(`  Who acted: ${acted.join(', ')}`);
    for (const event of atStage) {
      if (event.type === 'noted')
        lines.push(`  Attempt to resolve (note by ${event.actor}): ${text(event.data['note'])}`);
      if (event.type === 'outcome-proposed')
        lines.push(`  Outcome proposed by ${event.actor}: ${text(event.data['text'])}`);
    }
    if (stage.completedAt) {
      const escalation = atStage.find((e) => e.type === 'escalated');
      lines.push(
        `  Ended ${day(stage.completedAt)}: ${stage.outcome ?? 'completed'}` +
          (escalation
            ? ` by ${escalation.actor}, because: ${text(escalation.data['reason'])}`
            : ''),
      );
      if (stage.enteredBy !== 'raise' && stage.outcome === 'escalated' && !escalation)
        lines.push('  Escalated by the breach rule when its timescale ran out');
    } else lines.push('  Open');
    if (stage.dueAt) {
      const late = stage.breaches.length > 0;
      lines.push(
        late
          ? `  Not on time: its timescale (${stage.breaches.map((b) => b.dueDate).join(', ')}) was breached`
          : stage.completedAt
            ? '  On time'
            : '  Within its timescale so far',
      );
    }
    for (const breach of stage.breaches)
      lines.push(
        breach.rationale
          ? `  Rationale for the delay (${breach.rationale.by}): ${breach.rationale.text}`
          : `  No rationale recorded for the breach of ${breach.dueDate}`,
      );
  }
  return lines.join('\n');
}

function indent(value: string): string {
  return value
    .split('\n')
    .map((line) => `  ${line}`)
    .join('\n');
}
