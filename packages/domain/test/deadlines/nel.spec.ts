/**
 * Deadlines of the nel policy (North East Lincolnshire SCP / SAB), counted in the
 * `england-and-wales` calendar: cumulative "by working day K" timescales, K = 2, 8, 11, 15, 22,
 * the raise day being day 1, so stage K is due on D0 + (K - 1) = D0+1, +7, +10, +14, +21; the
 * whole process "within 22 working days" = D0+21. A stage that starts late or early never moves
 * its due date; entered after its due instant it is overdue on entry (POLICIES.md).
 *
 * Every expected date below was worked out by hand from policies/calendars/england-and-wales.yaml
 * and POLICIES.md "Counting working days". 17:00 Europe/London is 17:00Z in winter and 16:00Z in
 * summer time (2020: 29 Mar-25 Oct; 2022: 27 Mar-30 Oct; 2023: 26 Mar-29 Oct; 2024: 31 Mar-27 Oct;
 * 2026: 29 Mar-25 Oct; 2027: 28 Mar-31 Oct).
 *
 * England and Wales holidays used: 2020-05-08 (Early May moved from Mon 4 May, a working day in
 * 2020), 2020-05-25; 2022-06-02/03 (Spring bank holiday moved and jubilee: Mon 30 May 2022 is a
 * working day), 2022-09-19 (state funeral); 2023-05-01, 2023-05-08 (coronation), 2023-05-29;
 * 2024-05-06 (Thu 9 May 2024 and Tue 16 Jul 2024 are working days here, unlike Guernsey);
 * 2026-04-03/06 Easter, 2026-05-04, 2026-12-25 Fri, 2026-12-28 Mon (Boxing Day substitute);
 * 2027-01-01 Fri, 2027-03-26/29 Easter.
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
const policy = library.policies.get('nel');
if (!policy) throw new Error('policies/nel.yaml did not load');
const calendar = calendarOf(library, policy);

/** ISO UTC without milliseconds, e.g. 2026-06-02T16:00:00Z */
const iso = (date: Date): string => date.toISOString().replace('.000Z', 'Z');

// The policy's sentences the rows check (each is checked against the document below).
const OVERALL = 'RESOLUTION PROCESS (to be completed within 22 working days (1 month))';
const STAGE_1 = 'Timescale Stage 1: (Working Day 1-2)';
const STAGE_2 = 'Timescale Stage 2: (To be completed by working day 8)';
const STAGE_2_GUIDANCE = 'within a maximum of 8 working days from the issue being raised';
const STAGE_3 = 'Timescale Stage 3: (To be completed by day working 11)';
const STAGE_4 = 'Timescale Stage 4: (To be completed by day working 15)';
const STAGE_5 = 'Timescale Stage : (To be completed by day working 22)';

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

/** the five stages of a preview: cumulative, so every stage's clock starts on the raise's D0 */
function stages(
  d0: string,
  due: [string, string, string, string, string],
  dueAtTimes: [string, string, string, string, string],
): ExpectedStage[] {
  return due.map((dueDate, i) => ({
    stage: i + 1,
    startDate: d0,
    dueDate,
    dueAt: `${dueDate}T${dueAtTimes[i]}Z`,
  }));
}
const BST: [string, string, string, string, string] = [
  '16:00:00',
  '16:00:00',
  '16:00:00',
  '16:00:00',
  '16:00:00',
];
const GMT: [string, string, string, string, string] = [
  '17:00:00',
  '17:00:00',
  '17:00:00',
  '17:00:00',
  '17:00:00',
];

