/**
 * Deadlines of the south-glos policy (South Gloucestershire Safeguarding Adults Board), counted
 * in the `england-and-wales` calendar: cumulative "within N working days" of the outset of the
 * concern (the raise), N = 1, 2, 3, 5, so stage N is due on D0 + N. No overall limit is encoded.
 * A case may start above stage 1 where an adult is at risk of immediate harm.
 *
 * Every expected date below was worked out by hand from policies/calendars/england-and-wales.yaml
 * and POLICIES.md "Counting working days". 17:00 Europe/London is 17:00Z in winter and 16:00Z in
 * summer time (2020: 29 Mar-25 Oct; 2022: 27 Mar-30 Oct; 2023: 26 Mar-29 Oct; 2026: 29 Mar-25 Oct;
 * 2027: 28 Mar-31 Oct).
 *
 * England and Wales holidays used: 2020-05-08 (Early May moved from Mon 4 May, a working day in
 * 2020); 2022-06-02/03 (jubilee), 2022-09-19 (state funeral); 2023-05-08 (coronation);
 * 2026-04-03/06 Easter, 2026-12-25 Fri, 2026-12-28 Mon (Boxing Day substitute); 2027-01-01 Fri,
 * 2027-03-26/29 Easter.
 */
import { join } from 'node:path';
import { overallDeadline } from '../../src/deadline/overall-deadline';
import { previewDeadlines } from '../../src/deadline/preview-deadlines';
import { reminderAt } from '../../src/deadline/reminder-at';
import { stageDeadline, type StageDeadline } from '../../src/deadline/stage-deadline';
import { readPolicyLibrary } from '../../src/files/read-policy-library';
import { calendarOf } from '../../src/library/build-policy-library';
import { expectPreviewAtCalendarEdge } from '../support/calendar-edge';
import { describeQuotesInDocument } from '../support/policy-quotes';

const POLICIES_DIR = join(__dirname, '../../../../policies');
const library = readPolicyLibrary(POLICIES_DIR);
const policy = library.policies.get('south-glos');
if (!policy) throw new Error('policies/south-glos.yaml did not load');
const calendar = calendarOf(library, policy);

/** ISO UTC without milliseconds, e.g. 2026-06-02T16:00:00Z */
const iso = (date: Date): string => date.toISOString().replace('.000Z', 'Z');

// The policy's sentences the rows check (each is checked against the document below).
const OUTSET =
  'From the outset of a concern being considered by any worker it should take no longer than **5 working days** for it to be either **resolved or if not resolved, escalated** to stage 4.';
const STAGE_1 = 'Stage One Within 1 working day';
const STAGE_2 = 'Stage Two Within 2 working days';
const STAGE_3 = 'Stage Three Within 3 working days';
const STAGE_4 = 'Stage Four Within 5 working days';
const START_HIGHER =
  'if an adult is thought to be at risk of immediate harm discretion should be used as to which stage is initiated';
const AGREED = 'Timescales should be agreed if it is not possible to adhere to this timeframe.';

interface ExpectedStage {
  stage: number;
  startDate: string;
  dueDate: string;
  dueAt: string;
}

interface PreviewRow {
  name: string;
  policy: string;
  raisedAt: string;
  startStage?: number;
  expected: ExpectedStage[];
}

/** the stages of a preview: cumulative, so every stage's clock starts on the raise's D0 */
function stages(d0: string, due: Record<number, string>, dueAtTime: string): ExpectedStage[] {
  return Object.entries(due).map(([stage, dueDate]) => ({
    stage: Number(stage),
    startDate: d0,
    dueDate,
    dueAt: `${dueDate}T${dueAtTime}Z`,
  }));
}

