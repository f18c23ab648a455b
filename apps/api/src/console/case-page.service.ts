import { Inject, Injectable } from '@nestjs/common';
import { caseCorrespondence } from '@escalations/casework';
import type { Database } from '@escalations/db';
import type { PolicyLibrary } from '@escalations/domain';
import type { Caller } from '../auth/authenticated-request';
import { CaseRecordsService } from '../cases/case-records.service';
import { CasesService } from '../cases/cases.service';
import { CLOCK, DATABASE, POLICY_LIBRARY, type Clock } from '../common/tokens';
import { dateTimeIn, outcomeText, STATUS_TEXT } from './words';

/** The admin's actions, as the reply commands name them, in the order they are usually wanted. */
const ACTIONS = [
  ['escalate', 'Escalate to the next stage (give the reason)'],
  ['resolve', 'Resolved (give the agreed outcome)'],
  ['extend', "Extend this stage's deadline (give the reason)"],
  ['reason', 'Rationale for a missed deadline'],
  ['note', 'Add a note'],
  ['decision', 'Record the decision'],
  ['withdraw', 'Withdraw the escalation (give the reason)'],
  ['agree', 'Agree the proposed outcome'],
] as const;

export type ConsoleAction = (typeof ACTIONS)[number][0];
export const CONSOLE_ACTIONS: readonly string[] = ACTIONS.map(([action]) => action);

/**
 * One case as the console shows it, read through the API's services (the case, its
 * chronology) and casework's correspondence: the route records the read in the access log.
 */
@Injectable()
export class CasePageService {
  constructor(
    @Inject(DATABASE) private readonly db: Database,
    @Inject(POLICY_LIBRARY) private readonly library: PolicyLibrary,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly cases: CasesService,
    private readonly records: CaseRecordsService,
  ) {}

  async view(ref: string, caller: Caller) {
    const { id, body: c } = await this.cases.get(ref, caller);
    const { chronology, zone } = await this.records.chronology(c.ref, caller);
    const correspondence = await caseCorrespondence(this.db, id);
    const policy = this.library.policies.get(c.policy)!;
    const when = (instant: string | null) => (instant ? dateTimeIn(instant, zone) : '');
    const current = c.stages.at(-1);
    const overdue =
      c.status === 'open' && current?.dueAt != null && new Date(current.dueAt) < this.clock();
    const categoryLabel =
      policy.categories.find((category) => category.key === c.category)?.label ?? c.category;
    const row = (key: string, value: string | null | undefined) =>
      value ? [{ key: { text: key }, value: { text: value } }] : [];
    return {
      ref: c.ref,
      context: {
        title: `Case ${c.ref}`,
        section: 'cases',
        c,
        policy: { id: policy.id, partnership: policy.partnership, title: policy.title },
        statusText: STATUS_TEXT[c.status] ?? c.status,
        overdue,
        facts: [
          ...row('Child or adult', c.caseName),
          ...row('Raised', when(c.raisedAt)),
          ...row('Raised by (agency)', c.agency),
          ...row('Disagreeing agency', c.otherAgency),
          ...row('The disagreement', c.disagreement),
          ...row('Category', categoryLabel),
          ...row('Risk', c.risk),
          ...row('Outcome sought', c.outcomeSought),
          ...row('Attempts to resolve so far', c.attemptsSoFar),
          ...row('Overall time limit', c.overallDueDate),
          ...row('Closed', when(c.closedAt)),
          ...row('Outcome', c.closingText),
          ...row('Outstanding', c.outstanding.join('; ')),
          ...row('Proposed outcome awaiting agreement', c.proposal?.text),
        ],
        people: c.participants.map((person) => [
          { text: person.name },
          { text: person.email },
          { text: person.roleTitle ?? person.role },
          { text: person.agency ?? '' },
          { text: String(person.joinedAtStage), format: 'numeric' },
        ]),
        ladder: policy.stages.map((stage) => {
          const record = c.stages.find((s) => s.number === stage.number);
          const state = !record ? 'ahead' : record.completedAt ? 'done' : 'current';
          return {
            number: stage.number,
            title: stage.title,
            whoActs: stage.whoActs,
            state,
            stateText: { ahead: 'not reached', done: 'ended', current: 'current stage' }[state],
            record: record && {
              started: when(record.startedAt),
              enteredBy: record.enteredBy,
              dueDate: record.dueDate,
              policyDueDate: record.policyDueDate,
              beyondCalendar: record.beyondCalendar ?? null,
              completed: when(record.completedAt),
              outcome: outcomeText(record.outcome),
              workingDaysTaken: record.workingDaysTaken,
              extensions: record.extensions,
              breaches: record.breaches,
            },
          };
        }),
        chronology: chronology.entries.map((entry) => [
          { text: when(entry.at) },
          { text: entry.who },
          { text: entry.what },
          { text: entry.stage === null ? '' : String(entry.stage) },
          { text: entry.stageDueDate ?? '' },
        ]),
        messages: correspondence.map((message) => ({ ...message, when: when(message.at) })),
        forms: policy.recordForms.map((form) => ({ id: form.id, title: form.title })),
        actionItems: ACTIONS.filter(([action]) => action !== 'agree' || c.proposal).map(
          ([value, text]) => ({ value, text }),
        ),
      },
    };
  }
}
