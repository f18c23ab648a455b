import type { WorkingDayCalendar } from '../calendar/working-day-calendar';
import type { Participant, CaseState } from '../case/case-state';
import type { PolicyFile } from '../policy/policy.schema';
import type { RecordField } from './filled-form';
import { describeTimeTaken, localDateOf, timeTaken, writtenDate } from './case-dates';

export interface FactContext {
  state: CaseState;
  policy: PolicyFile;
  calendar: WorkingDayCalendar;
}

/**
 * What the case already knows for a form's field, by the field's key in the policy file
 * (the keys are the policies' own, shared where two forms ask the same thing). A field no
 * fact answers is left for a participant to fill with `FORM`.
 */
type Fact = (context: FactContext, field: RecordField) => string | null;

const raisedDate: Fact = ({ state, calendar }) =>
  writtenDate(localDateOf(state.raisedAt, calendar));
const caseName: Fact = ({ state }) => state.caseName;
const disagreement: Fact = ({ state }) => state.disagreement;
const raisingAgency: Fact = ({ state }) => state.agency;
const otherAgency: Fact = ({ state }) => state.otherAgency;
const ref: Fact = ({ state }) => state.ref;

function withRole(role: Participant['role']) {
  return (state: CaseState) => state.participants.find((p) => p.role === role);
}
const raiser = withRole('raiser');
const manager = withRole('manager');
const otherPractitioner = withRole('other-practitioner');
/** the other side's most senior voice so far: whoever of it joined the case last */
function receiving(state: CaseState): Participant | undefined {
  return state.participants.filter((p) => p.side === 'other').at(-1) ?? otherPractitioner(state);
}

function nameOf(person: Participant | undefined): string | null {
  return person ? (person.name ?? person.email) : null;
}

/** name, job role, organisation: as the forms ask for a person */
export function personLine(person: Participant, state: CaseState): string {
  const agency =
    person.agency ??
    (person.side === 'raising' ? state.agency : person.side === 'other' ? state.otherAgency : null);
  return [person.name ?? person.email, person.roleTitle, agency].filter(Boolean).join(', ');
}

const outcome: Fact = ({ state }) => {
  if (state.status === 'open' || !state.closingText) return null;
  const outstanding = state.outstanding.map((item) => `Outstanding: ${item}`);
  return [state.closingText, ...outstanding].join('\n');
};

/** The stage a case was resolved or decided at, as the field's choices write it. */
const stageResolved: Fact = ({ state }, field) => {
  if (state.status !== 'resolved' && state.status !== 'decided') return null;
  const number = state.stages.at(-1)?.number;
  if (number === undefined) return null;
  if (!field.choices) return `Stage ${number}`;
  return field.choices.find((c) => c === String(number) || c === `Stage ${number}`) ?? null;
};

const timeTakenFact: Fact = ({ state, calendar }) =>
  state.closedAt ? describeTimeTaken(timeTaken(state.raisedAt, state.closedAt, calendar)) : null;

/** One line per stage: the NEL form's row per stage, and the dates every chronology keeps. */
export function stageRows({ state, policy, calendar }: FactContext): string[] {
  return state.stages.map((stage) => {
    const title = policy.stages[stage.number - 1]?.title ?? '';
    const parts = [
      `Stage ${stage.number} (${title}): started ${writtenDate(localDateOf(stage.startedAt, calendar))}`,
    ];
    if (stage.dueDate) parts.push(`due ${writtenDate(stage.dueDate)}`);
    if (stage.completedAt)
      parts.push(
        `${stage.outcome ?? 'completed'} ${writtenDate(localDateOf(stage.completedAt, calendar))}`,
      );
    else parts.push('open');
    return parts.join(', ');
  });
}

const attempts: Fact = (context) => {
  const lines = [];
  if (context.state.attemptsSoFar) lines.push(context.state.attemptsSoFar);
  lines.push(...stageRows(context));
  return lines.join('\n');
};

const resolvedOrNextSteps: Fact = ({ state, calendar }) => {
  if (state.closedAt && state.status !== 'open')
    return `${state.status[0]?.toUpperCase()}${state.status.slice(1)} on ${writtenDate(localDateOf(state.closedAt, calendar))}`;
  const current = state.stages.at(-1);
  return current && current.number > 1
    ? `Escalated to stage ${current.number} on ${writtenDate(localDateOf(current.startedAt, calendar))}`
    : null;
};