const previewRows: PreviewRow[] = [
  {
    name: 'plain week: raised Mon 1 Jun 2026 10:00 BST',
    policy: OUTSET,
    raisedAt: '2026-06-01T10:00:00+01:00',
    // D0 Mon 1; +1 Tue 2; +2 Wed 3; +3 Thu 4; +5 Mon 8
    expected: stages(
      '2026-06-01',
      { 1: '2026-06-02', 2: '2026-06-03', 3: '2026-06-04', 4: '2026-06-08' },
      '16:00:00',
    ),
  },
  {
    name: 'raised at exactly 17:00:00 BST Mon 1 Jun 2026 counts as Monday',
    policy: STAGE_1,
    raisedAt: '2026-06-01T17:00:00+01:00',
    expected: stages(
      '2026-06-01',
      { 1: '2026-06-02', 2: '2026-06-03', 3: '2026-06-04', 4: '2026-06-08' },
      '16:00:00',
    ),
  },
  {
    name: 'raised at 17:00:01 BST Mon 1 Jun 2026 (after close of business) starts Tuesday',
    policy: STAGE_1,
    raisedAt: '2026-06-01T17:00:01+01:00',
    // D0 Tue 2; +1 Wed 3; +2 Thu 4; +3 Fri 5; +5 Tue 9
    expected: stages(
      '2026-06-02',
      { 1: '2026-06-03', 2: '2026-06-04', 3: '2026-06-05', 4: '2026-06-09' },
      '16:00:00',
    ),
  },
  {
    name: 'raised on Sat 6 Jun 2026 starts Monday',
    policy: STAGE_1,
    raisedAt: '2026-06-06T11:00:00+01:00',
    // D0 Mon 8; +1 Tue 9; +2 Wed 10; +3 Thu 11; +5 Mon 15
    expected: stages(
      '2026-06-08',
      { 1: '2026-06-09', 2: '2026-06-10', 3: '2026-06-11', 4: '2026-06-15' },
      '16:00:00',
    ),
  },
  {
    name: 'Christmas and New Year: raised Wed 23 Dec 2026 10:00 GMT',
    policy: OUTSET,
    raisedAt: '2026-12-23T10:00:00Z',
    // D0 Wed 23; +1 Thu 24; +2 Tue 29 (25 Fri holiday, 26-27 weekend, 28 Mon Boxing Day substitute);
    // +3 Wed 30; +4 Thu 31; +5 Mon 4 Jan (1 Jan Fri holiday, 2-3 weekend)
    expected: stages(
      '2026-12-23',
      { 1: '2026-12-24', 2: '2026-12-29', 3: '2026-12-30', 4: '2027-01-04' },
      '17:00:00',
    ),
  },
  {
    name: 'Easter 2026: raised Thu 2 Apr 2026 10:00 BST',
    policy: OUTSET,
    raisedAt: '2026-04-02T10:00:00+01:00',
    // D0 Thu 2; +1 Tue 7 (3 Good Friday, 4-5 weekend, 6 Easter Monday); +2 Wed 8; +3 Thu 9; +4 Fri 10; +5 Mon 13
    expected: stages(
      '2026-04-02',
      { 1: '2026-04-07', 2: '2026-04-08', 3: '2026-04-09', 4: '2026-04-13' },
      '16:00:00',
    ),
  },
  {
    name: 'Easter 2027, raised in GMT and due in BST: raised Thu 25 Mar 2027 10:00 GMT',
    policy: OUTSET,
    raisedAt: '2027-03-25T10:00:00Z',
    // D0 Thu 25; +1 Tue 30 (26 Good Friday, 27-28 weekend, 29 Easter Monday); +2 Wed 31; +3 Thu 1 Apr;
    // +4 Fri 2; +5 Mon 5
    expected: stages(
      '2027-03-25',
      { 1: '2027-03-30', 2: '2027-03-31', 3: '2027-04-01', 4: '2027-04-05' },
      '16:00:00',
    ),
  },
  {
    name: 'one-off day: state funeral Mon 19 Sep 2022: raised Fri 16 Sep 2022 10:00 BST',
    policy: OUTSET,
    raisedAt: '2022-09-16T10:00:00+01:00',
    // D0 Fri 16; +1 Tue 20 (19 funeral); +2 Wed 21; +3 Thu 22; +4 Fri 23; +5 Mon 26
    expected: stages(
      '2022-09-16',
      { 1: '2022-09-20', 2: '2022-09-21', 3: '2022-09-22', 4: '2022-09-26' },
      '16:00:00',
    ),
  },
  {
    name: 'one-off days: jubilee Thu 2 and Fri 3 Jun 2022: raised Wed 1 Jun 2022 10:00 BST',
    policy: OUTSET,
    raisedAt: '2022-06-01T10:00:00+01:00',
    // D0 Wed 1; +1 Mon 6 (2, 3 holidays, 4-5 weekend); +2 Tue 7; +3 Wed 8; +4 Thu 9; +5 Fri 10
    expected: stages(
      '2022-06-01',
      { 1: '2022-06-06', 2: '2022-06-07', 3: '2022-06-08', 4: '2022-06-10' },
      '16:00:00',
    ),
  },
  {
    name: 'one-off day: coronation Mon 8 May 2023: raised Thu 4 May 2023 10:00 BST',
    policy: OUTSET,
    raisedAt: '2023-05-04T10:00:00+01:00',
    // D0 Thu 4; +1 Fri 5; +2 Tue 9 (8 coronation); +3 Wed 10; +4 Thu 11; +5 Fri 12
    expected: stages(
      '2023-05-04',
      { 1: '2023-05-05', 2: '2023-05-09', 3: '2023-05-10', 4: '2023-05-12' },
      '16:00:00',
    ),
  },
  {
    name: 'one-off day: Early May moved to Fri 8 May 2020 (Mon 4 May a working day): raised Fri 1 May 2020 10:00 BST',
    policy: OUTSET,
    raisedAt: '2020-05-01T10:00:00+01:00',
    // D0 Fri 1; +1 Mon 4; +2 Tue 5; +3 Wed 6; +4 Thu 7; +5 Mon 11 (8 holiday, 9-10 weekend)
    expected: stages(
      '2020-05-01',
      { 1: '2020-05-04', 2: '2020-05-05', 3: '2020-05-06', 4: '2020-05-11' },
      '16:00:00',
    ),
  },
  {
    name: 'start at stage 3 (immediate harm): raised Mon 1 Jun 2026 10:00 BST, stages 3 and 4 only',
    policy: START_HIGHER,
    raisedAt: '2026-06-01T10:00:00+01:00',
    startStage: 3,
    // still counted from the raise: D0 Mon 1; +3 Thu 4; +5 Mon 8
    expected: stages('2026-06-01', { 3: '2026-06-04', 4: '2026-06-08' }, '16:00:00'),
  },
  {
    name: 'start at stage 4 over Christmas: raised Wed 23 Dec 2026 10:00 GMT',
    policy: START_HIGHER,
    raisedAt: '2026-12-23T10:00:00Z',
    startStage: 4,
    expected: stages('2026-12-23', { 4: '2027-01-04' }, '17:00:00'),
  },
];

