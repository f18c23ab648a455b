import { performance } from 'node:perf_hooks';
import { sql } from 'drizzle-orm';
import type { Database } from '@escalations/db';
import type { PolicyLibrary } from '@escalations/domain';
import { literal, positiveInteger } from './bench-support';

/**
 * The benchmark database both API benchmarks (the API's and the console's) measure on:
 * BENCH_CASES cases (100,000 unless set) with their participants and stages, and ten events a
 * case, generated inside Postgres.
 */

export const CASES = positiveInteger(process.env.BENCH_CASES, 100_000);
export const EVENTS_PER_CASE = 10;

/** Share of the cases per policy: the larger partnerships raise more. */
const POLICY_WEIGHTS: Record<string, number> = {
  nel: 0.3,
  kirklees: 0.25,
  'south-glos': 0.2,
  islands: 0.15,
  'chew-stoke': 0.1,
};

const AGENCIES: readonly [name: string, domain: string][] = [
  ["Children's Social Care", 'childrens.example.gov.uk'],
  ['Adult Social Care', 'adults.example.gov.uk'],
  ['Police', 'police.example.uk'],
  ['Community Health Trust', 'community.example.nhs.uk'],
  ['Acute Hospital Trust', 'hospital.example.nhs.uk'],
  ['Mental Health Trust', 'mentalhealth.example.nhs.uk'],
  ['GP Practice', 'gp.example.nhs.uk'],
  ['Primary School', 'primary.example.sch.uk'],
  ['Secondary Academy', 'academy.example.sch.uk'],
  ['Early Years Provider', 'earlyyears.example.org.uk'],
  ['Probation Service', 'probation.example.gov.uk'],
  ['Housing Association', 'housing.example.org.uk'],
  ['Youth Offending Team', 'yot.example.gov.uk'],
  ['Voluntary Sector Partner', 'charity.example.org.uk'],
];

const PHRASES = [
  'Disagreement about whether the threshold for a strategy discussion was met',
  'The referral was closed without an assessment despite new information from school',
  'Concern that the plan agreed at conference is not being implemented',
  'Information requested from health has not been shared after two reminders',
  'Differing views on whether the family should step down to early help',
  'Drift in the case: no core group has met since the plan was made',
  'The other agency declined a joint visit; we believe one is needed',
  'Dispute about which agency should lead the assessment',
] as const;

// ---------------------------------------------------------------------------------------
// Small helpers

/** 17:00 local time on the local day of `instant` (a SQL expression), in zone `zone`. */
const closeOfBusiness = (instant: string, zone: string) =>
  `(((${instant}) at time zone ${zone})::date + time '17:00') at time zone ${zone}`;