const previewRows: PreviewRow[] = [
  {
    name: 'plain weeks: raised Mon 1 Jun 2026 10:00 BST',
    policy: OVERALL,
    raisedAt: '2026-06-01T10:00:00+01:00',
    // D0 Mon 1 (day 1); day 2 = +1 Tue 2; day 8 = +7 Wed 10; day 11 = +10 Mon 15; day 15 = +14 Fri 19;
    // day 22 = +21 Tue 30 (no holiday in June 2026)
    expected: stages(
      '2026-06-01',
      ['2026-06-02', '2026-06-10', '2026-06-15', '2026-06-19', '2026-06-30'],
      BST,
    ),
  },
  {
    name: 'raised at exactly 17:00:00 BST Mon 1 Jun 2026: the raise day is Monday, day 1',
    policy: STAGE_1,
    raisedAt: '2026-06-01T17:00:00+01:00',
    expected: stages(
      '2026-06-01',
      ['2026-06-02', '2026-06-10', '2026-06-15', '2026-06-19', '2026-06-30'],
      BST,
    ),
  },
  {
    name: 'raised at 17:00:01 BST Mon 1 Jun 2026 (after close of business): day 1 is Tuesday',
    policy: STAGE_1,
    raisedAt: '2026-06-01T17:00:01+01:00',
    // D0 Tue 2; +1 Wed 3; +7 Thu 11; +10 Tue 16; +14 Mon 22; +21 Wed 1 Jul
    expected: stages(
      '2026-06-02',
      ['2026-06-03', '2026-06-11', '2026-06-16', '2026-06-22', '2026-07-01'],
      BST,
    ),
  },
  {
    name: 'raised on Sun 7 Jun 2026: day 1 is Monday',
    policy: STAGE_1,
    raisedAt: '2026-06-07T11:00:00+01:00',
    // D0 Mon 8; +1 Tue 9; +7 Wed 17; +10 Mon 22; +14 Fri 26; +21 Tue 7 Jul
    expected: stages(
      '2026-06-08',
      ['2026-06-09', '2026-06-17', '2026-06-22', '2026-06-26', '2026-07-07'],
      BST,
    ),
  },
  {
    name: 'Christmas and New Year: raised Wed 23 Dec 2026 10:00 GMT',
    policy: OVERALL,
    raisedAt: '2026-12-23T10:00:00Z',
    // D0 Wed 23 Dec; +1 Thu 24; +2 Tue 29 (25 Fri holiday, 26-27 weekend, 28 Mon Boxing Day substitute);
    // +3 Wed 30; +4 Thu 31; +5 Mon 4 Jan (1 Jan Fri holiday); +6 Tue 5; +7 Wed 6; +8 Thu 7; +9 Fri 8;
    // +10 Mon 11; +11 Tue 12; +12 Wed 13; +13 Thu 14; +14 Fri 15; +15 Mon 18 ... +20 Mon 25; +21 Tue 26
    expected: stages(
      '2026-12-23',
      ['2026-12-24', '2027-01-06', '2027-01-11', '2027-01-15', '2027-01-26'],
      GMT,
    ),
  },
  {
    name: 'Easter 2026 and Early May: raised Thu 2 Apr 2026 10:00 BST',
    policy: OVERALL,
    raisedAt: '2026-04-02T10:00:00+01:00',
    // D0 Thu 2; +1 Tue 7 (3 Good Friday, 4-5 weekend, 6 Easter Monday); +2 Wed 8; +3 Thu 9; +4 Fri 10;
    // +5 Mon 13; +6 Tue 14; +7 Wed 15; +8 Thu 16; +9 Fri 17; +10 Mon 20; +11 Tue 21; +12 Wed 22;
    // +13 Thu 23; +14 Fri 24; +15 Mon 27; +16 Tue 28; +17 Wed 29; +18 Thu 30; +19 Fri 1 May;
    // +20 Tue 5 May (Mon 4 Early May bank holiday); +21 Wed 6 May
    expected: stages(
      '2026-04-02',
      ['2026-04-07', '2026-04-15', '2026-04-20', '2026-04-24', '2026-05-06'],
      BST,
    ),
  },
  {
    name: 'Easter 2027, raised in GMT, stage 1 due in GMT and the rest in BST: raised Wed 24 Mar 2027 10:00 GMT',
    policy: OVERALL,
    raisedAt: '2027-03-24T10:00:00Z',
    // D0 Wed 24; +1 Thu 25 (GMT); +2 Tue 30 (26 Good Friday, 27-28 weekend, 29 Easter Monday);
    // +3 Wed 31; +4 Thu 1 Apr; +5 Fri 2; +6 Mon 5; +7 Tue 6; +8 Wed 7; +9 Thu 8; +10 Fri 9;
    // +11 Mon 12; +12 Tue 13; +13 Wed 14; +14 Thu 15; +15 Fri 16; +16 Mon 19 ... +20 Fri 23; +21 Mon 26
    expected: stages(
      '2027-03-24',
      ['2027-03-25', '2027-04-06', '2027-04-09', '2027-04-15', '2027-04-26'],
      ['17:00:00', '16:00:00', '16:00:00', '16:00:00', '16:00:00'],
    ),
  },
  {
    name: 'one-off day: state funeral Mon 19 Sep 2022: raised Fri 16 Sep 2022 10:00 BST',
    policy: OVERALL,
    raisedAt: '2022-09-16T10:00:00+01:00',
    // D0 Fri 16; +1 Tue 20 (19 funeral); +2 Wed 21; +3 Thu 22; +4 Fri 23; +5 Mon 26; +6 Tue 27;
    // +7 Wed 28; +8 Thu 29; +9 Fri 30; +10 Mon 3 Oct; +11 Tue 4 ... +14 Fri 7; +15 Mon 10 ... +21 Tue 18
    expected: stages(
      '2022-09-16',
      ['2022-09-20', '2022-09-28', '2022-10-03', '2022-10-07', '2022-10-18'],
      BST,
    ),
  },
  {
    name: 'one-off days: jubilee Thu 2 and Fri 3 Jun 2022 (Mon 30 May 2022 is a working day): raised Fri 27 May 2022 10:00 BST',
    policy: OVERALL,
    raisedAt: '2022-05-27T10:00:00+01:00',
    // D0 Fri 27 May; +1 Mon 30 May (Spring bank holiday moved to 2 Jun); +2 Tue 31; +3 Wed 1 Jun;
    // +4 Mon 6 (2, 3 holidays, 4-5 weekend); +5 Tue 7; +6 Wed 8; +7 Thu 9; +8 Fri 10; +9 Mon 13;
    // +10 Tue 14; +11 Wed 15; +12 Thu 16; +13 Fri 17; +14 Mon 20; +15 Tue 21 ... +19 Mon 27; +20 Tue 28; +21 Wed 29
    expected: stages(
      '2022-05-27',
      ['2022-05-30', '2022-06-09', '2022-06-14', '2022-06-20', '2022-06-29'],
      BST,
    ),
  },
  {
    name: 'one-off day: coronation Mon 8 May 2023 (and Spring bank holiday Mon 29 May): raised Fri 5 May 2023 10:00 BST',
    policy: OVERALL,
    raisedAt: '2023-05-05T10:00:00+01:00',
    // D0 Fri 5; +1 Tue 9 (8 coronation); +2 Wed 10; +3 Thu 11; +4 Fri 12; +5 Mon 15; +6 Tue 16;
    // +7 Wed 17; +8 Thu 18; +9 Fri 19; +10 Mon 22; +11 Tue 23 ... +14 Fri 26; +15 Tue 30 (29 holiday);
    // +16 Wed 31; +17 Thu 1 Jun; +18 Fri 2; +19 Mon 5; +20 Tue 6; +21 Wed 7
    expected: stages(
      '2023-05-05',
      ['2023-05-09', '2023-05-17', '2023-05-22', '2023-05-26', '2023-06-07'],
      BST,
    ),
  },
  {
    name: 'one-off day: Early May moved to Fri 8 May 2020: raised Thu 7 May 2020 10:00 BST',
    policy: OVERALL,
    raisedAt: '2020-05-07T10:00:00+01:00',
    // D0 Thu 7; +1 Mon 11 (8 holiday, 9-10 weekend); +2 Tue 12; +3 Wed 13; +4 Thu 14; +5 Fri 15;
    // +6 Mon 18; +7 Tue 19; +8 Wed 20; +9 Thu 21; +10 Fri 22; +11 Tue 26 (25 Spring bank holiday);
    // +12 Wed 27; +13 Thu 28; +14 Fri 29; +15 Mon 1 Jun ... +20 Mon 8; +21 Tue 9
    expected: stages(
      '2020-05-07',
      ['2020-05-11', '2020-05-19', '2020-05-22', '2020-05-29', '2020-06-09'],
      BST,
    ),
  },
];

