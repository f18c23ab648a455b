/**
 * Deadlines of the kirklees policy (Kirklees Safeguarding Children Partnership), counted in the
 * `england-and-wales` calendar: relative, "each step in this process should not exceed 5 working
 * days", six steps, so a preview (each step run to its limit) runs out at D0+5, +10, +15, +20, +25
 * and +30. No overall limit is encoded.
 *
 * Every expected date below was worked out by hand from policies/calendars/england-and-wales.yaml
 * and POLICIES.md "Counting working days" (a step of a preview starts at the previous step's due
 * instant, 17:00 local, which is at close of business and so counts as that day). 17:00
 * Europe/London is 17:00Z in winter and 16:00Z in summer time (2020: 29 Mar-25 Oct; 2022: 27 Mar-
 * 30 Oct; 2023: 26 Mar-29 Oct; 2026: 29 Mar-25 Oct; 2027: 28 Mar-31 Oct).
 *
 * England and Wales holidays used: 2020-05-08 (Early May moved), 2020-05-25; 2022-06-02/03
 * (jubilee), 2022-09-19 (state funeral); 2023-05-08 (coronation), 2023-05-29; 2026-04-03/06
 * Easter, 2026-05-04, 2026-12-25 Fri, 2026-12-28 Mon (Boxing Day substitute); 2027-01-01 Fri,
 * 2027-03-26/29 Easter, 2027-05-03.
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
const policy = library.policies.get('kirklees');
if (!policy) throw new Error('policies/kirklees.yaml did not load');
const calendar = calendarOf(library, policy);

/** ISO UTC without milliseconds, e.g. 2026-06-08T16:00:00Z */
const iso = (date: Date): string => date.toISOString().replace('.000Z', 'Z');

// The policy's sentences the rows check (each is checked against the document below).
const EACH_STEP = 'if escalated each step in this process should not exceed 5 working days.';
const STEP_5 =
  'Refer to Head of Service or equivalent Senior Manager within the service within 5 working days (Stage 5)';

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
  expected: ExpectedStage[];
}

/** the six steps of a preview: each starts on the due date of the one before; dueAt times per step */
function steps(d0: string, due: string[], dueAtTimes: string[]): ExpectedStage[] {
  return due.map((dueDate, i) => ({
    stage: i + 1,
    startDate: i === 0 ? d0 : due[i - 1]!,
    dueDate,
    dueAt: `${dueDate}T${dueAtTimes[i] ?? dueAtTimes[0]}Z`,
  }));
}
const BST = ['16:00:00'];
const GMT = ['17:00:00'];