describe('south-glos: previewDeadlines (cumulative "within N working days" of the outset)', () => {
  test.each(previewRows)('$name', ({ raisedAt, startStage, expected }) => {
    const previews = previewDeadlines(policy, calendar, new Date(raisedAt), startStage);
    expect(
      previews.map((p) => ({
        stage: p.stage,
        startDate: p.deadline?.startDate,
        dueDate: p.deadline?.dueDate,
        dueAt: p.deadline ? iso(p.deadline.dueAt) : null,
      })),
    ).toEqual(expected);
    expect(iso(previews[0]!.startsAt!)).toBe(iso(new Date(raisedAt)));
    previews.forEach((p, i) => {
      if (i > 0) expect(p.startsAt).toEqual(previews[i - 1]!.deadline!.dueAt);
      expect(p.deadline?.basis).toBe('cumulative');
      expect(p.deadline?.policyDueDate).toBe(p.deadline?.dueDate);
    });
    expect(previews.map((p) => p.deadline?.workingDays)).toEqual(
      [1, 2, 3, 5].slice((startStage ?? 1) - 1),
    );
  });

  test("each preview row carries the policy's own words for the stage timescale", () => {
    const previews = previewDeadlines(policy, calendar, new Date('2026-06-01T10:00:00+01:00'));
    expect(previews.map((p) => p.source)).toEqual([STAGE_1, STAGE_2, STAGE_3, STAGE_4]);
  });
});

