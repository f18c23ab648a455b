import type { CaseEvent } from '../case/case-event';
import type { CaseState } from '../case/case-state';
import type { PolicyFile } from '../policy/policy.schema';

/** A message in or out, as a chronology lists it (its text only when it was a command). */
export interface ChronologyMessage {
  at: string;
  direction: 'in' | 'out';
  from: string | null;
  to: string[];
  subject: string | null;
  /** escalation, reply, notice, answer, automatic, ... */
  kind: string | null;
  /** the command a reply carried, as written */
  command?: string | null;
  /** mail a machine sent (out-of-office, bounce): what kind, and a bounce's failed addresses */
  automatic?: { kind: string; failedRecipients: string[] } | null;
}

export interface ChronologyEntry {
  /** ISO instant */
  at: string;
  who: string;
  what: string;
  stage: number | null;
  /** the stage's due date in force when this happened */
  stageDueDate: string | null;
  source: 'event' | 'message';
  type: string;
}

export interface Chronology {
  ref: string;
  policyId: string;
  policyTitle: string;
  partnership: string;
  caseName: string;
  disagreement: string;
  status: string;
  entries: ChronologyEntry[];
}

const text = (value: unknown): string => (typeof value === 'string' ? value : '');

/** What happened, in words a chronology keeps: one line of who did what and why. */
export function describeEvent(event: CaseEvent, policy: PolicyFile): string {
  const d = event.data;
  const stageTitle = (n: number) => policy.stages[n - 1]?.title ?? '';
  switch (event.type) {
    case 'case-raised':
      return `Escalation raised at stage ${event.stage}`;
    case 'stage-entered':
      return (
        `Stage ${event.stage} (${stageTitle(event.stage)}) began by ${text(d['enteredBy'])}` +
        (d['dueDate'] ? `; due ${text(d['dueDate'])}` : '') +
        (d['overdueOnEntry'] ? '; overdue on entry' : '') +
        stepsDue(d['steps'])
      );
    case 'escalated':
      return `Escalated to stage ${String(d['to'])}: ${text(d['reason'])}`;
    case 'resolved':
    case 'decided':
    case 'withdrawn': {
      const outstanding = Array.isArray(d['outstanding']) ? (d['outstanding'] as unknown[]) : [];
      return (
        `${event.type[0]?.toUpperCase()}${event.type.slice(1)}: ${text(d['text'])}` +
        outstanding.map((item) => `; outstanding: ${text(item)}`).join('')
      );
    }
    case 'outcome-proposed':
      return `Outcome proposed: ${text(d['text'])}`;
    case 'extended':
      return `Timescale extended from ${text(d['fromDueDate'])} to ${text(d['dueDate'])}: ${text(d['reason'])}`;
    case 'deadline-recomputed':
      return `${d['step'] ? `${text(d['step'])}: d` : 'D'}ue date recounted from ${text(d['fromDueDate'])} to ${text(d['dueDate'])}: ${text(d['reason'])}`;
    case 'rationale-recorded':
      return `Rationale for the missed deadline of ${d['title'] ? `${text(d['title'])}, ` : ''}${text(d['dueDate'])}: ${text(d['rationale'])}`;
    case 'noted':
      return `Note: ${text(d['note'])}`;
    case 'reminder-due':
      return `Reminder: stage ${event.stage} due ${text(d['dueDate'])}`;
    case 'stage-breached':
      return `Stage ${event.stage} timescale breached (due ${text(d['dueDate'])})`;
    case 'overall-limit-breached':
      return `The policy's overall time limit passed`;
    case 'participant-added':
      return `${text(d['name']) || text(d['email'])} joined the case (${text(d['role'])}${d['agency'] ? `, ${text(d['agency'])}` : ''})`;
    case 'form-filled': {
      const fields = Object.entries((d['fields'] as Record<string, unknown>) ?? {});
      return `Record form ${text(d['formId'])} completed: ${fields.map(([label, value]) => `${label}: ${text(value)}`).join('; ')}`;
    }
    case 'learning-recorded':
      return `Learning recorded: ${text(d['learning'])}`;
    case 'step-reminder-due':
      return `Reminder: ${text(d['title'])} due ${text(d['dueDate'])}`;
    case 'step-breached':
      return `${text(d['title'])} not done by its due date (${text(d['dueDate'])})`;
    case 'step-done':
      return (
        `${text(d['title'])} recorded${d['late'] ? ` late (due ${text(d['dueDate'])})` : ''}: ` +
        text(d['text']) +
        (d['recordedFor'] ? ` (recorded on their behalf: ${text(d['recordedFor'])})` : '')
      );
    default:
      return event.type;
  }
}

