/**
 * Deadlines of the islands policy (Islands Safeguarding Children and Adult Partnerships,
 * Guernsey & Alderney), counted in the `guernsey` calendar: relative "within N working days"
 * timescales of 1, +2, +2 and +5 working days, overall "a maximum of ten working days".
 *
 * Every expected date below was worked out by hand from policies/calendars/guernsey.yaml and
 * POLICIES.md "Counting working days" (D0 = the start day; "within N" = D0 + N; a stage of a
 * preview starts at the previous stage's due instant, 17:00 local, which is at close of business
 * and so counts as that day). 17:00 Europe/Guernsey is 17:00Z in winter and 16:00Z in summer
 * time (2020: 29 Mar-25 Oct; 2022: 27 Mar-30 Oct; 2023: 26 Mar-29 Oct; 2024: 31 Mar-27 Oct;
 * 2025: 30 Mar-26 Oct; 2026: 29 Mar-25 Oct; 2027: 28 Mar-31 Oct).
 *
 * Guernsey holidays used (guernsey.yaml): 2020-05-08 (moved May Day; Mon 4 May 2020 is a working
 * day), 2020-05-09 Sat Liberation Day; 2022-06-02/03 (jubilee; Mon 30 May 2022 is a working day),
 * 2022-09-19 (state funeral); 2023-05-08 (coronation), 2023-05-09 Tue Liberation Day;
 * 2024-05-06, 2024-05-09 Thu Liberation Day, 2024-07-16 Tue (King's visit, Guernsey only);
 * 2025-05-05, 2025-05-09 Fri Liberation Day; 2026-04-03/06 Easter, 2026-05-04, 2026-05-09 Sat
 * Liberation Day (NO substitute), 2026-12-25 Fri, 2026-12-28 Mon (Boxing Day substitute);
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
const policy = library.policies.get('islands');
if (!policy) throw new Error('policies/islands.yaml did not load');
const calendar = calendarOf(library, policy);

/** ISO UTC without milliseconds, e.g. 2026-06-02T16:00:00Z */
const iso = (date: Date): string => date.toISOString().replace('.000Z', 'Z');

// The policy's sentences the rows check (each is checked against the document below).
const OVERALL =
  'between one day or a maximum of ten working days, dependent on level of risk and stage of the escalation process.';
const STAGE_1 = 'Stage one of the escalation process should be completed within one working day';
const STAGE_2 =
  'Stage Two: Direct First Line Manager to First Line Manager Discussion (Within +2 working days).';
const STAGE_3 =
  'Stage Three: Senior Manager to Senior Manager Discussion. (Within +2 working days).';
const STAGE_4 =
  'Stage 4 should be completed within a further 5 working days or a timescale necessary to protect the adult at risk or child (whichever is less)';

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

/** the four stages of a preview: each starts on the due date of the one before */
function stages(
  d0: string,
  due1: string,
  due2: string,
  due3: string,
  due4: string,
  dueAtTime: string,
): ExpectedStage[] {
  const at = (date: string) => `${date}T${dueAtTime}Z`;
  return [
    { stage: 1, startDate: d0, dueDate: due1, dueAt: at(due1) },
    { stage: 2, startDate: due1, dueDate: due2, dueAt: at(due2) },
    { stage: 3, startDate: due2, dueDate: due3, dueAt: at(due3) },
    { stage: 4, startDate: due3, dueDate: due4, dueAt: at(due4) },
  ];
}