const previewRows: PreviewRow[] = [
  {
    name: 'plain weeks: raised Mon 1 Jun 2026 10:00 BST',
    policy: EACH_STEP,
    raisedAt: '2026-06-01T10:00:00+01:00',
    // D0 Mon 1; +5 Mon 8; +10 Mon 15; +15 Mon 22; +20 Mon 29; +25 Mon 6 Jul; +30 Mon 13 Jul (no holidays)
    expected: steps(
      '2026-06-01',
      ['2026-06-08', '2026-06-15', '2026-06-22', '2026-06-29', '2026-07-06', '2026-07-13'],
      BST,
    ),
  },
  {
    name: 'raised at exactly 17:00:00 BST Mon 1 Jun 2026 counts as Monday',
    policy: EACH_STEP,
    raisedAt: '2026-06-01T17:00:00+01:00',
    expected: steps(
      '2026-06-01',
      ['2026-06-08', '2026-06-15', '2026-06-22', '2026-06-29', '2026-07-06', '2026-07-13'],
      BST,
    ),
  },
  {
    name: 'raised at 17:00:01 BST Mon 1 Jun 2026 (after close of business) starts Tuesday',
    policy: EACH_STEP,
    raisedAt: '2026-06-01T17:00:01+01:00',
    // D0 Tue 2; +5 Tue 9; +10 Tue 16; +15 Tue 23; +20 Tue 30; +25 Tue 7 Jul; +30 Tue 14 Jul
    expected: steps(
      '2026-06-02',
      ['2026-06-09', '2026-06-16', '2026-06-23', '2026-06-30', '2026-07-07', '2026-07-14'],
      BST,
    ),
  },
  {
    name: 'raised on Sat 6 Jun 2026 starts Monday',
    policy: EACH_STEP,
    raisedAt: '2026-06-06T11:00:00+01:00',
    // D0 Mon 8; +5 Mon 15; +10 Mon 22; +15 Mon 29; +20 Mon 6 Jul; +25 Mon 13 Jul; +30 Mon 20 Jul
    expected: steps(
      '2026-06-08',
      ['2026-06-15', '2026-06-22', '2026-06-29', '2026-07-06', '2026-07-13', '2026-07-20'],
      BST,
    ),
  },
  {
    name: 'Christmas and New Year: raised Wed 23 Dec 2026 10:00 GMT',
    policy: EACH_STEP,
    raisedAt: '2026-12-23T10:00:00Z',
    // D0 Wed 23 Dec; +1 Thu 24; +2 Tue 29 (25 Fri holiday, 26-27 weekend, 28 Mon Boxing Day substitute);
    // +3 Wed 30; +4 Thu 31; +5 Mon 4 Jan (1 Jan Fri holiday); +6 Tue 5 ... +10 Mon 11; +15 Mon 18;
    // +20 Mon 25; +21 Tue 26; +22 Wed 27; +23 Thu 28; +24 Fri 29; +25 Mon 1 Feb; +30 Mon 8 Feb
    expected: steps(
      '2026-12-23',
      ['2027-01-04', '2027-01-11', '2027-01-18', '2027-01-25', '2027-02-01', '2027-02-08'],
      GMT,
    ),
  },
  {
    name: 'Easter 2026 and Early May: raised Thu 2 Apr 2026 10:00 BST',
    policy: EACH_STEP,
    raisedAt: '2026-04-02T10:00:00+01:00',
    // D0 Thu 2; +1 Tue 7 (3 Good Friday, 4-5 weekend, 6 Easter Monday); +2 Wed 8; +3 Thu 9; +4 Fri 10;
    // +5 Mon 13; +10 Mon 20; +15 Mon 27; +16 Tue 28; +17 Wed 29; +18 Thu 30; +19 Fri 1 May;
    // +20 Tue 5 May (Mon 4 Early May); +21 Wed 6; +22 Thu 7; +23 Fri 8; +24 Mon 11; +25 Tue 12;
    // +26 Wed 13; +27 Thu 14; +28 Fri 15; +29 Mon 18; +30 Tue 19
    expected: steps(
      '2026-04-02',
      ['2026-04-13', '2026-04-20', '2026-04-27', '2026-05-05', '2026-05-12', '2026-05-19'],
      BST,
    ),
  },
  {
    name: 'Easter 2027 and Early May 2027: raised Thu 25 Mar 2027 10:00 GMT',
    policy: EACH_STEP,
    raisedAt: '2027-03-25T10:00:00Z',
    // D0 Thu 25; +1 Tue 30 (26 Good Friday, 27-28 weekend, 29 Easter Monday); +2 Wed 31; +3 Thu 1 Apr;
    // +4 Fri 2; +5 Mon 5; +10 Mon 12; +15 Mon 19; +20 Mon 26; +21 Tue 27; +22 Wed 28; +23 Thu 29;
    // +24 Fri 30; +25 Tue 4 May (Mon 3 Early May); +26 Wed 5; +27 Thu 6; +28 Fri 7; +29 Mon 10; +30 Tue 11
    expected: steps(
      '2027-03-25',
      ['2027-04-05', '2027-04-12', '2027-04-19', '2027-04-26', '2027-05-04', '2027-05-11'],
      BST,
    ),
  },
  {
    name: 'one-off day: state funeral Mon 19 Sep 2022, and the clocks go back on 30 Oct: raised Fri 16 Sep 2022 10:00 BST',
    policy: EACH_STEP,
    raisedAt: '2022-09-16T10:00:00+01:00',
    // D0 Fri 16; +1 Tue 20 (19 funeral); +2 Wed 21; +3 Thu 22; +4 Fri 23; +5 Mon 26; +10 Mon 3 Oct;
    // +15 Mon 10; +20 Mon 17; +25 Mon 24; +30 Mon 31 Oct (GMT: BST ended Sun 30 Oct)
    expected: steps(
      '2022-09-16',
      ['2022-09-26', '2022-10-03', '2022-10-10', '2022-10-17', '2022-10-24', '2022-10-31'],
      ['16:00:00', '16:00:00', '16:00:00', '16:00:00', '16:00:00', '17:00:00'],
    ),
  },
  {
    name: 'one-off days: jubilee Thu 2 and Fri 3 Jun 2022: raised Wed 1 Jun 2022 10:00 BST',
    policy: EACH_STEP,
    raisedAt: '2022-06-01T10:00:00+01:00',
    // D0 Wed 1; +1 Mon 6 (2, 3 holidays, 4-5 weekend); +2 Tue 7; +3 Wed 8; +4 Thu 9; +5 Fri 10;
    // +10 Fri 17; +15 Fri 24; +20 Fri 1 Jul; +25 Fri 8 Jul; +30 Fri 15 Jul
    expected: steps(
      '2022-06-01',
      ['2022-06-10', '2022-06-17', '2022-06-24', '2022-07-01', '2022-07-08', '2022-07-15'],
      BST,
    ),
  },
  {
    name: 'one-off day: coronation Mon 8 May 2023 (and Spring bank holiday Mon 29 May): raised Fri 5 May 2023 10:00 BST',
    policy: EACH_STEP,
    raisedAt: '2023-05-05T10:00:00+01:00',
    // D0 Fri 5; +1 Tue 9 (8 coronation); +2 Wed 10; +3 Thu 11; +4 Fri 12; +5 Mon 15; +10 Mon 22;
    // +11 Tue 23 ... +14 Fri 26; +15 Tue 30 (29 holiday); +20 Tue 6 Jun; +25 Tue 13 Jun; +30 Tue 20 Jun
    expected: steps(
      '2023-05-05',
      ['2023-05-15', '2023-05-22', '2023-05-30', '2023-06-06', '2023-06-13', '2023-06-20'],
      BST,
    ),
  },
  {
    name: 'one-off day: Early May moved to Fri 8 May 2020 (and Spring bank holiday Mon 25 May): raised Thu 7 May 2020 10:00 BST',
    policy: EACH_STEP,
    raisedAt: '2020-05-07T10:00:00+01:00',
    // D0 Thu 7; +1 Mon 11 (8 holiday, 9-10 weekend); +2 Tue 12; +3 Wed 13; +4 Thu 14; +5 Fri 15;
    // +10 Fri 22; +11 Tue 26 (25 holiday); +12 Wed 27; +13 Thu 28; +14 Fri 29; +15 Mon 1 Jun;
    // +20 Mon 8 Jun; +25 Mon 15 Jun; +30 Mon 22 Jun
    expected: steps(
      '2020-05-07',
      ['2020-05-15', '2020-05-22', '2020-06-01', '2020-06-08', '2020-06-15', '2020-06-22'],
      BST,
    ),
  },
];