describe('nel: previewDeadlines (cumulative "by working day K" from the raise)', () => {
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
      expect(p.deadline?.basis).toBe('cumulative');
      expect(p.deadline?.policyDueDate).toBe(p.deadline?.dueDate);
    });
    expect(previews.map((p) => p.deadline?.workingDays)).toEqual([2, 8, 11, 15, 22]);
  });

  test("each preview row carries the policy's own words for the stage timescale", () => {
    const previews = previewDeadlines(policy, calendar, new Date('2026-06-01T10:00:00+01:00'));
    expect(previews.map((p) => p.source)).toEqual([STAGE_1, STAGE_2, STAGE_3, STAGE_4, STAGE_5]);
  });
});

describe('nel: overallDeadline is working day 22 = D0 + 21 ("within 22 working days")', () => {
  test.each(previewRows)('$name', ({ raisedAt, expected }) => {
    const last = expected[expected.length - 1]!;
    const overall = overallDeadline(policy, calendar, new Date(raisedAt));
    expect(overall).not.toBeNull();
    expect({
      dueDate: overall?.dueDate,
      dueAt: overall ? iso(overall.dueAt) : null,
      workingDays: overall?.workingDays,
    }).toEqual({
      dueDate: last.dueDate,
      dueAt: last.dueAt,
      workingDays: 22,
    });
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

const RAISED = '2026-06-01T10:00:00+01:00'; // Mon 1 Jun 2026: day 2 Tue 2, day 8 Wed 10, day 11 Mon 15, day 15 Fri 19, day 22 Tue 30
const stage2Due = {
  stage: 2,
  startDate: '2026-06-01',
  policyDueDate: '2026-06-10',
  dueDate: '2026-06-10',
  dueAt: '2026-06-10T16:00:00Z',
  workingDays: 8,
  basis: 'cumulative',
} as const;

const stageRows: StageRow[] = [
  {
    name: 'stage 2 entered early (Mon 1 Jun 15:00): still due on working day 8, Wed 10 Jun',
    policy: STAGE_2,
    stage: 2,
    raisedAt: RAISED,
    startedAt: '2026-06-01T15:00:00+01:00',
    expected: stage2Due,
  },
  {
    name: 'stage 2 entered late (Fri 5 Jun, stage 1 was due Tue 2): still due Wed 10 Jun, the date does not move',
    policy: STAGE_2_GUIDANCE,
    stage: 2,
    raisedAt: RAISED,
    startedAt: '2026-06-05T11:00:00+01:00',
    expected: stage2Due,
  },
  {
    name: 'stage 2 entered Tue 9 Jun 16:59, the working day before its due date: still due Wed 10 Jun',
    policy: STAGE_2,
    stage: 2,
    raisedAt: RAISED,
    startedAt: '2026-06-09T16:59:00+01:00',
    expected: stage2Due,
  },
  {
    name: 'stage 2 entered on its due date (Wed 10 Jun 09:00), before close of business: due at close of business that day',
    policy: STAGE_2,
    stage: 2,
    raisedAt: RAISED,
    startedAt: '2026-06-10T09:00:00+01:00',
    expected: stage2Due,
  },
  {
    name: 'stage 2 entered at its own due instant (Wed 10 Jun 17:00:00): due then, not yet overdue',
    policy: STAGE_2,
    stage: 2,
    raisedAt: RAISED,
    startedAt: '2026-06-10T17:00:00+01:00',
    expected: stage2Due,
  },
  {
    name: 'stage 2 entered one second after its due instant (Wed 10 Jun 17:00:01): overdue on entry, the date does not move',
    policy: STAGE_2,
    stage: 2,
    raisedAt: RAISED,
    startedAt: '2026-06-10T17:00:01+01:00',
    expected: { ...stage2Due, overdueOnEntry: true },
  },
  {
    name: 'stage 2 entered after its due date (Thu 11 Jun 09:00): overdue on entry, still working day 8',
    policy: STAGE_2,
    stage: 2,
    raisedAt: RAISED,
    startedAt: '2026-06-11T09:00:00+01:00',
    expected: { ...stage2Due, overdueOnEntry: true },
  },
  {
    name: 'stage 5 entered after its due instant (Tue 30 Jun 17:30): overdue on entry, still working day 22',
    policy: STAGE_5,
    stage: 5,
    raisedAt: RAISED,
    startedAt: '2026-06-30T17:30:00+01:00',
    expected: {
      stage: 5,
      startDate: '2026-06-01',
      policyDueDate: '2026-06-30',
      dueDate: '2026-06-30',
      dueAt: '2026-06-30T16:00:00Z',
      workingDays: 22,
      basis: 'cumulative',
      overdueOnEntry: true,
    },
  },
  {
    name: 'stage 3 entered late over New Year (raised Wed 23 Dec 2026, day 11 Mon 11 Jan; entered Tue 12 Jan): overdue on entry, due Mon 11 Jan',
    policy: STAGE_3,
    stage: 3,
    raisedAt: '2026-12-23T10:00:00Z',
    startedAt: '2027-01-12T10:00:00Z',
    // D0 Wed 23 (day 1); Thu 24 (2); Tue 29 (3); Wed 30 (4); Thu 31 (5); Mon 4 Jan (6) ... Fri 8 (10); Mon 11 (11)
    expected: {
      stage: 3,
      startDate: '2026-12-23',
      policyDueDate: '2027-01-11',
      dueDate: '2027-01-11',
      dueAt: '2027-01-11T17:00:00Z',
      workingDays: 11,
      basis: 'cumulative',
      overdueOnEntry: true,
    },
  },
  {
    name: 'stage 3 entered after an extension of stage 2 to Mon 22 Jun: still working day 11 (Mon 15 Jun), overdue on entry; the extension moved only stage 2',
    policy: STAGE_3,
    stage: 3,
    raisedAt: RAISED,
    startedAt: '2026-06-22T17:00:00+01:00',
    expected: {
      stage: 3,
      startDate: '2026-06-01',
      policyDueDate: '2026-06-15',
      dueDate: '2026-06-15',
      dueAt: '2026-06-15T16:00:00Z',
      workingDays: 11,
      basis: 'cumulative',
      overdueOnEntry: true,
    },
  },
  {
    name: 'stage 4 entered on time over New Year (raised Wed 23 Dec 2026): day 15 is Fri 15 Jan',
    policy: STAGE_4,
    stage: 4,
    raisedAt: '2026-12-23T10:00:00Z',
    startedAt: '2027-01-08T12:00:00Z',
    expected: {
      stage: 4,
      startDate: '2026-12-23',
      policyDueDate: '2027-01-15',
      dueDate: '2027-01-15',
      dueAt: '2027-01-15T17:00:00Z',
      workingDays: 15,
      basis: 'cumulative',
    },
  },
  {
    name: "stage 1 raised Mon 15 Jul 2024: Tue 16 Jul (Guernsey's one-off day) is a working day in England and Wales",
    policy: STAGE_1,
    stage: 1,
    raisedAt: '2024-07-15T10:00:00+01:00',
    startedAt: '2024-07-15T10:00:00+01:00',
    // D0 Mon 15 (day 1); day 2 = Tue 16
    expected: {
      stage: 1,
      startDate: '2024-07-15',
      policyDueDate: '2024-07-16',
      dueDate: '2024-07-16',
      dueAt: '2024-07-16T16:00:00Z',
      workingDays: 2,
      basis: 'cumulative',
    },
  },
  {
    name: 'stage 1 raised on Good Friday 3 Apr 2026: day 1 is Tue 7 Apr, day 2 Wed 8 Apr',
    policy: STAGE_1,
    stage: 1,
    raisedAt: '2026-04-03T10:00:00+01:00',
    startedAt: '2026-04-03T10:00:00+01:00',
    expected: {
      stage: 1,
      startDate: '2026-04-07',
      policyDueDate: '2026-04-08',
      dueDate: '2026-04-08',
      dueAt: '2026-04-08T16:00:00Z',
      workingDays: 2,
      basis: 'cumulative',
    },
  },
  {
    name: 'extension: an agreed date for stage 4 replaces day 15 (Fri 19 Jun), which stays on record',
    policy: STAGE_4,
    stage: 4,
    raisedAt: RAISED,
    startedAt: '2026-06-15T17:00:00+01:00',
    extensions: [{ dueDate: '2026-06-26' }],
    expected: {
      stage: 4,
      startDate: '2026-06-01',
      policyDueDate: '2026-06-19',
      dueDate: '2026-06-26',
      dueAt: '2026-06-26T16:00:00Z',
      workingDays: 15,
      basis: 'extension',
    },
  },
  {
    name: 'extensions: the latest agreed one (last in the list) is in force',
    policy: STAGE_4,
    stage: 4,
    raisedAt: RAISED,
    startedAt: '2026-06-15T17:00:00+01:00',
    extensions: [{ dueDate: '2026-06-24' }, { dueDate: '2026-06-29' }],
    expected: {
      stage: 4,
      startDate: '2026-06-01',
      policyDueDate: '2026-06-19',
      dueDate: '2026-06-29',
      dueAt: '2026-06-29T16:00:00Z',
      workingDays: 15,
      basis: 'extension',
    },
  },
  {
    name: 'extension agreed for an overdue stage 2: the agreed date replaces day 8 and the stage is no longer overdue',
    policy: STAGE_2,
    stage: 2,
    raisedAt: RAISED,
    startedAt: '2026-06-11T09:00:00+01:00',
    extensions: [{ dueDate: '2026-06-24' }],
    expected: {
      ...stage2Due,
      dueDate: '2026-06-24',
      dueAt: '2026-06-24T16:00:00Z',
      basis: 'extension',
    },
  },
];

describe('nel: stageDeadline (cumulative: does not move when a stage starts early or late)', () => {
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
    name: 'stage 2 due Wed 10 Jun 2026: reminder Tue 9 Jun 09:00 BST',
    policy: STAGE_2,
    dueDate: '2026-06-10',
    startedAt: '2026-06-02T17:00:00+01:00',
    expected: '2026-06-09T08:00:00Z',
  },
  {
    name: 'due Fri 10 May 2024: the working day before is Thu 9 May (a working day in England and Wales)',
    policy: STAGE_2,
    dueDate: '2024-05-10',
    startedAt: '2024-05-01T10:00:00+01:00',
    expected: '2024-05-09T08:00:00Z',
  },
  {
    name: 'due Tue 5 May 2026: the working day before is Fri 1 May (Mon 4 Early May bank holiday)',
    policy: STAGE_5,
    dueDate: '2026-05-05',
    startedAt: '2026-04-24T17:00:00+01:00',
    expected: '2026-05-01T08:00:00Z',
  },
  {
    name: 'due Wed 6 Jan 2027: the working day before is Tue 5 Jan 09:00 GMT',
    policy: STAGE_2,
    dueDate: '2027-01-06',
    startedAt: '2026-12-24T17:00:00Z',
    expected: '2027-01-05T09:00:00Z',
  },
  {
    name: 'due Tue 29 Dec 2026: the working day before is Thu 24 Dec (25, 26-27, 28 substitute)',
    policy: STAGE_2,
    dueDate: '2026-12-29',
    startedAt: '2026-12-21T10:00:00Z',
    expected: '2026-12-24T09:00:00Z',
  },
  {
    name: 'due Tue 20 Sep 2022: the working day before is Fri 16 Sep (Mon 19 state funeral)',
    policy: STAGE_1,
    dueDate: '2022-09-20',
    startedAt: '2022-09-15T17:30:00+01:00',
    expected: '2022-09-16T08:00:00Z',
  },
];

describe('nel: reminderAt (09:00 local one working day before the due date)', () => {
  test.each(reminderRows)('$name', ({ dueDate, startedAt, expected }) => {
    const at = reminderAt(calendar, dueDate, new Date(startedAt));
    expect(at ? iso(at) : null).toBe(expected);
  });
});

describe('nel: errors', () => {
  test.each([
    {
      name: 'raised in 2017 (before the england-and-wales calendar)',
      raisedAt: '2017-12-29T10:00:00Z',
    },
    {
      name: 'raised in 2031 (after the england-and-wales calendar)',
      raisedAt: '2031-01-06T10:00:00Z',
    },
    { name: 'raised Fri 20 Dec 2030: day 8 would fall in 2031', raisedAt: '2030-12-20T10:00:00Z' },
  ])(
    'previewDeadlines $name: before the calendar it refuses, naming the file; past its end the stages beyond say which year to add',
    ({ raisedAt }) => {
      expectPreviewAtCalendarEdge(policy, calendar, 'england-and-wales', raisedAt);
    },
  );

  test.each([
    { name: 'raised in 2017', raisedAt: '2017-06-01T10:00:00+01:00' },
    { name: 'raised in 2031', raisedAt: '2031-06-02T10:00:00+01:00' },
    // D0 Fri 20 Dec 2030; +1 Mon 23; +2 Tue 24; +3 Fri 27 (25, 26); +4 Mon 30; +5 Tue 31; +21 is in 2031
    { name: 'raised Fri 20 Dec 2030 (day 22 in 2031)', raisedAt: '2030-12-20T10:00:00Z' },
  ])('overallDeadline $name names the calendar file to update', ({ raisedAt }) => {
    expect(() => overallDeadline(policy, calendar, new Date(raisedAt))).toThrow(
      'policies/calendars/england-and-wales.yaml',
    );
  });

  test.each([
    { name: 'raised in 2017', raisedAt: '2017-06-01T10:00:00+01:00' },
    { name: 'raised in 2031', raisedAt: '2031-06-02T10:00:00+01:00' },
  ])('stageDeadline $name names the calendar file to update', ({ raisedAt }) => {
    const at = new Date(raisedAt);
    expect(() =>
      stageDeadline(policy, calendar, { stage: 2, raisedAt: at, startedAt: at }),
    ).toThrow('policies/calendars/england-and-wales.yaml');
  });

  test.each([0, 6, 2.5])('previewDeadlines with start stage %p throws', (startStage) => {
    expect(() => previewDeadlines(policy, calendar, new Date(RAISED), startStage)).toThrow(
      RangeError,
    );
  });

  test.each([0, 6])('stageDeadline for stage %p throws', (stage) => {
    const at = new Date(RAISED);
    expect(() => stageDeadline(policy, calendar, { stage, raisedAt: at, startedAt: at })).toThrow(
      RangeError,
    );
  });
});

describeQuotesInDocument(
  'nel',
  [...previewRows, ...stageRows, ...reminderRows].map((row) => row.policy),
);