const currentStageChoice: Fact = ({ state, policy }, field) => {
  const number = state.stages.at(-1)?.number;
  if (number === undefined) return null;
  const written = `Stage ${number}`;
  if (field.choices) return field.choices.includes(written) ? written : null;
  return `${written} (${policy.stages[number - 1]?.title ?? ''})`;
};

const squash = (text: string) =>
  text
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();

function categoryLabel({ state, policy }: FactContext): string {
  return policy.categories.find((c) => c.key === state.category)?.label ?? state.category;
}

/** The case's category as one of the form's tick boxes, or Other. */
const natureOfDifference: Fact = (context, field) => {
  const label = squash(categoryLabel(context));
  const choices = field.choices ?? [];
  const match = choices.find((choice) => label.startsWith(squash(choice)));
  return match ?? (choices.includes('Other') ? 'Other' : null);
};
/** Other (please state): the case's category in the policy's words. */
const natureOfDifferenceOther: Fact = (context) => {
  const ticked = context.policy.recordForms
    .flatMap((form) => form.fields)
    .find((field) => field.key === 'natureOfDifference');
  return ticked && natureOfDifference(context, ticked) === 'Other' ? categoryLabel(context) : null;
};

const withOutcomeSought: Fact = ({ state }) =>
  state.outcomeSought
    ? `${state.disagreement}\nOutcome sought: ${state.outcomeSought}`
    : state.disagreement;

const everyone: Fact = ({ state }) =>
  state.participants
    .filter((p) => p.role !== 'copied')
    .map((p) => personLine(p, state))
    .join('\n');

export const CASE_FACTS: Record<string, Fact> = {
  // who the case is about
  serviceUserName: caseName,
  childOrFamilyName: caseName,
  caseReference: caseName,
  // when and by whom
  dateRaised: raisedDate,
  dateOfInitialEscalation: raisedDate,
  dateRecorded: raisedDate,
  initiatingManagerDate: raisedDate,
  initiatedBy: ({ state }) => {
    const person = raiser(state);
    return person ? personLine(person, state) : null;
  },
  raisedWith: ({ state }) => {
    const person = otherPractitioner(state);
    return person ? personLine(person, state) : state.otherAgency;
  },
  initiatingAgency: raisingAgency,
  escalatedByName: ({ state }) => nameOf(raiser(state)),
  escalatedByJobTitle: ({ state }) => raiser(state)?.roleTitle ?? null,
  escalatedByAgency: raisingAgency,
  escalatedToName: ({ state }) => nameOf(receiving(state)),
  escalatedToJobTitle: ({ state }) => receiving(state)?.roleTitle ?? null,
  escalatedToAgency: otherAgency,
  initiatingManagerName: ({ state }) => nameOf(manager(state) ?? raiser(state)),
  initiatingManagerDesignation: ({ state }) => (manager(state) ?? raiser(state))?.roleTitle ?? null,
  initiatingManagerAgency: raisingAgency,
  receivingManagerName: ({ state }) => nameOf(receiving(state)),
  receivingManagerDesignation: ({ state }) => receiving(state)?.roleTitle ?? null,
  receivingManagerAgency: otherAgency,
  contacts: everyone,
  // what it is about
  areaOfDisagreement: disagreement,
  issueInDispute: disagreement,
  disputeSummary: withOutcomeSought,
  detailsAndOutcomeSought: withOutcomeSought,
  natureOfDifference,
  natureOfDifferenceOther,
  // where it is and how it went
  stage: currentStageChoice,
  stageOfEscalation: currentStageChoice,
  contactType: (_context, field) => (field.choices?.includes('Email') ? 'Email' : null),
  monitoringActivity: attempts,
  discussionSummary: attempts,
  stageCompletionDates: (context) => stageRows(context).join('\n'),
  resolvedOrNextSteps,
  agreedOutcomes: outcome,
  outcomeActions: outcome,
  actionsAndNextSteps: outcome,
  stageResolved,
  timeTakenDays: timeTakenFact,
  // the Professional Challenge Log's ID is the case reference
  challengeLogId: ref,
};