describe('kirklees: previewDeadlines (relative: each step 5 working days from its own start)', () => {
  test.each(previewRows)('$name', ({ raisedAt, expected }) => {
    const previews = previewDeadlines(policy, calendar, new Date(raisedAt));
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
      expect(p.deadline?.basis).toBe('relative');
      expect(p.deadline?.policyDueDate).toBe(p.deadline?.dueDate);
    });
    expect(previews.map((p) => p.deadline?.workingDays)).toEqual([5, 5, 5, 5, 5, 5]);
  });

  test("each preview row carries the policy's own words for the step timescale", () => {
    const previews = previewDeadlines(policy, calendar, new Date('2026-06-01T10:00:00+01:00'));
    expect(previews.map((p) => p.source)).toEqual(Array.from({ length: 6 }, () => EACH_STEP));
  });
});

describe('kirklees: overallDeadline', () => {
  test('no overall limit is encoded (the document sets none): null', () => {
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

const RAISED = '2026-06-01T10:00:00+01:00';

const stageRows: StageRow[] = [
  {
    name: 'step 3 escalated early (Wed 10 Jun 2026 14:00): 5 working days from its own start',
    policy: EACH_STEP,
    stage: 3,
    raisedAt: RAISED,
    startedAt: '2026-06-10T14:00:00+01:00',
    // D0 Wed 10; +5 Wed 17
    expected: {
      stage: 3,
      startDate: '2026-06-10',
      policyDueDate: '2026-06-17',
      dueDate: '2026-06-17',
      dueAt: '2026-06-17T16:00:00Z',
      workingDays: 5,
      basis: 'relative',
    },
  },
  {
    name: 'step 4 escalated Fri 12 Jun 2026 18:00 (after close of business): D0 Mon 15',
    policy: EACH_STEP,
    stage: 4,
    raisedAt: RAISED,
    startedAt: '2026-06-12T18:00:00+01:00',
    // D0 Mon 15; +5 Mon 22
    expected: {
      stage: 4,
      startDate: '2026-06-15',
      policyDueDate: '2026-06-22',
      dueDate: '2026-06-22',
      dueAt: '2026-06-22T16:00:00Z',
      workingDays: 5,
      basis: 'relative',
    },
  },
  {
    name: 'step 5 escalated Fri 23 Oct 2026 (BST), due after the clocks go back: 17:00 GMT',
    policy: STEP_5,
    stage: 5,
    raisedAt: '2026-09-01T10:00:00+01:00',
    startedAt: '2026-10-23T10:00:00+01:00',
    // D0 Fri 23; +1 Mon 26; +2 Tue 27; +3 Wed 28; +4 Thu 29; +5 Fri 30 (BST ended Sun 25 Oct)
    expected: {
      stage: 5,
      startDate: '2026-10-23',
      policyDueDate: '2026-10-30',
      dueDate: '2026-10-30',
      dueAt: '2026-10-30T17:00:00Z',
      workingDays: 5,
      basis: 'relative',
    },
  },
  {
    name: 'step 2 escalated on Easter Monday 29 Mar 2027: D0 Tue 30',
    policy: EACH_STEP,
    stage: 2,
    raisedAt: '2027-03-22T10:00:00Z',
    startedAt: '2027-03-29T10:00:00+01:00',
    // D0 Tue 30; +1 Wed 31; +2 Thu 1 Apr; +3 Fri 2; +4 Mon 5; +5 Tue 6
    expected: {
      stage: 2,
      startDate: '2027-03-30',
      policyDueDate: '2027-04-06',
      dueDate: '2027-04-06',
      dueAt: '2027-04-06T16:00:00Z',
      workingDays: 5,
      basis: 'relative',
    },
  },
  {
    name: 'step 6 escalated Thu 24 Dec 2026 at exactly 17:00:00 GMT: D0 Thu 24',
    policy: EACH_STEP,
    stage: 6,
    raisedAt: '2026-11-02T10:00:00Z',
    startedAt: '2026-12-24T17:00:00Z',
    // D0 Thu 24; +1 Tue 29; +2 Wed 30; +3 Thu 31; +4 Mon 4 Jan; +5 Tue 5
    expected: {
      stage: 6,
      startDate: '2026-12-24',
      policyDueDate: '2027-01-05',
      dueDate: '2027-01-05',
      dueAt: '2027-01-05T17:00:00Z',
      workingDays: 5,
      basis: 'relative',
    },
  },
  {
    name: 'extension: an agreed date for step 5 replaces the policy date, which stays on record',
    policy: STEP_5,
    stage: 5,
    raisedAt: RAISED,
    startedAt: '2026-06-29T17:00:00+01:00',
    extensions: [{ dueDate: '2026-07-10' }],
    // D0 Mon 29 Jun; +5 Mon 6 Jul (policy)
    expected: {
      stage: 5,
      startDate: '2026-06-29',
      policyDueDate: '2026-07-06',
      dueDate: '2026-07-10',
      dueAt: '2026-07-10T16:00:00Z',
      workingDays: 5,
      basis: 'extension',
    },
  },
  {
    name: 'extensions: the latest agreed one (last in the list) is in force',
    policy: STEP_5,
    stage: 5,
    raisedAt: RAISED,
    startedAt: '2026-06-29T17:00:00+01:00',
    extensions: [{ dueDate: '2026-07-08' }, { dueDate: '2026-07-10' }, { dueDate: '2026-07-14' }],
    expected: {
      stage: 5,
      startDate: '2026-06-29',
      policyDueDate: '2026-07-06',
      dueDate: '2026-07-14',
      dueAt: '2026-07-14T16:00:00Z',
      workingDays: 5,
      basis: 'extension',
    },
  },
];

describe("kirklees: stageDeadline (relative: counted from the step's own start)", () => {
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
    name: 'step 1 due Mon 8 Jun 2026: reminder Fri 5 Jun 09:00 BST',
    policy: EACH_STEP,
    dueDate: '2026-06-08',
    startedAt: '2026-06-01T10:00:00+01:00',
    expected: '2026-06-05T08:00:00Z',
  },
  {
    name: 'due Mon 4 Jan 2027: reminder Thu 31 Dec 09:00 GMT (1 Jan holiday)',
    policy: EACH_STEP,
    dueDate: '2027-01-04',
    startedAt: '2026-12-23T10:00:00Z',
    expected: '2026-12-31T09:00:00Z',
  },
  {
    name: 'due Tue 4 May 2027: reminder Fri 30 Apr 09:00 BST (Mon 3 May Early May)',
    policy: EACH_STEP,
    dueDate: '2027-05-04',
    startedAt: '2027-04-26T17:00:00+01:00',
    expected: '2027-04-30T08:00:00Z',
  },
  {
    name: 'due Fri 30 Oct 2026 (GMT): reminder Thu 29 Oct 09:00 GMT',
    policy: STEP_5,
    dueDate: '2026-10-30',
    startedAt: '2026-10-23T10:00:00+01:00',
    expected: '2026-10-29T09:00:00Z',
  },
  {
    name: 'due Tue 6 Apr 2027: reminder Mon 5 Apr 09:00 BST',
    policy: EACH_STEP,
    dueDate: '2027-04-06',
    startedAt: '2027-03-29T10:00:00+01:00',
    expected: '2027-04-05T08:00:00Z',
  },
  {
    name: 'a step entered at 10:00 on the working day before its (agreed) due date: reminder 09:00 came before, none',
    policy: EACH_STEP,
    dueDate: '2026-06-09',
    startedAt: '2026-06-08T10:00:00+01:00',
    expected: null,
  },
];

describe('kirklees: reminderAt (09:00 local one working day before the due date)', () => {
  test.each(reminderRows)('$name', ({ dueDate, startedAt, expected }) => {
    const at = reminderAt(calendar, dueDate, new Date(startedAt));
    expect(at ? iso(at) : null).toBe(expected);
  });
});

describe('kirklees: errors', () => {
  test.each([
    {
      name: 'raised in 2017 (before the england-and-wales calendar)',
      raisedAt: '2017-12-29T10:00:00Z',
    },
    {
      name: 'raised in 2031 (after the england-and-wales calendar)',
      raisedAt: '2031-01-06T10:00:00Z',
    },
    // D0 Mon 2 Dec 2030; +5 Mon 9; +10 Mon 16; +15 Mon 23; +16 Tue 24; +17 Fri 27 (Wed 25, Thu 26);
    // +18 Mon 30; +19 Tue 31; +20 would be in 2031
    { name: 'raised Mon 2 Dec 2030: step 4 would run into 2031', raisedAt: '2030-12-02T10:00:00Z' },
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
      stageDeadline(policy, calendar, { stage: 1, raisedAt: at, startedAt: at }),
    ).toThrow('policies/calendars/england-and-wales.yaml');
  });

  test.each([0, 7, 1.25])('previewDeadlines with start stage %p throws', (startStage) => {
    expect(() => previewDeadlines(policy, calendar, new Date(RAISED), startStage)).toThrow(
      RangeError,
    );
  });

  test.each([0, 7])('stageDeadline for step %p throws', (stage) => {
    const at = new Date(RAISED);
    expect(() => stageDeadline(policy, calendar, { stage, raisedAt: at, startedAt: at })).toThrow(
      RangeError,
    );
  });
});

describeQuotesInDocument(
  'kirklees',
  [...previewRows, ...stageRows, ...reminderRows].map((row) => row.policy),
);
