import type { AddressInfo } from 'node:net';
import { availableParallelism, loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { isSQLWrapper, sql, type SQL, type SQLWrapper } from 'drizzle-orm';
import { testMailSettings } from '@escalations/casework/testing';
import {
  openDatabase,
  ScheduleRepository,
  toCaseColumns,
  toParticipantColumns,
  toStageColumns,
  type Database,
  type DatabaseHandle,
} from '@escalations/db';
import {
  applyCommand,
  calendarOf,
  formatTable,
  type Actor,
  type CaseEvent,
  type CaseState,
  type PolicyLibrary,
} from '@escalations/domain';
import { defaultPoliciesDir, readPolicyLibrary } from '@escalations/domain/files';
import { ApiKeyService } from '../auth/api-key.service';
import { createApi } from '../create-api';
import { DeadlineSweepService, type SweepReport } from '../scheduler/deadline-sweep.service';
import {
  canConnect,
  count,
  DEFAULT_URL,
  literal,
  percentile,
  positiveInteger,
  rowsOf,
  seconds,
  timed,
} from './bench-support';
import { databaseCpuMs } from './database-cpu';

/**
 * `npm run bench` (after the API benchmark): the deadline scheduler on a realistic volume. A
 * fresh database `bench_sched_<timestamp>` on the DATABASE_URL server is seeded with 100,000
 * open cases whose next look (`check_at`) is in the future, generated inside Postgres from
 * rows the domain itself computed (a raise through `applyCommand`, written with the
 * repositories' own column mappings), so every case loads and acts through casework. Then:
 *
 * - a sweep with nothing due, 50 times, through the service and through
 *   POST /api/v1/scheduler/run (aim: p95 under 20 ms whatever the number of open cases);
 * - 10,000 more cases whose stage is due (a reminder or a breach each, nothing more), and one
 *   sweep that acts on all of them: per-stage cost and throughput.
 *
 * The clock is fixed on a Wednesday (no weekly digest). The database is dropped at the end,
 * also on error or Ctrl-C (BENCH_KEEP_DATABASE=1 keeps it). BENCH_SCHED_CASES and
 * BENCH_SCHED_DUE set the volumes, for a quicker run; BENCH_ONLY=scheduler runs this alone
 * from `npm run bench`. The catch-up row reads in due stages a second against issue 16's
 * 500, beside this process's and the database backends' CPU per stage (from /proc: on a
 * machine shared with other work, the rate follows the load, the CPU per stage much less).
 */

const OPEN_CASES = positiveInteger(process.env.BENCH_SCHED_CASES, 100_000);
const DUE_CASES = positiveInteger(process.env.BENCH_SCHED_DUE, 10_000);
const IDLE_RUNS = 50;
const IDLE_WARMUP = 20;
const IDLE_AIM_MS = 20;
/** issue 16: a catch-up after downtime acts on at least this many due stages a second */
const CATCH_UP_AIM = 500;
/** the benchmark's clock: Wed 25 Nov 2026, noon GMT */
const NOW = new Date('2026-11-25T12:00:00Z');
/** distinct raise instants the cases are made from, per policy and kind */
const PLANS_PER_POLICY = 150;

/** Share of the cases per policy (chew-stoke sets no deadlines, so nothing to look at). */
const POLICY_WEIGHTS: Record<string, number> = {
  nel: 0.35,
  kirklees: 0.3,
  'south-glos': 0.2,
  islands: 0.15,
};

const AGENCIES = [
  "Children's Social Care",
  'Adult Social Care',
  'Police',
  'Community Health Trust',
  'Acute Hospital Trust',
  'GP Practice',
  'Primary School',
  'Secondary Academy',
  'Probation Service',
  'Housing Association',
];

const IMPORT: Actor = { kind: 'admin', id: 'api-key:bench import', verified: true };
const SCHEDULER: Actor = { kind: 'scheduler', id: 'scheduler', verified: true };
/** the template's people: each case gets its own addresses (`raiser.<n>@bench.example.org`) */
const MAIL_DOMAIN_OF_PEOPLE = '@bench.example.org';

const ms = (value: number) => value.toFixed(2);

// ---------------------------------------------------------------------------------------
// Plans: cases as the domain makes them, to be copied inside Postgres

/** One raised case, as the repositories would write it (ids and addresses filled in per copy). */
interface Plan {
  policy: string;
  code: string;
  year: number;
  case: ReturnType<typeof toCaseColumns>;
  stage: ReturnType<typeof toStageColumns>;
  participants: ReturnType<typeof toParticipantColumns>[];
  events: CaseEvent[];
}

/** Every check the scheduler keeps on the case, as instants. */
function checksOf(state: CaseState): number[] {
  return [...state.stages.map((stage) => stage.checkAt), state.overallCheckAt]
    .filter((check): check is string => check !== null)
    .map((check) => Date.parse(check));
}

/**
 * Raise instants every 17 minutes over the twelve days before NOW, for each policy, raised
 * through the domain. `future`: nothing due at NOW. `due`: exactly one thing due at NOW (the
 * stage's reminder, or its breach), and nothing after the sweep has acted on it (a breach that
 * escalates opens a stage whose own check is still ahead), so the sweep does one action each.
 */
function buildPlans(library: PolicyLibrary): { future: Plan[]; due: Plan[] } {
  const future: Plan[] = [];
  const due: Plan[] = [];
  const now = NOW.getTime();
  for (const id of Object.keys(POLICY_WEIGHTS)) {
    const policy = library.policies.get(id);
    if (!policy) throw new Error(`the policy library has no policy "${id}"`);
    const context = { policy, calendar: calendarOf(library, policy), now: NOW };
    const kinds = { future: [] as Plan[], due: [] as Plan[] };
    for (let t = now - 12 * 86_400_000; t < now - 1_800_000; t += 17 * 60_000) {
      const raisedAt = new Date(t);
      const raised = applyCommand(
        null,
        {
          kind: 'raise',
          ref: `${policy.code}-2026-0000`,
          raisedAt,
          raisedBy: { name: 'Alex Smith', email: `raiser${MAIL_DOMAIN_OF_PEOPLE}` },
          manager: { name: 'Priya Khan', email: `manager${MAIL_DOMAIN_OF_PEOPLE}` },
          otherPractitioner: { name: 'Sam Jones', email: `other${MAIL_DOMAIN_OF_PEOPLE}` },
          caseName: 'PID 0',
          agency: AGENCIES[0]!,
          otherAgency: AGENCIES[1]!,
          disagreement: 'Whether the referral meets the threshold for an assessment',
          category: policy.categories[0]!.key,
          risk: 'standard',
          startStage: 1,
          imported: true,
        },
        context,
        IMPORT,
      );
      if (!raised.ok) continue;
      const { state } = raised;
      const stage = state.stages[0]!;
      const plan: Plan = {
        policy: id,
        code: policy.code,
        year: raisedAt.getUTCFullYear(),
        case: toCaseColumns(state),
        stage: toStageColumns('', state, stage),
        participants: state.participants.map((p, i) => toParticipantColumns('', p, i)),
        events: raised.events,
      };
      const checks = checksOf(state);
      if (checks.every((check) => check > now)) {
        kinds.future.push(plan);
        continue;
      }
      if (stage.checkAt === null || Date.parse(stage.checkAt) > now) continue;
      if (state.overallCheckAt !== null && Date.parse(state.overallCheckAt) <= now) continue;
      const breach = stage.dueAt !== null && now > Date.parse(stage.dueAt);
      const acted = applyCommand(
        state,
        breach ? { kind: 'breach', stage: 1 } : { kind: 'remind', stage: 1 },
        context,
        SCHEDULER,
      );
      if (acted.ok && checksOf(acted.state).every((check) => check > now)) kinds.due.push(plan);
    }
    for (const [kind, list] of Object.entries(kinds)) {
      if (list.length === 0) throw new Error(`no ${kind} plans for ${id}`);
      const step = Math.max(1, list.length / PLANS_PER_POLICY);
      const sample: Plan[] = [];
      for (let i = 0; i < list.length && sample.length < PLANS_PER_POLICY; i += step) {
        sample.push(list[Math.floor(i)]!);
      }
      (kind === 'future' ? future : due).push(...sample);
    }
  }
  return { future, due };
}

// ---------------------------------------------------------------------------------------
// Seeding: one INSERT ... SELECT per table, from the plans

interface SeedStep {
  step: string;
  rows: number;
  ms: number;
}

async function seed(db: Database, plans: readonly Plan[], cases: number, label: string) {
  const steps: SeedStep[] = [];
  const step = async (name: string, statement: SQL) => {
    const start = performance.now();
    const result: unknown = await db.execute(statement);
    steps.push({
      step: `${label}: ${name}`,
      rows: (result as { count?: number }).count ?? 0,
      ms: performance.now() - start,
    });
  };
  const weights = Object.entries(POLICY_WEIGHTS);
  let lo = 0;
  const policies = weights.map(([id, weight], index) => {
    const row = { id, lo, hi: index === weights.length - 1 ? 1.0000001 : lo + weight };
    lo = row.hi;
    return row;
  });

  await db.execute(sql`select setseed(0.2026)`);
  await db.execute(sql.raw('drop table if exists bench_plan, bench_policy, bench_case'));
  await db.execute(
    sql.raw(`create temp table bench_plan (idx int, policy text, code text, year int,
      pos int, c jsonb, s jsonb, parts jsonb, evs jsonb)`),
  );
  await db.execute(sql`
    insert into bench_plan
    select (ordinality - 1)::int, p->>'policy', p->>'code', (p->>'year')::int,
      (row_number() over (partition by p->>'policy' order by ordinality) - 1)::int,
      p->'case', p->'stage', p->'participants', p->'events'
    from jsonb_array_elements(${JSON.stringify(plans)}::jsonb) with ordinality as t(p, ordinality)`);
  await db.execute(
    sql.raw(`create temp table bench_policy as
    select p.*, (select count(*)::int from bench_plan b where b.policy = p.id) as plans
    from jsonb_to_recordset(${literal(JSON.stringify(policies))}::jsonb) as p(id text, lo float8, hi float8)`),
  );
  const agencies = `array[${AGENCIES.map(literal).join(', ')}]`;

  // One row per case: which plan it copies, its id, number and reference.
  await step(
    'plan the cases',
    sql.raw(`create temp table bench_case as
    with picked as (
      select i, pol.id as policy, floor(r_plan * pol.plans)::int as pos
      from (select i, random() as r_policy, random() as r_plan
        from generate_series(1, ${cases}) as i) as b
      join bench_policy pol on b.r_policy >= pol.lo and b.r_policy < pol.hi
    ), planned as (
      select k.i, p.*, gen_random_uuid() as id,
        row_number() over (partition by p.policy, p.year order by (p.c->>'raisedAt'), k.i)
          + coalesce((select r.last from case_references r
            where r.policy_id = p.policy and r.year = p.year), 0) as num
      from picked k join bench_plan p on p.policy = k.policy and p.pos = k.pos
    )
    select *, code || '-' || year || '-' || lpad(num::text, greatest(4, length(num::text)), '0')
      as ref,
      (i % ${AGENCIES.length}) + 1 as agency_idx,
      ((i + 1 + (i / ${AGENCIES.length}) % ${AGENCIES.length - 1}) % ${AGENCIES.length}) + 1
        as other_idx
    from planned`),
  );
  // The template's addresses, made the case's own.
  const own = (text: string) =>
    `replace(${text}, ${literal(MAIL_DOMAIN_OF_PEOPLE)}, '.' || b.num || '.' || lower(b.code) || ${literal(MAIL_DOMAIN_OF_PEOPLE)})`;

  await step(
    'cases',
    sql.raw(`insert into cases (id, ref, policy_id, status, version, raised_at, case_name,
      agency, other_agency, disagreement, category, risk, current_stage, current_due_date,
      current_due_at, overall_due_date, overall_due_at, overall_check_at, outstanding)
    select b.id, b.ref, b.policy, (b.c->>'status')::case_status, (b.c->>'version')::int,
      (b.c->>'raisedAt')::timestamptz, 'PID ' || (7000000 + b.i),
      (${agencies})[b.agency_idx], (${agencies})[b.other_idx], b.c->>'disagreement',
      b.c->>'category', (b.c->>'risk')::risk_level, (b.c->>'currentStage')::int,
      (b.c->>'currentDueDate')::date, (b.c->>'currentDueAt')::timestamptz,
      (b.c->>'overallDueDate')::date, (b.c->>'overallDueAt')::timestamptz,
      (b.c->>'overallCheckAt')::timestamptz, b.c->'outstanding'
    from bench_case b order by b.c->>'raisedAt'`),
  );
  await step(
    'participants',
    sql.raw(`insert into participants (case_id, email, name, agency, role, joined_at_stage,
      position)
    select b.id, ${own("p->>'email'")}, p->>'name',
      case when p->>'role' = 'other-practitioner' then (${agencies})[b.other_idx]
        else (${agencies})[b.agency_idx] end,
      (p->>'role')::participant_role, (p->>'joinedAtStage')::int, (p->>'position')::int
    from bench_case b cross join lateral jsonb_array_elements(b.parts) as p`),
  );
  await step(
    'stages',
    sql.raw(`insert into stages (case_id, policy_id, case_raised_at, number, started_at,
      entered_by, start_date, policy_due_date, due_date, due_at, extensions, breaches, breached,
      on_time, reminded_at, remind_at, check_at, completed_at, outcome, working_days_taken)
    select b.id, b.s->>'policyId', (b.s->>'caseRaisedAt')::timestamptz, (b.s->>'number')::int,
      (b.s->>'startedAt')::timestamptz,
      (b.s->>'enteredBy')::stage_entry, (b.s->>'startDate')::date,
      (b.s->>'policyDueDate')::date, (b.s->>'dueDate')::date, (b.s->>'dueAt')::timestamptz,
      b.s->'extensions', b.s->'breaches', (b.s->>'breached')::boolean,
      (b.s->>'onTime')::boolean, (b.s->>'remindedAt')::timestamptz,
      (b.s->>'remindAt')::timestamptz, (b.s->>'checkAt')::timestamptz,
      (b.s->>'completedAt')::timestamptz, (b.s->>'outcome')::stage_outcome,
      (b.s->>'workingDaysTaken')::int
    from bench_case b`),
  );
  await step(
    'events',
    sql.raw(`insert into events (case_id, seq, type, at, stage, actor, verified, data,
      recorded_at)
    select b.id, e.seq::int, e.v->>'type', (e.v->>'at')::timestamptz, (e.v->>'stage')::int,
      e.v->>'actor', (e.v->>'verified')::boolean, ${own("(e.v->'data')::text")}::jsonb,
      ${literal(NOW.toISOString())}::timestamptz
    from bench_case b cross join lateral jsonb_array_elements(b.evs) with ordinality as e(v, seq)`),
  );
  await step(
    'case references',
    sql.raw(`insert into case_references (policy_id, year, last)
    select policy, year, max(num) from bench_case group by policy, year
    on conflict (policy_id, year) do update set last = excluded.last`),
  );
  return steps;
}

// ---------------------------------------------------------------------------------------
// The queries the sweep issues, for EXPLAIN

/** The query a repository method builds, caught on a proxy of the database (it still runs). */
async function queryIssuedBy(db: Database, run: (db: Database) => Promise<unknown>): Promise<SQL> {
  const seen: { last?: SQLWrapper } = {};
  const recording = <T extends object>(target: T): T =>
    new Proxy(target, {
      get(object, property) {
        const value: unknown = Reflect.get(object, property, object);
        if (typeof value !== 'function' || property === 'then') return value;
        return (...args: unknown[]): unknown => {
          const result: unknown = Reflect.apply(value, object, args);
          if (typeof result !== 'object' || result === null || result instanceof Promise)
            return result;
          if (isSQLWrapper(result)) seen.last = result;
          return recording(result);
        };
      },
    });
  await run(recording(db));
  if (!seen.last) throw new Error('no query was built');
  return seen.last.getSQL();
}

async function explain(db: Database, query: SQL): Promise<string[]> {
  const rows = await rowsOf<{ 'QUERY PLAN': string }>(
    db,
    sql`explain (analyze, costs off, timing off, summary on) ${query}`,
  );
  return rows.map((row) => row['QUERY PLAN']);
}

// ---------------------------------------------------------------------------------------

interface Timing {
  name: string;
  times: number[];
  /** sweeps that did something when nothing should have been due */
  acted: number;
}

const didSomething = (report: SweepReport) =>
  report.reminders.length + report.breaches.length + report.overallLimits.length > 0;

function timingRow({ name, times, acted }: Timing, aim: number | null): (string | number)[] {
  const sorted = [...times].sort((a, b) => a - b);
  const p95 = percentile(sorted, 0.95);
  return [
    name,
    times.length,
    ms(percentile(sorted, 0.5)),
    ms(p95),
    ms(sorted.at(-1) ?? Number.NaN),
    aim === null ? '-' : `p95 < ${aim} ms`,
    acted > 0 ? `NO: ${acted} acted` : aim === null ? '-' : p95 <= aim ? 'yes' : 'NO',
  ];
}

async function main(): Promise<void> {
  // BENCH_ONLY=api or console: the API benchmark's tables alone
  const only = process.env.BENCH_ONLY;
  if (only && only !== 'scheduler') return;
  const serverUrl = process.env.DATABASE_URL || DEFAULT_URL;
  const server = await openDatabase({ url: serverUrl, poolSize: 1 });
  const problem = await canConnect(server);
  if (problem) {
    console.log(`Scheduler benchmark skipped: no Postgres at ${server.location} (${problem}).`);
    console.log('Set DATABASE_URL to a PostgreSQL server to run it. skipped: no Postgres');
    await server.close().catch(() => undefined);
    return;
  }

  const name = `bench_sched_${Date.now()}`;
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const keep = process.env.BENCH_KEEP_DATABASE === '1';
  let app: NestExpressApplication | undefined;
  let database: DatabaseHandle | undefined;
  let created = false;
  let cleaned: Promise<void> | undefined;
  const cleanUp = () =>
    (cleaned ??= (async () => {
      await app?.close().catch(() => undefined);
      await database?.close().catch(() => undefined);
      if (keep && created) {
        console.log(`\nkept database ${name} (BENCH_KEEP_DATABASE=1): drop it when done`);
      } else if (created) {
        await server.db
          .execute(sql.raw(`drop database if exists "${name}" with (force)`))
          .catch((error: unknown) => console.error(`could not drop database ${name}:`, error));
      }
      await server.close().catch(() => undefined);
    })());
  const onSignal = (signal: NodeJS.Signals) => {
    if (cleaned) return;
    console.error(`\n${signal}: dropping ${name} ...`);
    void cleanUp().finally(() => process.exit(130));
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);

  try {
    const [{ version } = { version: '?' }] = await rowsOf<{ version: string }>(
      server.db,
      sql`select current_setting('server_version') as version`,
    );
    console.log(
      `Scheduler benchmark: Node ${process.version}, PostgreSQL ${version} at ${server.location}, ` +
        `${count(OPEN_CASES)} open cases, then ${count(DUE_CASES)} due; clock ${NOW.toISOString()}\n`,
    );
    await server.db.execute(sql.raw(`create database "${name}"`));
    created = true;
    database = await openDatabase({ url: url.toString(), poolSize: 10 });
    const [, migrateMs] = await timed(() => database!.migrate());

    const library = readPolicyLibrary(process.env.POLICIES_DIR ?? defaultPoliciesDir(__dirname));
    const [plans, planMs] = await timed(() => Promise.resolve(buildPlans(library)));

    // One connection for the seed: the temp tables and setseed() belong to a session.
    const seeder = await openDatabase({ url: url.toString(), poolSize: 1 });
    const steps: SeedStep[] = [];
    let vacuumMs = 0;
    try {
      steps.push(...(await seed(seeder.db, plans.future, OPEN_CASES, 'open')));
      [, vacuumMs] = await timed(async () => {
        await seeder.db.execute(sql`vacuum (analyze)`);
        await seeder.db.execute(sql`checkpoint`).catch(() => undefined);
      });
    } finally {
      await seeder.close();
    }
    console.log(
      formatTable(
        ['seeding step', 'rows', 'seconds'],
        [
          ['migrate', '-', seconds(migrateMs)],
          [
            `plans through the domain (${plans.future.length} + ${plans.due.length})`,
            '-',
            seconds(planMs),
          ],
          ...steps.map((s) => [s.step, count(s.rows), seconds(s.ms)]),
          ['vacuum (analyze), checkpoint', '-', seconds(vacuumMs)],
        ],
      ),
    );
    console.log('');

    const clock = { now: NOW };
    app = await createApi(
      // the breach mail is rendered and queued in the outbox, never sent: test settings will do
      { database: database.db, library, clock: () => clock.now, mail: testMailSettings() },
      { logger: false },
    );
    await app.listen(0, '127.0.0.1');
    const { port } = app.getHttpServer().address() as AddressInfo;
    const base = `http://127.0.0.1:${port}`;
    const { key } = await app.get(ApiKeyService).create('admin', 'bench admin');
    const sweeps = app.get(DeadlineSweepService);
    const db = database.db;

    const idle = async (label: string): Promise<Timing[]> => {
      const service: Timing = {
        name: `sweep, nothing due (service), ${label}`,
        times: [],
        acted: 0,
      };
      const http: Timing = {
        name: `POST /scheduler/run, nothing due, ${label}`,
        times: [],
        acted: 0,
      };
      for (let i = 0; i < IDLE_WARMUP; i++) await sweeps.sweep();
      for (let i = 0; i < IDLE_RUNS; i++) {
        const [report, took] = await timed(() => sweeps.sweep());
        service.times.push(took);
        if (didSomething(report)) service.acted += 1;
      }
      for (let i = 0; i < IDLE_RUNS; i++) {
        const [report, took] = await timed(async () => {
          const response = await fetch(`${base}/api/v1/scheduler/run`, {
            method: 'POST',
            headers: { authorization: `Bearer ${key}` },
          });
          if (response.status !== 200) throw new Error(`POST /scheduler/run: ${response.status}`);
          return (await response.json()) as SweepReport;
        });
        http.times.push(took);
        if (didSomething(report)) http.acted += 1;
      }
      return [service, http];
    };

    const openCount = async () =>
      (
        await rowsOf<{ n: number }>(
          db,
          sql`select count(*)::int as n from cases where status = 'open'`,
        )
      )[0]?.n ?? 0;
    const before = await idle(`${count(await openCount())} open`);

    const schedule = new ScheduleRepository();
    const plansOf = async () => [
      ...(await explain(
        db,
        await queryIssuedBy(db, (probe) => schedule.dueStages(probe, NOW, 200)),
      )),
      ...(await explain(
        db,
        await queryIssuedBy(db, (probe) => schedule.dueOverallLimits(probe, NOW, 200)),
      )),
    ];
    const idlePlans = await plansOf();

    // The due cases: seeded the same way, then one sweep acts on all of them.
    const seeder2 = await openDatabase({ url: url.toString(), poolSize: 1 });
    try {
      const dueSteps = await seed(seeder2.db, plans.due, DUE_CASES, 'due');
      await seeder2.db.execute(sql`analyze`);
      console.log(
        formatTable(
          ['seeding step', 'rows', 'seconds'],
          dueSteps.map((s) => [s.step, count(s.rows), seconds(s.ms)]),
        ),
      );
      console.log('');
    } finally {
      await seeder2.close();
    }
    const [dueNow] = await rowsOf<{ stages: number; limits: number }>(
      db,
      sql`select (select count(*)::int from stages where check_at <= ${NOW.toISOString()}::timestamptz) as stages,
        (select count(*)::int from cases where overall_check_at <= ${NOW.toISOString()}::timestamptz) as limits`,
    );
    const counts = () =>
      rowsOf<{ notices: number; mails: number; events: number }>(
        db,
        sql`select (select count(*)::int from notices) as notices,
          (select count(*)::int from outbox) as mails, (select count(*)::int from events) as events`,
      );
    const [countsBefore] = await counts();
    const dbCpuBefore = await databaseCpuMs(db, name);
    const cpuBefore = process.cpuUsage();
    const [report, sweepMs] = await timed(() => sweeps.sweep());
    const cpu = process.cpuUsage(cpuBefore);
    const dbCpuAfter = await databaseCpuMs(db, name);
    const [countsAfter] = await counts();
    const actions = report.reminders.length + report.breaches.length + report.overallLimits.length;

    const after = await idle(`${count(await openCount())} open`);

    console.log(
      `One sweep at a time, the API in this process; load average ${loadavg()[0]!.toFixed(1)} ` +
        `on ${availableParallelism()} cores\n`,
    );
    console.log(
      formatTable(
        ['sweep', 'runs', 'p50 ms', 'p95 ms', 'max ms', 'aim', 'met?'],
        [...before, ...after].map((timing) => timingRow(timing, IDLE_AIM_MS)),
      ),
    );
    console.log('');
    const perAction = sweepMs / Math.max(1, actions);
    console.log(
      formatTable(
        ['sweep acting on the due stages', 'value'],
        [
          ['stages due (check_at <= now)', count(dueNow?.stages ?? 0)],
          ['overall limits due', count(dueNow?.limits ?? 0)],
          ['reminders sent', count(report.reminders.length)],
          ['breaches recorded (rule applied)', count(report.breaches.length)],
          ['overall limits recorded', count(report.overallLimits.length)],
          ['skipped', count(report.skipped)],
          ['notices written', count((countsAfter?.notices ?? 0) - (countsBefore?.notices ?? 0))],
          ['mails queued', count((countsAfter?.mails ?? 0) - (countsBefore?.mails ?? 0))],
          ['events appended', count((countsAfter?.events ?? 0) - (countsBefore?.events ?? 0))],
          ['sweep time', `${seconds(sweepMs)} s`],
          ['per stage acted on', `${ms(perAction)} ms`],
          [
            'service CPU per stage (this process)',
            `${ms((cpu.user + cpu.system) / 1000 / Math.max(1, actions))} ms`,
          ],
          [
            'database CPU per stage (its backends)',
            dbCpuBefore === null || dbCpuAfter === null
              ? 'not readable'
              : `${ms((dbCpuAfter - dbCpuBefore) / Math.max(1, actions))} ms`,
          ],
          ['load average during the run', loadavg()[0]!.toFixed(1)],
          [
            `catch-up: due stages a second (aim ${CATCH_UP_AIM})`,
            `${count(Math.round((actions / sweepMs) * 1000))} stages/s`,
          ],
        ],
      ),
    );
    if (actions !== DUE_CASES || (dueNow?.stages ?? 0) !== DUE_CASES) {
      console.log(
        `\nNOTE: ${count(DUE_CASES)} stages were made due, the sweep acted on ${count(actions)}`,
      );
      process.exitCode = 1;
    }
    console.log('\nThe probes of a sweep with nothing due (EXPLAIN ANALYZE, 100,000 open cases):');
    console.log(idlePlans.map((line) => `  ${line}`).join('\n'));
    console.log(
      `\npeak RSS of this process (API and client) ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MiB`,
    );
  } finally {
    await cleanUp();
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
}

main().catch((error: unknown) => {
  console.error(
    'Scheduler benchmark failed:',
    error instanceof Error && error.cause ? error.cause : error,
  );
  process.exitCode = 1;
});
