import type { CaseChange } from '../case/case-change';
import type { Notice } from '../case/notice';
import { fillRecordForm } from './fill-record-form';
import { formById } from './filled-form';

/** The notices that tell the participants a stage has begun. */
const STAGE_ENTRY_NOTICES = new Set<Notice['kind']>(['acknowledgement', 'confirmation', 'breach']);

/**
 * Once a command has run: where a stage it entered asks for a record form (`records:`) and
 * none of that stage's notices carries it, the notice telling the participants of the stage
 * asks for it; every notice that carries a form (`attach:`) or asks for one gets the form as
 * the case now fills it; and the final stage's entry notices are marked to carry the written
 * account. Done last, so a form shows the case after the command (its stage, outcome, time).
 */
export function recordsInNotices(change: CaseChange): void {
  askForRecords(change);
  const { policy, calendar } = change.context;
  for (const notice of change.notices) {
    const formId =
      typeof notice.data['attach'] === 'string'
        ? notice.data['attach']
        : typeof notice.data['askForm'] === 'string'
          ? notice.data['askForm']
          : notice.kind === 'record-form' && typeof notice.data['formId'] === 'string'
            ? notice.data['formId']
            : null;
    const form = formId ? formById(policy.recordForms, formId) : undefined;
    if (form) notice.data['form'] = fillRecordForm(policy, form, change.state, calendar);
    if (
      notice.kind === 'stage-notice' &&
      notice.data['moment'] === 'enter' &&
      notice.stage === policy.stages.length &&
      notice.stage > 1
    ) {
      notice.data['writtenAccount'] = true;
      notice.data['zone'] = calendar.zone;
    }
  }
}

function askForRecords(change: CaseChange): void {
  const { policy } = change.context;
  const entered = change.events.filter((e) => e.type === 'stage-entered').map((e) => e.stage);
  for (const number of new Set(entered)) {
    const definition = policy.stages[number - 1];
    for (const formId of definition?.records ?? []) {
      if (definition?.notices.some((notice) => notice.attach === formId)) continue;
      const form = formById(policy.recordForms, formId);
      if (!form) continue;
      const told = change.notices.findLast(
        (n) =>
          STAGE_ENTRY_NOTICES.has(n.kind) &&
          n.to.includes('case.participants') &&
          n.data['askForm'] === undefined,
      );
      if (told) {
        told.data['askForm'] = form.id;
        continue;
      }
      change.notice(
        'stage-notice',
        number,
        ['case.participants'],
        {
          moment: 'enter',
          says: `${policy.title} asks for the ${form.title} to be completed at stage ${number}.`,
          attach: null,
          askForm: form.id,
          source: form.source,
        },
        `form-request:${number}:${form.id}`,
      );
    }
  }
}