describe('south-glos: overallDeadline', () => {
  test('no overall limit is encoded (stage 4 "Within 5 working days" is the whole process): null', () => {
    expect(overallDeadline(policy, calendar, new Date('2026-06-01T10:00:00+01:00'))).toBeNull();
  });
});

interface StageRow {
  name: string;
  policy: string;
  stage: number;
  raisedAt: string;
  startedAt: string;
  extensions?: { dueDate: string }[];
  /** overdueOnEntry is false unless the row says otherwise */
  expected: Omit<StageDeadline, 'dueAt' | 'overdueOnEntry'> & {
    dueAt: string;
    overdueOnEntry?: boolean;
  };
}

const RAISED = '2026-06-01T10:00:00+01:00'; // Mon 1 Jun 2026: +1 Tue 2, +2 Wed 3, +3 Thu 4, +5 Mon 8

const stageRows: StageRow[] = [
  {
    name: 'stage 3 entered early (Mon 1 Jun 12:00): due within 3 working days of the outset, Thu 4',
    policy: STAGE_3,
    stage: 3,
    raisedAt: RAISED,
    startedAt: '2026-06-01T12:00:00+01:00',
    expected: {
      stage: 3,
      startDate: '2026-06-01',
      policyDueDate: '2026-06-04',
      dueDate: '2026-06-04',
      dueAt: '2026-06-04T16:00:00Z',
      workingDays: 3,
      basis: 'cumulative',
    },
  },
  {
    name: 'stage 4 entered late (Fri 5 Jun, after stage 3 was due): still due Mon 8, 5 working days from the outset',
    policy: OUTSET,
    stage: 4,
    raisedAt: RAISED,
    startedAt: '2026-06-05T10:00:00+01:00',
    expected: {
      stage: 4,
      startDate: '2026-06-01',
      policyDueDate: '2026-06-08',
      dueDate: '2026-06-08',
      dueAt: '2026-06-08T16:00:00Z',
      workingDays: 5,
      basis: 'cumulative',
    },
  },
  {
    name: 'raised straight at stage 3 on Sat 6 Jun 2026 (immediate harm): D0 Mon 8, due Thu 11',
    policy: START_HIGHER,
    stage: 3,
    raisedAt: '2026-06-06T10:00:00+01:00',
    startedAt: '2026-06-06T10:00:00+01:00',
    // D0 Mon 8; +1 Tue 9; +2 Wed 10; +3 Thu 11
    expected: {
      stage: 3,
      startDate: '2026-06-08',
      policyDueDate: '2026-06-11',
      dueDate: '2026-06-11',
      dueAt: '2026-06-11T16:00:00Z',
      workingDays: 3,
      basis: 'cumulative',
    },
  },
  {
    name: 'stage 2 entered on its due date before close of business (Wed 3 Jun 10:00, a day late for stage 1): due at 17:00 that day',
    policy: STAGE_2,
    stage: 2,
    raisedAt: RAISED,
    startedAt: '2026-06-03T10:00:00+01:00',
    expected: {
      stage: 2,
      startDate: '2026-06-01',
      policyDueDate: '2026-06-03',
      dueDate: '2026-06-03',
      dueAt: '2026-06-03T16:00:00Z',
      workingDays: 2,
      basis: 'cumulative',
    },
  },
  {
    name: 'stage 2 entered at its own due instant (Wed 3 Jun 17:00:00): due then, not yet overdue',
    policy: STAGE_2,
    stage: 2,
    raisedAt: RAISED,
    startedAt: '2026-06-03T17:00:00+01:00',
    expected: {
      stage: 2,
      startDate: '2026-06-01',
      policyDueDate: '2026-06-03',
      dueDate: '2026-06-03',
      dueAt: '2026-06-03T16:00:00Z',
      workingDays: 2,
      basis: 'cumulative',
    },
  },
  {
    name: 'stage 3 entered a day late (Fri 5 Jun 10:00, due Thu 4): overdue on entry, the date does not move',
    policy: STAGE_3,
    stage: 3,
    raisedAt: RAISED,
    startedAt: '2026-06-05T10:00:00+01:00',
    expected: {
      stage: 3,
      startDate: '2026-06-01',
      policyDueDate: '2026-06-04',
      dueDate: '2026-06-04',
      dueAt: '2026-06-04T16:00:00Z',
      workingDays: 3,
      basis: 'cumulative',
      overdueOnEntry: true,
    },
  },
  {
    name: 'stage 4 entered after its due instant (Mon 8 Jun 17:30): the 5-working-day ceiling has passed, overdue on entry',
    policy: OUTSET,
    stage: 4,
    raisedAt: RAISED,
    startedAt: '2026-06-08T17:30:00+01:00',
    expected: {
      stage: 4,
      startDate: '2026-06-01',
      policyDueDate: '2026-06-08',
      dueDate: '2026-06-08',
      dueAt: '2026-06-08T16:00:00Z',
      workingDays: 5,
      basis: 'cumulative',
      overdueOnEntry: true,
    },
  },
  {
    name: 'stage 3 entered Thu 24 Dec 2026 (before its due Wed 30 Dec) keeps the cumulative date',
    policy: STAGE_3,
    stage: 3,
    raisedAt: '2026-12-23T10:00:00Z',
    startedAt: '2026-12-24T12:00:00Z',
    expected: {
      stage: 3,
      startDate: '2026-12-23',
      policyDueDate: '2026-12-30',
      dueDate: '2026-12-30',
      dueAt: '2026-12-30T17:00:00Z',
      workingDays: 3,
      basis: 'cumulative',
    },
  },
  {
    name: 'extension: an agreed timescale for stage 4 replaces Mon 8 Jun, which stays on record',
    policy: AGREED,
    stage: 4,
    raisedAt: RAISED,
    startedAt: '2026-06-04T17:00:00+01:00',
    extensions: [{ dueDate: '2026-06-12' }],
    expected: {
      stage: 4,
      startDate: '2026-06-01',
      policyDueDate: '2026-06-08',
      dueDate: '2026-06-12',
      dueAt: '2026-06-12T16:00:00Z',
      workingDays: 5,
      basis: 'extension',
    },
  },
  {
    name: 'extensions: the latest agreed one (last in the list) is in force',
    policy: AGREED,
    stage: 4,
    raisedAt: RAISED,
    startedAt: '2026-06-04T17:00:00+01:00',
    extensions: [{ dueDate: '2026-06-10' }, { dueDate: '2026-06-15' }],
    expected: {
      stage: 4,
      startDate: '2026-06-01',
      policyDueDate: '2026-06-08',
      dueDate: '2026-06-15',
      dueAt: '2026-06-15T16:00:00Z',
      workingDays: 5,
      basis: 'extension',
    },
  },
];