const previewRows: PreviewRow[] = [
  {
    name: 'plain week: raised Mon 1 Jun 2026 10:00 BST',
    policy: OVERALL,
    raisedAt: '2026-06-01T10:00:00+01:00',
    // D0 Mon 1; +1 Tue 2; Tue 2 +2 = Thu 4; Thu 4 +2 = Mon 8; Mon 8 +5 = Mon 15 (= D0+10)
    expected: stages(
      '2026-06-01',
      '2026-06-02',
      '2026-06-04',
      '2026-06-08',
      '2026-06-15',
      '16:00:00',
    ),
  },
  {
    name: 'raised at exactly 17:00:00 BST Mon 1 Jun 2026 counts as Monday',
    policy: STAGE_1,
    raisedAt: '2026-06-01T17:00:00+01:00',
    expected: stages(
      '2026-06-01',
      '2026-06-02',
      '2026-06-04',
      '2026-06-08',
      '2026-06-15',
      '16:00:00',
    ),
  },
  {
    name: 'raised at 17:00:01 BST Mon 1 Jun 2026 (after close of business) starts Tuesday',
    policy: STAGE_1,
    raisedAt: '2026-06-01T17:00:01+01:00',
    // D0 Tue 2; +1 Wed 3; +2 Fri 5; +2 Tue 9; +5 Tue 16
    expected: stages(
      '2026-06-02',
      '2026-06-03',
      '2026-06-05',
      '2026-06-09',
      '2026-06-16',
      '16:00:00',
    ),
  },
  {
    name: 'raised on Sat 6 Jun 2026 starts Monday',
    policy: STAGE_1,
    raisedAt: '2026-06-06T11:00:00+01:00',
    // D0 Mon 8; +1 Tue 9; +2 Thu 11; +2 Mon 15; +5 Mon 22
    expected: stages(
      '2026-06-08',
      '2026-06-09',
      '2026-06-11',
      '2026-06-15',
      '2026-06-22',
      '16:00:00',
    ),
  },
  {
    name: 'Christmas and New Year: raised Wed 23 Dec 2026 10:00 GMT',
    policy: OVERALL,
    raisedAt: '2026-12-23T10:00:00Z',
    // D0 Wed 23 Dec; +1 Thu 24; +2 Tue 29 (25 Fri holiday, 26-27 weekend, 28 Mon Boxing Day
    // substitute); +3 Wed 30; +4 Thu 31; +5 Mon 4 Jan (1 Jan Fri holiday, 2-3 weekend); +6 Tue 5;
    // +7 Wed 6; +8 Thu 7; +9 Fri 8; +10 Mon 11.
    // Stage 1 Thu 24; stage 2 Thu 24 +2 = Wed 30; stage 3 Wed 30 +2 = Mon 4 Jan; stage 4 Mon 4 +5 = Mon 11
    expected: stages(
      '2026-12-23',
      '2026-12-24',
      '2026-12-30',
      '2027-01-04',
      '2027-01-11',
      '17:00:00',
    ),
  },
  {
    name: 'Easter 2026: raised Thu 2 Apr 2026 10:00 BST',
    policy: OVERALL,
    raisedAt: '2026-04-02T10:00:00+01:00',
    // D0 Thu 2; +1 Tue 7 (3 Good Friday, 4-5 weekend, 6 Easter Monday); +2 Wed 8; +3 Thu 9; +4 Fri 10;
    // +5 Mon 13; +6 Tue 14 ... +10 Mon 20
    expected: stages(
      '2026-04-02',
      '2026-04-07',
      '2026-04-09',
      '2026-04-13',
      '2026-04-20',
      '16:00:00',
    ),
  },
  {
    name: 'Easter 2027, raised in GMT and due in BST: raised Thu 25 Mar 2027 10:00 GMT',
    policy: OVERALL,
    raisedAt: '2027-03-25T10:00:00Z',
    // D0 Thu 25; +1 Tue 30 (26 Good Friday, 27-28 weekend, clocks go forward 28, 29 Easter Monday);
    // +2 Wed 31; +3 Thu 1 Apr; +4 Fri 2; +5 Mon 5; +6 Tue 6 ... +10 Mon 12
    expected: stages(
      '2027-03-25',
      '2027-03-30',
      '2027-04-01',
      '2027-04-05',
      '2027-04-12',
      '16:00:00',
    ),
  },
  {
    name: 'Liberation Day 2024 (Thu 9 May, a weekday holiday): raised Tue 7 May 2024 10:00 BST',
    policy: OVERALL,
    raisedAt: '2024-05-07T10:00:00+01:00',
    // D0 Tue 7; +1 Wed 8; +2 Fri 10 (9 Liberation Day); +3 Mon 13; +4 Tue 14; +5 Wed 15; +6 Thu 16;
    // +7 Fri 17; +8 Mon 20; +9 Tue 21; +10 Wed 22.
    // Stage 1 Wed 8; stage 2 Wed 8 +2 = Mon 13 (Fri 10, Mon 13); stage 3 Mon 13 +2 = Wed 15; stage 4 +5 = Wed 22
    expected: stages(
      '2024-05-07',
      '2024-05-08',
      '2024-05-13',
      '2024-05-15',
      '2024-05-22',
      '16:00:00',
    ),
  },
  {
    name: 'Liberation Day 2025 (Fri 9 May, a weekday holiday): raised Wed 7 May 2025 10:00 BST',
    policy: OVERALL,
    raisedAt: '2025-05-07T10:00:00+01:00',
    // D0 Wed 7; +1 Thu 8; +2 Mon 12 (9 Liberation Day, 10-11 weekend); +3 Tue 13; +4 Wed 14;
    // +5 Thu 15; +6 Fri 16; +7 Mon 19; +8 Tue 20; +9 Wed 21; +10 Thu 22
    expected: stages(
      '2025-05-07',
      '2025-05-08',
      '2025-05-13',
      '2025-05-15',
      '2025-05-22',
      '16:00:00',
    ),
  },
  {
    name: 'Liberation Day 2026 on a Saturday has NO weekday substitute: raised Thu 7 May 2026 10:00 BST',
    policy: OVERALL,
    raisedAt: '2026-05-07T10:00:00+01:00',
    // D0 Thu 7; +1 Fri 8; +2 Mon 11 (a working day: no substitute for Sat 9); +3 Tue 12; +4 Wed 13;
    // +5 Thu 14; +6 Fri 15; +7 Mon 18; +8 Tue 19; +9 Wed 20; +10 Thu 21
    expected: stages(
      '2026-05-07',
      '2026-05-08',
      '2026-05-12',
      '2026-05-14',
      '2026-05-21',
      '16:00:00',
    ),
  },
  {
    name: "one-off day: the King's visit, Tue 16 Jul 2024 (Guernsey only): raised Mon 15 Jul 2024 10:00 BST",
    policy: OVERALL,
    raisedAt: '2024-07-15T10:00:00+01:00',
    // D0 Mon 15; +1 Wed 17 (16 holiday); +2 Thu 18; +3 Fri 19; +4 Mon 22; +5 Tue 23; ... +10 Tue 30
    expected: stages(
      '2024-07-15',
      '2024-07-17',
      '2024-07-19',
      '2024-07-23',
      '2024-07-30',
      '16:00:00',
    ),
  },
  {
    name: 'one-off day: state funeral Mon 19 Sep 2022: raised Fri 16 Sep 2022 10:00 BST',
    policy: OVERALL,
    raisedAt: '2022-09-16T10:00:00+01:00',
    // D0 Fri 16; +1 Tue 20 (19 funeral); +2 Wed 21; +3 Thu 22; +4 Fri 23; +5 Mon 26; ... +10 Mon 3 Oct
    expected: stages(
      '2022-09-16',
      '2022-09-20',
      '2022-09-22',
      '2022-09-26',
      '2022-10-03',
      '16:00:00',
    ),
  },
  {
    name: 'one-off days: Platinum Jubilee Thu 2 and Fri 3 Jun 2022: raised Wed 1 Jun 2022 10:00 BST',
    policy: OVERALL,
    raisedAt: '2022-06-01T10:00:00+01:00',
    // D0 Wed 1; +1 Mon 6 (2, 3 holidays, 4-5 weekend); +2 Tue 7; +3 Wed 8; +4 Thu 9; +5 Fri 10; ... +10 Fri 17
    expected: stages(
      '2022-06-01',
      '2022-06-06',
      '2022-06-08',
      '2022-06-10',
      '2022-06-17',
      '16:00:00',
    ),
  },
  {
    name: 'one-off day: coronation Mon 8 May 2023, then Liberation Day Tue 9 May: raised Fri 5 May 2023 10:00 BST',
    policy: OVERALL,
    raisedAt: '2023-05-05T10:00:00+01:00',
    // D0 Fri 5; +1 Wed 10 (8 coronation, 9 Liberation Day); +2 Thu 11; +3 Fri 12; +4 Mon 15; +5 Tue 16;
    // +6 Wed 17; +7 Thu 18; +8 Fri 19; +9 Mon 22; +10 Tue 23
    expected: stages(
      '2023-05-05',
      '2023-05-10',
      '2023-05-12',
      '2023-05-16',
      '2023-05-23',
      '16:00:00',
    ),
  },
  {
    name: 'one-off day: May Day moved to Fri 8 May 2020 (Liberation Day Sat 9, no substitute): raised Thu 7 May 2020 10:00 BST',
    policy: OVERALL,
    raisedAt: '2020-05-07T10:00:00+01:00',
    // D0 Thu 7; +1 Mon 11 (8 holiday, 9-10 weekend); +2 Tue 12; +3 Wed 13; +4 Thu 14; +5 Fri 15; ... +10 Fri 22
    expected: stages(
      '2020-05-07',
      '2020-05-11',
      '2020-05-13',
      '2020-05-15',
      '2020-05-22',
      '16:00:00',
    ),
  },
];

