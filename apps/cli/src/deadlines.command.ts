import { parseArgs } from 'node:util';
import {
  calendarOf,
  formatTable,
  previewDeadlines,
  type PolicyLibrary,
  type TimescaleKind,
} from '@escalations/domain';
import { parseRaisedAt } from './parse-raised-at';

export const DEADLINES_USAGE = `Usage: npm run -s deadlines -- --policy <id> --raised <when> [--start-stage N] [--json]

Prints every stage's deadline if each stage ran to its limit.
  --policy       the id of a policy in force (npm run policies lists them)
  --raised       when the escalation was raised: 2026-12-23T10:00:00Z, 2026-12-23T10:00
                 (local to the policy's calendar) or 2026-12-23 (read as 09:00 local)
  --start-stage  the stage the case starts at, where the policy allows starting above 1
  --json         machine-readable output`;

export class UsageError extends Error {}

/** The `deadlines` command: returns what to print, or throws a UsageError saying what is wrong. */
export function deadlinesCommand(argv: string[], library: PolicyLibrary): string {
  const { values } = parseArgs({
    args: argv,
    options: {
      policy: { type: 'string' },
      raised: { type: 'string' },
      'start-stage': { type: 'string' },
      json: { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
    strict: true,
  });
  if (values.help) return DEADLINES_USAGE;
  if (!values.policy) throw new UsageError('--policy is required');
  const policy = library.policies.get(values.policy);
  if (!policy) {
    throw new UsageError(
      `unknown policy "${values.policy}"; the policies are: ${[...library.policies.keys()].join(', ')}`,
    );
  }
  if (!values.raised) throw new UsageError('--raised is required');
  const calendar = calendarOf(library, policy);
  let raisedAt: Date;
  try {
    raisedAt = parseRaisedAt(values.raised, calendar.zone);
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const startStage = values['start-stage'] === undefined ? 1 : Number(values['start-stage']);
  if (!Number.isInteger(startStage) || startStage < 1 || startStage > policy.stages.length) {
    throw new UsageError(`--start-stage: ${policy.id} has stages 1 to ${policy.stages.length}`);
  }
  if (startStage > 1 && !policy.startAboveStageOne.allowed) {
    throw new UsageError(`--start-stage: ${policy.id} starts every disagreement at stage 1`);
  }

  const previews = previewDeadlines(policy, calendar, raisedAt, startStage);
  if (values.json) {
    return JSON.stringify(
      previews.map((p) => ({
        stage: p.stage,
        title: p.title,
        whoActs: p.whoActs,
        startsAt: p.startsAt?.toISOString() ?? null,
        startDate: p.deadline?.startDate ?? null,
        dueDate: p.deadline?.dueDate ?? null,
        dueAt: p.deadline?.dueAt.toISOString() ?? null,
        workingDays: p.deadline?.workingDays ?? null,
        ...(p.beyondCalendar ? { beyondCalendar: p.beyondCalendar.message } : {}),
        source: p.source,
      })),
      null,
      2,
    );
  }
  const kind = policy.timescale.kind;
  const rows = previews.map((p) => [
    p.stage,
    p.title,
    truncate(p.whoActs, 48),
    p.deadline?.dueDate ?? p.beyondCalendar?.message ?? '-',
    p.deadline ? `${p.deadline.workingDays}` : '-',
  ]);
  const heading =
    `${policy.title} (${policy.id}), raised ${raisedAt.toISOString()}; working days in the ${calendar.title} calendar, ` +
    `due at close of business (${policy.closeOfBusiness} ${calendar.zone}).\n` +
    `Timescale: ${describeKind(kind)}\n`;
  return `${heading}\n${formatTable(['stage', 'title', 'who', 'due date', 'working days'], rows)}`;
}

export function describeKind(kind: TimescaleKind): string {
  switch (kind) {
    case 'relative-within':
      return 'each stage within N working days of its own start; each stage here starts when the one before runs out';
    case 'cumulative-within':
      return 'each stage within N working days of the raise';
    case 'cumulative-by-working-day':
      return 'each stage by working day N, the raise day being day 1';
    case 'none':
      return 'no fixed timescales (determined locally by the complexity of the issues)';
  }
}

function truncate(text: string, length: number): string {
  const flat = text.replace(/\s+/g, ' ');
  return flat.length <= length ? flat : `${flat.slice(0, length - 1)}…`;
}