describe('south-glos: stageDeadline (cumulative from the outset of the concern)', () => {
  test.each(stageRows)('$name', ({ stage, raisedAt, startedAt, extensions, expected }) => {
    const deadline = stageDeadline(policy, calendar, {
      stage,
      raisedAt: new Date(raisedAt),
      startedAt: new Date(startedAt),
      ...(extensions ? { extensions } : {}),
    });
    expect(deadline).not.toBeNull();
    expect(deadline ? { ...deadline, dueAt: iso(deadline.dueAt) } : null).toEqual({
      overdueOnEntry: false,
      ...expected,
    });
  });
});

interface ReminderRow {
  name: string;
  policy: string;
  dueDate: string;
  startedAt: string;
  expected: string | null;
}

const reminderRows: ReminderRow[] = [
  {
    name: 'stage 1 raised Mon 1 Jun 2026 10:00, due Tue 2: Mon 09:00 came before the start, no reminder',
    policy: STAGE_1,
    dueDate: '2026-06-02',
    startedAt: '2026-06-01T10:00:00+01:00',
    expected: null,
  },
  {
    name: 'stage 2 due Wed 3 Jun 2026: reminder Tue 2 Jun 09:00 BST',
    policy: STAGE_2,
    dueDate: '2026-06-03',
    startedAt: '2026-06-01T10:00:00+01:00',
    expected: '2026-06-02T08:00:00Z',
  },
  {
    name: 'stage 1 raised Wed 23 Dec 2026 10:00, due Thu 24: Wed 09:00 came before the start, no reminder',
    policy: STAGE_1,
    dueDate: '2026-12-24',
    startedAt: '2026-12-23T10:00:00Z',
    expected: null,
  },
  {
    name: 'stage 2 due Tue 29 Dec 2026: reminder Thu 24 Dec 09:00 GMT (25, 26-27, 28 substitute)',
    policy: STAGE_2,
    dueDate: '2026-12-29',
    startedAt: '2026-12-23T10:00:00Z',
    expected: '2026-12-24T09:00:00Z',
  },
  {
    name: 'stage 4 due Mon 4 Jan 2027: reminder Thu 31 Dec 09:00 GMT (1 Jan holiday)',
    policy: STAGE_4,
    dueDate: '2027-01-04',
    startedAt: '2026-12-30T17:00:00Z',
    expected: '2026-12-31T09:00:00Z',
  },
  {
    name: 'stage 1 due Tue 7 Apr 2026: reminder Thu 2 Apr 09:00 BST (Good Friday, Easter Monday)',
    policy: STAGE_1,
    dueDate: '2026-04-07',
    startedAt: '2026-04-01T18:00:00+01:00',
    expected: '2026-04-02T08:00:00Z',
  },
];