/** A stage's timed steps as its entry lists them: `; <title> due <date>` each. */
function stepsDue(steps: unknown): string {
  if (!Array.isArray(steps)) return '';
  return steps
    .map((step: Record<string, unknown>) =>
      step['dueDate'] ? `; ${text(step['title'])} due ${text(step['dueDate'])}` : '',
    )
    .join('');
}

/** The stage's due date in force at an instant: the last date set at or before it. */
function dueDateAt(events: readonly CaseEvent[], stage: number, at: string): string | null {
  let due: string | null = null;
  for (const event of events) {
    if (event.at > at || event.stage !== stage) continue;
    if (
      (event.type === 'stage-entered' ||
        event.type === 'extended' ||
        event.type === 'deadline-recomputed') &&
      typeof event.data['dueDate'] === 'string' &&
      !event.data['overall'] &&
      !event.data['step']
    )
      due = event.data['dueDate'];
  }
  return due;
}

/**
 * The case in date order, as UK safeguarding chronologies are kept: when, who, what, the
 * stage and its due date, with every message in and out beside the events.
 */
export function buildChronology(
  state: CaseState,
  policy: PolicyFile,
  events: readonly CaseEvent[],
  messages: readonly ChronologyMessage[],
): Chronology {
  const entries: ChronologyEntry[] = events.map((event) => ({
    at: event.at,
    who: event.actor,
    what: describeEvent(event, policy),
    stage: event.stage,
    stageDueDate: dueDateAt(events, event.stage, event.at),
    source: 'event',
    type: event.type,
  }));
  for (const message of messages) {
    const stage = stageAt(state, message.at);
    entries.push({
      at: message.at,
      who: message.from ?? '',
      what:
        `Message ${message.direction === 'in' ? 'in' : 'out'} (${kindOf(message)}) to ${message.to.join(', ')}: ${message.subject ?? '(no subject)'}` +
        (message.command ? `\n${message.command}` : '') +
        (message.automatic?.kind === 'bounce' && message.automatic.failedRecipients.length > 0
          ? `\nDelivery failed to ${message.automatic.failedRecipients.join(', ')}`
          : ''),
      stage,
      stageDueDate: stage === null ? null : dueDateAt(events, stage, message.at),
      source: 'message',
      type: `message-${message.direction}`,
    });
  }
  entries.sort((a, b) =>
    a.at < b.at ? -1 : a.at > b.at ? 1 : a.source === b.source ? 0 : a.source === 'event' ? -1 : 1,
  );
  return {
    ref: state.ref,
    policyId: policy.id,
    policyTitle: policy.title,
    partnership: policy.partnership,
    caseName: state.caseName,
    disagreement: state.disagreement,
    status: state.status,
    entries,
  };
}

/** automatic mail says which kind: "automatic: auto-reply", "automatic: bounce" */
function kindOf(message: ChronologyMessage): string {
  const kind = message.kind ?? 'unclassified';
  return message.automatic ? `${kind}: ${message.automatic.kind}` : kind;
}

function stageAt(state: CaseState, at: string): number | null {
  let number: number | null = null;
  for (const stage of state.stages) if (stage.startedAt <= at) number = stage.number;
  return number;
}
