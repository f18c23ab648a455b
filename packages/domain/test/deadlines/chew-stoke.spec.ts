/**
 * Deadlines of the chew-stoke policy (Chew Stoke Out of School Club, following its LSCB's model):
 * the document sets no timescales ("determined locally by the complexity of the issues"), so every
 * stage deadline is null, the preview has no dates and there is no overall deadline, whatever the
 * day the concern is raised (plain week, after close of business, weekend, Christmas, Easter,
 * one-off bank holidays).
 */
import { join } from 'node:path';
import { overallDeadline } from '../../src/deadline/overall-deadline';
import { previewDeadlines } from '../../src/deadline/preview-deadlines';
import { stageDeadline } from '../../src/deadline/stage-deadline';
import { readPolicyLibrary } from '../../src/files/read-policy-library';
import { calendarOf } from '../../src/library/build-policy-library';
import { describeQuotesInDocument } from '../support/policy-quotes';

const POLICIES_DIR = join(__dirname, '../../../../policies');
const library = readPolicyLibrary(POLICIES_DIR);
const policy = library.policies.get('chew-stoke');
if (!policy) throw new Error('policies/chew-stoke.yaml did not load');
const calendar = calendarOf(library, policy);

// The policy's sentences the rows check (each is checked against the document below).
const NO_TIMESCALES =
  'Some matters may be resolved quickly, and this will be determined locally by the complexity of the issues.';
const SPEEDILY = 'In all cases, the matter will be resolved as speedily as possible';
const START_HIGHER =
  'if a child is thought to be at risk of immediate harm discretion should be used as to which stage is initiated';

interface Row {
  name: string;
  policy: string;
  raisedAt: string;
}

const rows: Row[] = [
  {
    name: 'plain week: raised Mon 1 Jun 2026 10:00 BST',
    policy: NO_TIMESCALES,
    raisedAt: '2026-06-01T10:00:00+01:00',
  },
  {
    name: 'raised at exactly 17:00:00 BST Mon 1 Jun 2026',
    policy: NO_TIMESCALES,
    raisedAt: '2026-06-01T17:00:00+01:00',
  },
  {
    name: 'raised at 17:00:01 BST Mon 1 Jun 2026 (after close of business)',
    policy: NO_TIMESCALES,
    raisedAt: '2026-06-01T17:00:01+01:00',
  },
  {
    name: 'raised on Sat 6 Jun 2026',
    policy: NO_TIMESCALES,
    raisedAt: '2026-06-06T11:00:00+01:00',
  },
  {
    name: 'Christmas and New Year: raised Wed 23 Dec 2026 10:00 GMT',
    policy: SPEEDILY,
    raisedAt: '2026-12-23T10:00:00Z',
  },
  {
    name: 'Easter 2026: raised on Good Friday 3 Apr 2026',
    policy: SPEEDILY,
    raisedAt: '2026-04-03T10:00:00+01:00',
  },
  {
    name: 'Easter 2027: raised Thu 25 Mar 2027 10:00 GMT',
    policy: SPEEDILY,
    raisedAt: '2027-03-25T10:00:00Z',
  },
  {
    name: 'one-off day: raised on the state funeral, Mon 19 Sep 2022',
    policy: NO_TIMESCALES,
    raisedAt: '2022-09-19T10:00:00+01:00',
  },
  {
    name: 'one-off days: raised Wed 1 Jun 2022, before the jubilee',
    policy: NO_TIMESCALES,
    raisedAt: '2022-06-01T10:00:00+01:00',
  },
  {
    name: 'one-off day: raised Fri 5 May 2023, before the coronation',
    policy: NO_TIMESCALES,
    raisedAt: '2023-05-05T10:00:00+01:00',
  },
  {
    name: 'one-off day: raised Thu 7 May 2020, before the moved Early May bank holiday',
    policy: NO_TIMESCALES,
    raisedAt: '2020-05-07T10:00:00+01:00',
  },
];

describe('chew-stoke: previewDeadlines (no timescales: every deadline null)', () => {
  test.each(rows)('$name', ({ raisedAt }) => {
    const previews = previewDeadlines(policy, calendar, new Date(raisedAt));
    expect(previews.map((p) => p.stage)).toEqual([1, 2, 3, 4, 5]);
    for (const p of previews) {
      expect(p.deadline).toBeNull();
      expect(p.source).toBeNull();
      // with no limit to run to, no stage has a later start in the preview
      expect(p.startsAt?.toISOString()).toBe(new Date(raisedAt).toISOString());
    }
  });

  test(`start at stage 3 is allowed ("${START_HIGHER}"): stages 3 to 5, no deadlines`, () => {
    const previews = previewDeadlines(policy, calendar, new Date('2026-06-01T10:00:00+01:00'), 3);
    expect(previews.map((p) => [p.stage, p.deadline])).toEqual([
      [3, null],
      [4, null],
      [5, null],
    ]);
  });
});

describe('chew-stoke: stageDeadline is null for every stage', () => {
  const cases = rows.flatMap((row) => [1, 2, 3, 4, 5].map((stage) => ({ ...row, stage })));
  test.each(cases)('stage $stage, $name', ({ raisedAt, stage }) => {
    const at = new Date(raisedAt);
    expect(stageDeadline(policy, calendar, { stage, raisedAt: at, startedAt: at })).toBeNull();
  });

  test('an extension on a policy without timescales still gives no deadline', () => {
    const at = new Date('2026-06-01T10:00:00+01:00');
    expect(
      stageDeadline(policy, calendar, {
        stage: 3,
        raisedAt: at,
        startedAt: at,
        extensions: [{ dueDate: '2026-06-12' }],
      }),
    ).toBeNull();
  });
});

describe('chew-stoke: overallDeadline is null', () => {
  test.each(rows)('$name', ({ raisedAt }) => {
    expect(overallDeadline(policy, calendar, new Date(raisedAt))).toBeNull();
  });
});

describe('chew-stoke: errors', () => {
  test.each([0, 6, 2.5])('previewDeadlines with start stage %p throws', (startStage) => {
    expect(() =>
      previewDeadlines(policy, calendar, new Date('2026-06-01T10:00:00+01:00'), startStage),
    ).toThrow(RangeError);
  });

  test.each([0, 6])('stageDeadline for stage %p throws', (stage) => {
    const at = new Date('2026-06-01T10:00:00+01:00');
    expect(() => stageDeadline(policy, calendar, { stage, raisedAt: at, startedAt: at })).toThrow(
      RangeError,
    );
  });

  test('a raise outside the calendar (2017, 2031) has nothing to count, so it gives null rather than an error', () => {
    for (const raisedAt of ['2017-12-29T10:00:00Z', '2031-01-06T10:00:00Z']) {
      const at = new Date(raisedAt);
      expect(previewDeadlines(policy, calendar, at).every((p) => p.deadline === null)).toBe(true);
      expect(stageDeadline(policy, calendar, { stage: 1, raisedAt: at, startedAt: at })).toBeNull();
      expect(overallDeadline(policy, calendar, at)).toBeNull();
    }
  });
});

describeQuotesInDocument('chew-stoke', rows.map((row) => row.policy).concat(START_HIGHER));