describe('south-glos: reminderAt (09:00 local one working day before the due date)', () => {
  test.each(reminderRows)('$name', ({ dueDate, startedAt, expected }) => {
    const at = reminderAt(calendar, dueDate, new Date(startedAt));
    expect(at ? iso(at) : null).toBe(expected);
  });
});

describe('south-glos: errors', () => {
  test.each([
    {
      name: 'raised in 2017 (before the england-and-wales calendar)',
      raisedAt: '2017-12-29T10:00:00Z',
    },
    {
      name: 'raised in 2031 (after the england-and-wales calendar)',
      raisedAt: '2031-01-06T10:00:00Z',
    },
    // D0 Mon 30 Dec 2030; +1 Tue 31; +2 would be in 2031
    {
      name: 'raised Mon 30 Dec 2030: stage 2 would fall in 2031',
      raisedAt: '2030-12-30T10:00:00Z',
    },
  ])(
    'previewDeadlines $name: before the calendar it refuses, naming the file; past its end the stages beyond say which year to add',
    ({ raisedAt }) => {
      expectPreviewAtCalendarEdge(policy, calendar, 'england-and-wales', raisedAt);
    },
  );

  test.each([
    { name: 'raised in 2017', raisedAt: '2017-06-01T10:00:00+01:00' },
    { name: 'raised in 2031', raisedAt: '2031-06-02T10:00:00+01:00' },
  ])('stageDeadline $name names the calendar file to update', ({ raisedAt }) => {
    const at = new Date(raisedAt);
    expect(() =>
      stageDeadline(policy, calendar, { stage: 3, raisedAt: at, startedAt: at }),
    ).toThrow('policies/calendars/england-and-wales.yaml');
  });

  test.each([0, 5, 3.5])('previewDeadlines with start stage %p throws', (startStage) => {
    expect(() => previewDeadlines(policy, calendar, new Date(RAISED), startStage)).toThrow(
      RangeError,
    );
  });

  test.each([0, 5])('stageDeadline for stage %p throws', (stage) => {
    const at = new Date(RAISED);
    expect(() => stageDeadline(policy, calendar, { stage, raisedAt: at, startedAt: at })).toThrow(
      RangeError,
    );
  });
});

describeQuotesInDocument(
  'south-glos',
  [...previewRows, ...stageRows, ...reminderRows].map((row) => row.policy),
);
