import {
  describeBeyondCalendar,
  type CaseState,
  type Notice,
  type PolicyFile,
} from '@escalations/domain';
import type { TemplateName } from '@escalations/email';

const ACTION_TITLES: Record<string, string> = {
  resolve: 'Resolved',
  escalate: 'Escalated',
  extend: 'Timescale extended',
  reason: 'Rationale recorded',
  note: 'Note added',
  withdraw: 'Withdrawn',
  decision: 'Decision recorded',
  add: 'People added',
  propose: 'Outcome proposed',
  agree: 'Outcome agreed',
  learning: 'Learning recorded',
  recommend: 'Recommendation recorded',
};

/** How a confirmation introduces the words the command carried, quoted under it. */
const SAID_LABELS: Record<string, string> = {
  resolve: 'Agreed outcome',
  propose: 'Proposed outcome',
  agree: 'Agreed outcome',
  escalate: 'Reason given',
  extend: 'Reason given',
  reason: 'Rationale',
  note: 'Note',
  withdraw: 'Reason given',
  decision: 'Decision',
  add: 'Why',
  learning: 'Learning',
  recommend: 'Recommendation',
};

export interface NoticeAuthor {
  id: string;
  verified: boolean;
  /** what the sender checks found, when the sender is not verified */
  senderCheck?: string;
  confirmedBy?: 'reply';
  /** what to tell of the message's attachments that were too large to keep */
  attachmentsNotKept?: string;
}

/** The template for each kind of notice. */
export function templateOf(notice: Notice): TemplateName {
  return notice.kind;
}

function stageView(policy: PolicyFile, state: CaseState, number: number) {
  const record = state.stages.find((stage) => stage.number === number);
  const definition = policy.stages[number - 1];
  return {
    number,
    title: definition?.title ?? `Stage ${number}`,
    whoActs: definition?.whoActs ?? '',
    dueDate: record?.dueDate ?? null,
    // past the calendar's end: the year whose holidays the date waits for
    beyondCalendar: record?.beyondCalendar ? describeBeyondCalendar(record.beyondCalendar) : null,
    // timed steps inside the stage (NEL stage 5: the Chair's recommendation), each with its date
    steps: (record?.steps ?? [])
      .filter((step) => step.dueDate !== null)
      .map((step) => ({
        title: definition?.steps.find((d) => d.id === step.id)?.title ?? step.id,
        dueDate: step.dueDate,
        recorded: step.endedBy === 'reply',
        late: step.breachedAt !== null,
      })),
    // the reply an open step waits for, offered in the list of replies
    stepReply:
      (record?.steps ?? [])
        .filter((step) => !step.completedAt)
        .map((step) => definition?.steps.find((d) => d.id === step.id)?.reply)
        .find((reply) => reply !== undefined) ?? null,
  };
}

/** Everything a notice's template may show; the subject gets only the reference and stage. */
export function noticeTemplateData(
  policy: PolicyFile,
  state: CaseState,
  notice: Notice,
  author: NoticeAuthor,
) {
  const current = state.stages.at(-1);
  const category = policy.categories.find((c) => c.key === state.category);
  const action = typeof notice.data['action'] === 'string' ? notice.data['action'] : null;
  const data: Record<string, unknown> = {
    ...notice.data,
    ref: state.ref,
    policy: { id: policy.id, title: policy.title, partnership: policy.partnership },
    case: {
      caseName: state.caseName,
      agency: state.agency,
      otherAgency: state.otherAgency,
      disagreement: state.disagreement,
      categoryLabel: category?.label ?? state.category,
      outcomeSought: state.outcomeSought,
    },
    // Confirmations and reminders speak of where the case is now; stage notices of their stage.
    stage: stageView(
      policy,
      state,
      notice.kind === 'confirmation' ||
        notice.kind === 'acknowledgement' ||
        notice.kind === 'added-to-case'
        ? (current?.number ?? notice.stage)
        : notice.stage,
    ),
    finalStage: (current?.number ?? 0) >= policy.stages.length,
    closed: state.status !== 'open',
    status: state.status,
    actor: author.id,
    verified: author.verified,
    senderCheck: author.senderCheck ?? null,
    confirmedByReply: author.confirmedBy === 'reply',
    attachmentsNotKept: author.attachmentsNotKept ?? null,
    // the services to call at once, as the policy's document prints them
    urgentRoutes: notice.data['urgentGuidance'] ? (policy.urgentGuidance.routes ?? []) : [],
    actionTitle: action ? (ACTION_TITLES[action] ?? action) : null,
    saidLabel: action ? (SAID_LABELS[action] ?? 'Text') : null,
    proposal: action === 'propose',
    // an outcome awaits the raising side's AGREE: the list of replies offers it
    proposalOpen: state.status === 'open' && state.proposal !== null,
  };
  if (notice.kind === 'breach') {
    data['askRationale'] =
      policy.breach.rationaleRequired || policy.breach.rule === 'ask-rationale';
    data['askTimescale'] = policy.breach.rule === 'ask-agreed-timescale';
    data['notifyOnly'] = policy.breach.rule === 'notify';
    if (current && current.number > notice.stage)
      data['escalatedTo'] = stageView(policy, state, current.number);
  }
  return data;
}

export function subjectOf(policy: PolicyFile, state: CaseState, notice: Notice) {
  const action = typeof notice.data['action'] === 'string' ? notice.data['action'] : null;
  const stage =
    notice.kind === 'confirmation' ? (state.stages.at(-1)?.number ?? notice.stage) : notice.stage;
  return {
    ref: state.ref,
    policyTitle: policy.shortTitle,
    stageNumber: stage,
    actionTitle: action ? (ACTION_TITLES[action] ?? action) : '',
  };
}