describe('islands: previewDeadlines (each stage run to its limit)', () => {
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
    // Relative: each stage starts at the previous stage's due instant, no extension, no late entry.
    expect(iso(previews[0]!.startsAt!)).toBe(iso(new Date(raisedAt)));
    previews.forEach((p, i) => {
      if (i > 0) expect(p.startsAt).toEqual(previews[i - 1]!.deadline!.dueAt);
      expect(p.deadline?.basis).toBe('relative');
      expect(p.deadline?.policyDueDate).toBe(p.deadline?.dueDate);
    });
    expect(previews.map((p) => p.deadline?.workingDays)).toEqual([1, 2, 2, 5]);
  });

  test("each preview row carries the policy's own words for the stage timescale", () => {
    const previews = previewDeadlines(policy, calendar, new Date('2026-06-01T10:00:00+01:00'));
    expect(previews.map((p) => p.source)).toEqual(policy.stages.map((s) => s.deadline?.source));
    expect(previews[0]!.source).toBe(STAGE_1);
  });
});

describe('islands: overallDeadline is D0 + 10 working days ("a maximum of ten working days")', () => {
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
      workingDays: 10,
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

const stageRows: StageRow[] = [
  {
    name: 'stage 2 escalated early (Mon 1 Jun 2026 14:00) counts +2 from its own start',
    policy: STAGE_2,
    stage: 2,
    raisedAt: '2026-06-01T10:00:00+01:00',
    startedAt: '2026-06-01T14:00:00+01:00',
    // D0 Mon 1; +2 Wed 3
    expected: {
      stage: 2,
      startDate: '2026-06-01',
      policyDueDate: '2026-06-03',
      dueDate: '2026-06-03',
      dueAt: '2026-06-03T16:00:00Z',
      workingDays: 2,
      basis: 'relative',
    },
  },
  {
    name: 'stage 3 escalated at exactly 17:00:00 on Fri 5 Jun 2026 starts that Friday',
    policy: STAGE_3,
    stage: 3,
    raisedAt: '2026-06-01T10:00:00+01:00',
    startedAt: '2026-06-05T17:00:00+01:00',
    // D0 Fri 5; +1 Mon 8; +2 Tue 9
    expected: {
      stage: 3,
      startDate: '2026-06-05',
      policyDueDate: '2026-06-09',
      dueDate: '2026-06-09',
      dueAt: '2026-06-09T16:00:00Z',
      workingDays: 2,
      basis: 'relative',
    },
  },
  {
    name: 'stage 3 escalated at 17:00:01 on Fri 5 Jun 2026 starts on Monday',
    policy: STAGE_3,
    stage: 3,
    raisedAt: '2026-06-01T10:00:00+01:00',
    startedAt: '2026-06-05T17:00:01+01:00',
    // D0 Mon 8; +2 Wed 10
    expected: {
      stage: 3,
      startDate: '2026-06-08',
      policyDueDate: '2026-06-10',
      dueDate: '2026-06-10',
      dueAt: '2026-06-10T16:00:00Z',
      workingDays: 2,
      basis: 'relative',
    },
  },
  {
    name: 'stage 4 escalated on Sat 13 Jun 2026 starts on Monday',
    policy: STAGE_4,
    stage: 4,
    raisedAt: '2026-06-01T10:00:00+01:00',
    startedAt: '2026-06-13T10:00:00+01:00',
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
    name: 'stage 1 raised on Good Friday 3 Apr 2026 (a holiday) starts on Tuesday after Easter Monday',
    policy: STAGE_1,
    stage: 1,
    raisedAt: '2026-04-03T10:00:00+01:00',
    startedAt: '2026-04-03T10:00:00+01:00',
    // D0 Tue 7 (3 Good Friday, 4-5 weekend, 6 Easter Monday); +1 Wed 8
    expected: {
      stage: 1,
      startDate: '2026-04-07',
      policyDueDate: '2026-04-08',
      dueDate: '2026-04-08',
      dueAt: '2026-04-08T16:00:00Z',
      workingDays: 1,
      basis: 'relative',
    },
  },
  {
    name: 'stage 2 escalated on Liberation Day Fri 9 May 2025 starts on Monday',
    policy: STAGE_2,
    stage: 2,
    raisedAt: '2025-05-08T10:00:00+01:00',
    startedAt: '2025-05-09T11:00:00+01:00',
    // D0 Mon 12; +1 Tue 13; +2 Wed 14
    expected: {
      stage: 2,
      startDate: '2025-05-12',
      policyDueDate: '2025-05-14',
      dueDate: '2025-05-14',
      dueAt: '2025-05-14T16:00:00Z',
      workingDays: 2,
      basis: 'relative',
    },
  },
  {
    name: 'stage 1 raised Fri 1 May 2020: Mon 4 May 2020 is a working day (May Day moved to Fri 8)',
    policy: STAGE_1,
    stage: 1,
    raisedAt: '2020-05-01T10:00:00+01:00',
    startedAt: '2020-05-01T10:00:00+01:00',
    // D0 Fri 1; +1 Mon 4
    expected: {
      stage: 1,
      startDate: '2020-05-01',
      policyDueDate: '2020-05-04',
      dueDate: '2020-05-04',
      dueAt: '2020-05-04T16:00:00Z',
      workingDays: 1,
      basis: 'relative',
    },
  },
  {
    name: 'stage 4 escalated Thu 24 Dec 2026 12:00 GMT runs over Christmas and New Year',
    policy: STAGE_4,
    stage: 4,
    raisedAt: '2026-12-17T10:00:00Z',
    startedAt: '2026-12-24T12:00:00Z',
    // D0 Thu 24; +1 Tue 29 (25, 26-27, 28 substitute); +2 Wed 30; +3 Thu 31; +4 Mon 4 Jan (1 Jan); +5 Tue 5
    expected: {
      stage: 4,
      startDate: '2026-12-24',
      policyDueDate: '2027-01-05',
      dueDate: '2027-01-05',
      dueAt: '2027-01-05T17:00:00Z',
      workingDays: 5,
      basis: 'relative',
    },
  },
  {
    name: 'stage 2 escalated Fri 16 Sep 2022 15:00, over the state funeral Mon 19 Sep',
    policy: STAGE_2,
    stage: 2,
    raisedAt: '2022-09-15T10:00:00+01:00',
    startedAt: '2022-09-16T15:00:00+01:00',
    // D0 Fri 16; +1 Tue 20 (19 funeral); +2 Wed 21
    expected: {
      stage: 2,
      startDate: '2022-09-16',
      policyDueDate: '2022-09-21',
      dueDate: '2022-09-21',
      dueAt: '2022-09-21T16:00:00Z',
      workingDays: 2,
      basis: 'relative',
    },
  },
  {
    name: 'extension: a shorter agreed date for stage 4 replaces the policy date, which stays on record',
    policy: STAGE_4,
    stage: 4,
    raisedAt: '2026-06-01T10:00:00+01:00',
    startedAt: '2026-06-08T17:00:00+01:00',
    extensions: [{ dueDate: '2026-06-11' }],
    // D0 Mon 8; +5 Mon 15 (policy); agreed Thu 11 ("whichever is less")
    expected: {
      stage: 4,
      startDate: '2026-06-08',
      policyDueDate: '2026-06-15',
      dueDate: '2026-06-11',
      dueAt: '2026-06-11T16:00:00Z',
      workingDays: 5,
      basis: 'extension',
    },
  },
  {
    name: 'extensions: the latest agreed one (last in the list) is in force',
    policy: STAGE_4,
    stage: 4,
    raisedAt: '2026-06-01T10:00:00+01:00',
    startedAt: '2026-06-08T17:00:00+01:00',
    extensions: [{ dueDate: '2026-06-17' }, { dueDate: '2026-06-19' }],
    expected: {
      stage: 4,
      startDate: '2026-06-08',
      policyDueDate: '2026-06-15',
      dueDate: '2026-06-19',
      dueAt: '2026-06-19T16:00:00Z',
      workingDays: 5,
      basis: 'extension',
    },
  },
];

describe("islands: stageDeadline (relative: counted from the stage's own start)", () => {
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
    name: 'stage 1 raised Mon 1 Jun 2026 10:00, due Tue 2: Mon 09:00 is before the start, so no reminder',
    policy: STAGE_1,
    dueDate: '2026-06-02',
    startedAt: '2026-06-01T10:00:00+01:00',
    expected: null,
  },
  {
    name: 'stage 1 raised Mon 1 Jun 2026 08:30, due Tue 2: reminder Mon 09:00 BST',
    policy: STAGE_1,
    dueDate: '2026-06-02',
    startedAt: '2026-06-01T08:30:00+01:00',
    expected: '2026-06-01T08:00:00Z',
  },
  {
    name: 'stage started at exactly the reminder moment (Mon 09:00): no reminder',
    policy: STAGE_1,
    dueDate: '2026-06-02',
    startedAt: '2026-06-01T09:00:00+01:00',
    expected: null,
  },
  {
    name: 'stage 4 due Mon 15 Jun 2026: reminder Fri 12 Jun 09:00 BST',
    policy: STAGE_4,
    dueDate: '2026-06-15',
    startedAt: '2026-06-08T17:00:00+01:00',
    expected: '2026-06-12T08:00:00Z',
  },
  {
    name: 'due Fri 10 May 2024: the working day before is Wed 8 (Thu 9 is Liberation Day)',
    policy: STAGE_2,
    // a stage 2 escalated Tue 7 May 2024 17:00: D0 Tue 7, +1 Wed 8, +2 Fri 10
    dueDate: '2024-05-10',
    startedAt: '2024-05-07T17:00:00+01:00',
    expected: '2024-05-08T08:00:00Z',
  },
  {
    name: 'due Tue 29 Dec 2026: the working day before is Thu 24 Dec (25, 26-27, 28 substitute)',
    policy: STAGE_2,
    dueDate: '2026-12-29',
    startedAt: '2026-12-23T10:00:00Z',
    expected: '2026-12-24T09:00:00Z',
  },
  {
    name: 'due Mon 11 Jan 2027: reminder Fri 8 Jan 09:00 GMT',
    policy: STAGE_4,
    dueDate: '2027-01-11',
    startedAt: '2027-01-04T17:00:00Z',
    expected: '2027-01-08T09:00:00Z',
  },
  {
    name: 'due Tue 7 Apr 2026: the working day before is Thu 2 Apr (Good Friday, Easter Monday)',
    policy: STAGE_1,
    dueDate: '2026-04-07',
    startedAt: '2026-04-01T17:30:00+01:00',
    expected: '2026-04-02T08:00:00Z',
  },
  {
    name: 'due Tue 30 Mar 2027 (BST), reminder Thu 25 Mar 09:00 GMT (before the clocks go forward)',
    policy: STAGE_1,
    dueDate: '2027-03-30',
    startedAt: '2027-03-24T17:30:00Z',
    expected: '2027-03-25T09:00:00Z',
  },
  {
    name: "due Wed 17 Jul 2024: the working day before is Mon 15 (Tue 16 the King's visit)",
    policy: STAGE_1,
    dueDate: '2024-07-17',
    startedAt: '2024-07-12T10:00:00+01:00',
    expected: '2024-07-15T08:00:00Z',
  },
];

describe('islands: reminderAt (09:00 local one working day before the due date)', () => {
  test.each(reminderRows)('$name', ({ dueDate, startedAt, expected }) => {
    const at = reminderAt(calendar, dueDate, new Date(startedAt));
    expect(at ? iso(at) : null).toBe(expected);
  });
});

describe('islands: errors', () => {
  test.each([
    { name: 'raised in 2017 (before the guernsey calendar)', raisedAt: '2017-12-29T10:00:00Z' },
    { name: 'raised in 2031 (after the guernsey calendar)', raisedAt: '2031-01-06T10:00:00Z' },
    {
      name: 'raised Mon 30 Dec 2030: stage 2 would run into 2031',
      raisedAt: '2030-12-30T10:00:00Z',
    },
  ])(
    'previewDeadlines $name: before the calendar it refuses, naming the file; past its end the stages beyond say which year to add',
    ({ raisedAt }) => {
      expectPreviewAtCalendarEdge(policy, calendar, 'guernsey', raisedAt);
    },
  );

  test.each([
    { name: 'raised in 2017', raisedAt: '2017-06-01T10:00:00+01:00' },
    { name: 'raised in 2031', raisedAt: '2031-06-02T10:00:00+01:00' },
  ])('stageDeadline and overallDeadline $name name the calendar file to update', ({ raisedAt }) => {
    const at = new Date(raisedAt);
    expect(() =>
      stageDeadline(policy, calendar, { stage: 1, raisedAt: at, startedAt: at }),
    ).toThrow('policies/calendars/guernsey.yaml');
    expect(() => overallDeadline(policy, calendar, at)).toThrow('policies/calendars/guernsey.yaml');
  });

  test.each([0, 5, -1, 1.5, Number.NaN])(
    'previewDeadlines with start stage %p throws',
    (startStage) => {
      expect(() =>
        previewDeadlines(policy, calendar, new Date('2026-06-01T10:00:00+01:00'), startStage),
      ).toThrow(RangeError);
    },
  );

  test.each([0, 5])('stageDeadline for stage %p throws', (stage) => {
    const at = new Date('2026-06-01T10:00:00+01:00');
    expect(() => stageDeadline(policy, calendar, { stage, raisedAt: at, startedAt: at })).toThrow(
      RangeError,
    );
  });
});

describeQuotesInDocument(
  'islands',
  [...previewRows, ...stageRows, ...reminderRows].map((row) => row.policy),
);