/** An instant as the domain's JSON writes it: ISO 8601 in UTC. */
const isoOf = (instant: string) =>
  `to_char((${instant}) at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

// ---------------------------------------------------------------------------------------
// Seeding: everything generated inside Postgres, one INSERT ... SELECT per table

export interface SeedStep {
  step: string;
  rows: number;
  ms: number;
}

/** The policies as the seed needs them: weights, codes, stage lengths, categories. */
function seedPolicies(library: PolicyLibrary) {
  let lo = 0;
  const ids = Object.keys(POLICY_WEIGHTS);
  return ids.map((id, index) => {
    const policy = library.policies.get(id);
    if (!policy) throw new Error(`the policy library has no policy "${id}"`);
    const zone = library.calendars.get(policy.calendar)?.zone ?? 'Europe/London';
    const timed = policy.timescale.kind !== 'none';
    const cumulative = policy.timescale.kind.startsWith('cumulative');
    // Calendar days each stage runs for, roughly seven for every five working days.
    const stageDays = policy.stages.map((stage, i) => {
      const own = stage.deadline?.workingDays ?? 0;
      const before = cumulative && i > 0 ? (policy.stages[i - 1]!.deadline?.workingDays ?? 0) : 0;
      return Math.max(1, Math.ceil((Math.max(1, own - before) * 7) / 5));
    });
    // Where the policy sets no timescales, a week a stage.
    let total = 0;
    const stageReached = policy.stages.map((_, i) => (total += timed ? stageDays[i]! : 7));
    const hi = index === ids.length - 1 ? 1.0000001 : lo + POLICY_WEIGHTS[id]!;
    const row = {
      id,
      code: policy.code,
      lo,
      hi,
      zone,
      timed,
      stage_count: Math.min(5, policy.stages.length),
      stage_days: stageDays,
      stage_reached: stageReached,
      overall_days: policy.overallLimit
        ? Math.ceil((policy.overallLimit.workingDays * 7) / 5)
        : null,
      escalates: policy.breach.rule === 'escalate',
      categories: policy.categories.map((category) => category.key),
      agency_types: policy.agencyTypes.map((type) => type.key),
    };
    lo = hi;
    return row;
  });
}

export async function seed(db: Database, library: PolicyLibrary): Promise<SeedStep[]> {
  const steps: SeedStep[] = [];
  const step = async (name: string, statement: string, rows?: () => Promise<number>) => {
    const start = performance.now();
    const result: unknown = await db.execute(sql.raw(statement));
    const affected = (result as { count?: number }).count;
    steps.push({
      step: name,
      rows: rows ? await rows() : (affected ?? 0),
      ms: performance.now() - start,
    });
  };
  const zone = 'c.zone';

  await db.execute(sql`select setseed(0.2026)`);
  // (Utility statements take no parameters: the constants are inlined as literals.)
  await db.execute(
    sql.raw(`
    create temp table bench_policy as
    select * from jsonb_to_recordset(${literal(JSON.stringify(seedPolicies(library)))}::jsonb) as p(
      id text, code text, lo float8, hi float8, zone text, timed boolean, stage_count int,
      stage_days jsonb, stage_reached jsonb, overall_days int, escalates boolean,
      categories jsonb, agency_types jsonb
    )`),
  );
  await db.execute(
    sql.raw(`
    create temp table bench_agency as
    select (ordinality - 1)::int as idx, a->>0 as name, a->>1 as domain
    from jsonb_array_elements(${literal(JSON.stringify(AGENCIES))}::jsonb)
      with ordinality as t(a, ordinality)`),
  );
  const phrases = `array[${PHRASES.map(literal).join(', ')}]`;

  // One row per case with everything its rows in every table derive from.
  await step(
    'plan the cases',
    `create temp table bench_case as
    with base as (
      select i, random() as r_policy, random() as r_age, random() as r_open, random() as r_status,
        random() as r_stage, random() as r_due, random() as r_cat, random() as r_agency,
        random() as r_other, random() as r_risk, random() as r_close, random() as r_parts
      from generate_series(1, ${CASES}) as i
    ), picked as (
      select b.*, p.id as policy_id, p.code, p.zone, p.timed, p.stage_count, p.stage_days,
        p.stage_reached, p.overall_days, p.escalates, p.categories, p.agency_types,
        timestamptz '2024-01-02 09:00Z'
          + b.r_age * (now() - interval '1 hour' - timestamptz '2024-01-02 09:00Z') as raised_at
      from base b join bench_policy p on b.r_policy >= p.lo and b.r_policy < p.hi
    ), opened as (
      select *,
        case when raised_at > now() - interval '40 days' then r_open < 0.9
             else r_open < 0.025 end as is_open,
        least(stage_count, case when r_stage < 0.45 then 1 when r_stage < 0.7 then 2
          when r_stage < 0.85 then 3 when r_stage < 0.94 then 4 else 5 end) as current_stage
      from picked
    ), closed as (
      select *,
        (case when is_open then 'open' when r_status < 0.75 then 'resolved'
          when r_status < 0.88 then 'withdrawn' else 'decided' end)::case_status as status,
        -- from well inside the stages' time to half as long again: most close on time
        case when not is_open then least(now() - interval '1 minute', raised_at
          + (0.3 + r_close * 1.2) * (stage_reached->>(current_stage - 1))::int * interval '1 day')
        end as closed_at
      from opened
    ), staged as (
      select *, coalesce(closed_at, now()) as end_at,
        raised_at + (coalesce(closed_at, now()) - raised_at)
          * ((current_stage - 1)::float8 / current_stage) as current_started_at
      from closed
    ), due as (
      select *,
        case when not timed then null
          when is_open and raised_at > now() - interval '40 days' then ${closeOfBusiness(
            `greatest(current_started_at + interval '1 day',
              now() + (r_due * 24 - 8) * interval '1 day')`,
            'zone',
          )}
          else ${closeOfBusiness(
            `current_started_at + (stage_days->>(current_stage - 1))::int * interval '1 day'`,
            'zone',
          )} end as current_due_at,
        case when overall_days is not null then ${closeOfBusiness(
          `raised_at + overall_days * interval '1 day'`,
          'zone',
        )} end as overall_due_at,
        extract(year from raised_at at time zone zone)::int as year
      from staged
    ), numbered as (
      select *, row_number() over (partition by policy_id, year order by raised_at, i) as num
      from due
    )
    select d.*, gen_random_uuid() as id,
      code || '-' || year || '-' || lpad(num::text, greatest(4, length(num::text)), '0') as ref,
      ra.name as agency, ra.domain as agency_domain, oa.name as other_agency,
      oa.domain as other_domain,
      categories->>(floor(r_cat * jsonb_array_length(categories))::int) as category,
      2 + floor(r_parts * 3)::int as n_parts,
      ${EVENTS_PER_CASE} + (((i - 1) % 2) * 2 - 1) * (((i - 1) / 2) % 6) as n_events
    from numbered d
    join bench_agency ra on ra.idx = floor(d.r_agency * ${AGENCIES.length})::int
    join bench_agency oa on oa.idx = (floor(d.r_agency * ${AGENCIES.length})::int + 1
      + floor(d.r_other * ${AGENCIES.length - 1})::int) % ${AGENCIES.length}`,
  );

  await step(
    'agencies',
    `insert into agencies (policy_id, name, type)
    select p.id, a.name, case when jsonb_array_length(p.agency_types) > 0
      then p.agency_types->>(a.idx % jsonb_array_length(p.agency_types)) end
    from bench_policy p cross join bench_agency a`,
  );

  await step(
    'cases',
    `insert into cases (id, ref, policy_id, status, version, raised_at, case_name, agency,
      other_agency, disagreement, category, risk, outcome_sought, attempts_so_far, current_stage,
      current_due_date, current_due_at, overall_due_date, overall_due_at, overall_breached_at,
      closed_at, closing_text, outstanding, created_at, updated_at)
    select c.id, c.ref, c.policy_id, c.status, c.n_events, c.raised_at,
      'PID ' || (7000000 + c.i), c.agency, c.other_agency,
      (${phrases})[1 + c.i % ${PHRASES.length}] || '. ' || (${phrases})[1 + (c.i / 7) % ${PHRASES.length}] || '.',
      c.category, (case when c.r_risk < 0.08 then 'immediate' else 'standard' end)::risk_level,
      case when c.i % 3 <> 0 then 'A joint meeting and an agreed plan within the week' end,
      case when c.i % 4 <> 0 then 'Discussed with my line manager; emailed the other practitioner' end,
      c.current_stage,
      (c.current_due_at at time zone ${zone})::date, c.current_due_at,
      (c.overall_due_at at time zone ${zone})::date, c.overall_due_at,
      case when c.overall_due_at < c.end_at then c.overall_due_at end,
      c.closed_at,
      case c.status when 'resolved' then 'Agreed: a joint visit and a review at the next core group'
        when 'withdrawn' then 'Withdrawn: the concern was addressed at the strategy meeting'
        when 'decided' then 'Decision of the chair: the assessment proceeds as planned' end,
      case when c.status = 'resolved' and c.i % 10 = 0
        then '["Review the plan at the next core group"]'::jsonb else '[]'::jsonb end,
      c.raised_at, c.end_at
    from bench_case c order by c.raised_at`,
  );

  await step(
    'participants',
    `insert into participants (case_id, email, name, agency, role, joined_at_stage, position,
      created_at)
    select c.id, 'p' || k || '.' || c.i || '@' || case when k = 1 then c.other_domain
        else c.agency_domain end,
      (array['Alex', 'Sam', 'Jo', 'Priya', 'Tomasz', 'Aisha', 'Chris', 'Morgan'])[1 + (c.i + k) % 8]
        || ' ' || (array['Smith', 'Khan', 'Jones', 'Nowak', 'Patel', 'Evans', 'Brown'])[1 + (c.i / 3 + k) % 7],
      case when k = 1 then c.other_agency else c.agency end,
      (array['raiser', 'other-practitioner', 'manager', 'copied'])[k + 1]::participant_role,
      case when k = 3 then c.current_stage else 1 end, k, c.raised_at
    from bench_case c cross join lateral generate_series(0, c.n_parts - 1) as k`,
  );

  await step(
    'stages',
    `insert into stages (case_id, policy_id, case_raised_at, number, started_at, entered_by,
      start_date, policy_due_date, due_date, due_at, extensions, breaches, reminded_at,
      completed_at, outcome, working_days_taken)
    select s.id, s.policy_id, s.raised_at, s.n, s.started_at,
      (case when s.n = 1 then 'raise' when s.escalates and (s.i + s.n) % 3 = 0 then 'breach'
        else 'escalation' end)::stage_entry,
      case when s.timed then (s.started_at at time zone s.zone)::date end,
      (s.due_at at time zone s.zone)::date - case when s.extended then 5 else 0 end,
      (s.due_at at time zone s.zone)::date, s.due_at,
      case when s.extended then jsonb_build_array(jsonb_build_object(
        'agreedAt', ${isoOf("s.started_at + interval '1 day'")},
        'agreedBy', 'p0.' || s.i || '@' || s.agency_domain,
        'fromDueDate', (s.due_at at time zone s.zone)::date - 5,
        'dueDate', (s.due_at at time zone s.zone)::date,
        'dueAt', ${isoOf('s.due_at')},
        'reason', 'Awaiting the outcome of the strategy meeting')) else '[]'::jsonb end,
      case when s.due_at < coalesce(s.completed_at, now()) then jsonb_build_array(jsonb_build_object(
        'at', ${isoOf('s.due_at')}, 'dueDate', (s.due_at at time zone s.zone)::date,
        'recordedAt', ${isoOf("s.due_at + interval '5 minutes'")})) else '[]'::jsonb end,
      case when s.due_at - interval '1 day' < coalesce(s.completed_at, now())
        then s.due_at - interval '1 day' end,
      s.completed_at,
      (case when s.n < s.current_stage then 'escalated'
        when s.status <> 'open' then s.status::text end)::stage_outcome,
      case when s.completed_at is not null then greatest(0, round(
        extract(epoch from s.completed_at - s.started_at) / 86400 * 5 / 7))::int end
    from (
      select c.*, n, t.started_at, t.completed_at,
        c.timed and (c.i + n) % 20 = 0 as extended,
        case when not c.timed then null when n = c.current_stage then c.current_due_at
          else ${closeOfBusiness(
            `t.started_at + (c.stage_days->>(n - 1))::int * interval '1 day'`,
            zone,
          )} end as due_at
      from bench_case c
      cross join lateral generate_series(1, c.current_stage) as n
      cross join lateral (select
        c.raised_at + (c.end_at - c.raised_at) * ((n - 1)::float8 / c.current_stage) as started_at,
        case when n < c.current_stage
          then c.raised_at + (c.end_at - c.raised_at) * (n::float8 / c.current_stage)
          else c.closed_at end as completed_at) as t
    ) as s`,
  );

  // as the case repository writes it when a case closes: its stages' working days, summed
  await step(
    'working days to close',
    `update cases set working_days_to_close = taken.days
    from (select case_id, sum(working_days_taken)::int as days from stages group by case_id) as taken
    where taken.case_id = cases.id and cases.closed_at is not null`,
  );
  await step(
    'last breach',
    `update cases set last_breach_at = breached.at
    from (select stages.case_id, max((breach->>'at')::timestamptz) as at
      from stages cross join jsonb_array_elements(stages.breaches) as breach
      group by stages.case_id) as breached
    where breached.case_id = cases.id`,
  );

  // as the case repository writes them on every save: the on-time measure (`stageOnTime`)
  // on each stage, and each case's breaches, stages measured and on time
  await step(
    'report figures',
    `update stages set breached = jsonb_array_length(breaches) > 0,
      on_time = case when due_at is null or (completed_at is null and jsonb_array_length(breaches) = 0)
        then null else (completed_at is not null and completed_at <= due_at
          and jsonb_array_length(breaches) = 0) end`,
  );
  await step(
    'case report figures',
    `update cases set breach_count = figures.breaches, measured_stages = figures.measured,
      on_time_stages = figures.on_time
    from (select case_id, sum(jsonb_array_length(breaches))::int as breaches,
        (count(*) filter (where on_time is not null))::int as measured,
        (count(*) filter (where on_time))::int as on_time
      from stages group by case_id) as figures
    where figures.case_id = cases.id`,
  );

  await step(
    'events',
    `insert into events (case_id, seq, type, at, stage, actor, verified, data, recorded_at)
    select e.id, e.seq, e.type, e.at, e.stage,
      case when e.type in ('reminder-due', 'stage-breached') then 'scheduler'
        when e.r2 < 0.4 then 'api-key:bench admin'
        else 'p' || (e.seq % e.n_parts) || '.' || e.i || '@' || e.agency_domain end,
      e.r2 < 0.97,
      case e.type
        when 'case-raised' then jsonb_build_object('category', e.category, 'agency', e.agency,
          'otherAgency', e.other_agency, 'startStage', 1)
        when 'stage-entered' then jsonb_build_object('number', e.stage)
        when 'reminder-due' then jsonb_build_object('dueAt', ${isoOf("e.at + interval '1 day'")})
        when 'stage-breached' then jsonb_build_object('dueAt', ${isoOf('e.at')})
        when 'extended' then jsonb_build_object('workingDays', 5,
          'reason', 'Awaiting the outcome of the strategy meeting')
        when 'participant-added' then jsonb_build_object('email', 'p3.' || e.i || '@' || e.agency_domain)
        else jsonb_build_object('text', (${phrases})[1 + (e.i + e.seq) % ${PHRASES.length}])
      end,
      e.at + interval '2 seconds'
    from (
      select c.id, c.i, c.n_parts, c.agency, c.agency_domain, c.other_agency, c.category, seq,
        random() as r2,
        case when seq = 1 then 'case-raised'
          when seq = c.n_events and c.status <> 'open' then c.status::text
          when seq = 2 then 'stage-entered'
          else (array['noted', 'noted', 'noted', 'reminder-due', 'reminder-due',
            'participant-added', 'extended', 'rationale-recorded', 'stage-breached',
            'escalated'])[1 + floor(random() * 10)::int] end as type,
        c.raised_at + (c.end_at - c.raised_at) * ((seq - 1)::float8 / c.n_events) as at,
        1 + ((seq - 1) * c.current_stage) / c.n_events as stage
      from bench_case c cross join lateral generate_series(1, c.n_events) as seq
    ) as e`,
  );

  await step(
    'case references',
    `insert into case_references (policy_id, year, last)
    select policy_id, year, count(*) from bench_case group by policy_id, year`,
  );
  return steps;
}
