import type { AddressInfo } from 'node:net';
import { availableParallelism, loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { sql } from 'drizzle-orm';
import { testMailSettings } from '@escalations/casework/testing';
import { openDatabase, type DatabaseHandle } from '@escalations/db';
import { formatTable } from '@escalations/domain';
import { defaultPoliciesDir, readPolicyLibrary } from '@escalations/domain/files';
import { ApiKeyService } from '../auth/api-key.service';
import { createApi } from '../create-api';
import {
  canConnect,
  count,
  DEFAULT_URL,
  percentile,
  rowsOf,
  seconds,
  timed,
} from './bench-support';
import { CASES, EVENTS_PER_CASE, seed, type SeedStep } from './bench-seed';
import { measureConsole } from './console-benchmark';

/**
 * `npm run bench`: the administrators' API over real HTTP on a realistic volume. A fresh
 * database on the DATABASE_URL server is seeded with 100,000 cases (their participants and
 * stages) and a million events, generated inside Postgres; then the real API answers the
 * case list, case detail, the reports and the CSV export, and p50/p95 are printed against the
 * aims of the issue: list and detail p95 under 20 ms, the reports under 500 ms. The database
 * is dropped at the end, also on error or Ctrl-C (BENCH_KEEP_DATABASE=1 keeps it, to EXPLAIN).
 *
 * BENCH_CASES sets the number of cases (events are ten per case), for a quicker run.
 * BENCH_DATABASE=<name> measures on a database an earlier run kept (BENCH_KEEP_DATABASE=1)
 * instead of seeding a new one, and keeps it. BENCH_ONLY=console measures only the console's
 * pages (console-benchmark.ts), BENCH_ONLY=api only the API's endpoints, BENCH_ONLY=scheduler
 * none of them (the scheduler benchmark, which `npm run bench` runs after this one, alone).
 */

/** the report period: the whole of the current year of the seed */
const REPORT_YEAR = 2026;
/** no endpoint gets more of the wall clock than this, however slow it turns out to be */
const ENDPOINT_BUDGET_MS = 60_000;
const REQUEST_TIMEOUT_MS = 120_000;

const mib = (bytes: number) => `${(bytes / 2 ** 20).toFixed(1)} MiB`;

// ---------------------------------------------------------------------------------------
// Measuring over HTTP

interface Probe {
  name: string;
  /** p95 aim in ms, if the issue sets one */
  aim: number | null;
  warmup: number;
  samples: number;
  path: (i: number) => string;
  csv?: boolean;
}

interface Measured {
  probe: Probe;
  times: number[];
  /** the first non-2xx status, if any */
  failed?: number;
  rows?: number;
  bytes?: number;
}

async function request(
  base: string,
  key: string,
  path: string,
): Promise<{ status: number; bytes: number; lines: number; text?: string }> {
  const response = await fetch(base + path, {
    headers: { authorization: `Bearer ${key}` },
    signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
  });
  if (!response.body) return { status: response.status, bytes: 0, lines: 0 };
  let bytes = 0;
  let lines = 0;
  const chunks: Buffer[] = [];
  for await (const chunk of response.body as AsyncIterable<Uint8Array>) {
    const buffer = Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    bytes += buffer.byteLength;
    for (let at = buffer.indexOf(10); at !== -1; at = buffer.indexOf(10, at + 1)) lines += 1;
    if (chunks.length < 64) chunks.push(buffer);
  }
  return { status: response.status, bytes, lines, text: Buffer.concat(chunks).toString('utf8') };
}

async function measure(base: string, key: string, probe: Probe): Promise<Measured> {
  const result: Measured = { probe, times: [] };
  for (let i = 0; i < probe.warmup; i++) {
    const { status } = await request(base, key, probe.path(-1 - i));
    if (status < 200 || status > 299) return { ...result, failed: status };
  }
  const deadline = performance.now() + ENDPOINT_BUDGET_MS;
  for (let i = 0; i < probe.samples && performance.now() < deadline; i++) {
    const start = performance.now();
    const { status, bytes, lines, text } = await request(base, key, probe.path(i));
    const ms = performance.now() - start;
    if (status < 200 || status > 299) return { ...result, failed: status };
    result.times.push(ms);
    if (probe.csv) {
      result.bytes = bytes;
      // the header line, and a last line with or without its newline
      result.rows = Math.max(0, lines - 1 + (text && !text.endsWith('\n') ? 1 : 0));
    }
  }
  return result;
}

function resultRows(results: readonly Measured[]): string[][] {
  const ms = (value: number) => value.toFixed(1).padStart(7);
  return results.map(({ probe, times, failed }) => {
    const aim = probe.aim === null ? '-' : `p95 < ${probe.aim} ms`;
    if (failed !== undefined || times.length === 0) {
      return [probe.name, '0'.padStart(7), '-', '-', '-', aim, `HTTP ${failed ?? '?'}`];
    }
    const sorted = [...times].sort((a, b) => a - b);
    const p95 = percentile(sorted, 0.95);
    const met = probe.aim === null ? '-' : p95 <= probe.aim ? 'yes' : 'NO';
    return [
      probe.name,
      String(times.length).padStart(7),
      ms(percentile(sorted, 0.5)),
      ms(p95),
      ms(sorted.at(-1)!),
      aim,
      met,
    ];
  });
}

// ---------------------------------------------------------------------------------------

async function main(): Promise<void> {
  // `npm run bench` runs the scheduler benchmark next; BENCH_ONLY=scheduler measures it alone
  if (process.env.BENCH_ONLY === 'scheduler') return;
  const serverUrl = process.env.DATABASE_URL || DEFAULT_URL;
  const server = await openDatabase({ url: serverUrl, poolSize: 1 });
  const problem = await canConnect(server);
  if (problem) {
    console.log(`API benchmark skipped: no Postgres at ${server.location} (${problem}).`);
    console.log('Set DATABASE_URL to a PostgreSQL server to run it. skipped: no Postgres');
    await server.close().catch(() => undefined);
    return;
  }

  const reused = process.env.BENCH_DATABASE;
  const only = process.env.BENCH_ONLY;
  const name = reused || `bench_${Date.now()}`;
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const keep = Boolean(reused) || process.env.BENCH_KEEP_DATABASE === '1';
  let app: NestExpressApplication | undefined;
  let database: DatabaseHandle | undefined;
  let cleaned: Promise<void> | undefined;
  const cleanUp = () =>
    (cleaned ??= (async () => {
      await app?.close().catch(() => undefined);
      await database?.close().catch(() => undefined);
      if (keep) {
        console.log(`\nkept database ${name} (BENCH_KEEP_DATABASE=1): drop it when done`);
      } else {
        await server.db
          .execute(sql.raw(`drop database if exists "${name}" with (force)`))
          .catch((error: unknown) => console.error(`could not drop database ${name}:`, error));
      }
      await server.close().catch(() => undefined);
    })());
  // Ctrl-C: still drop the database. Nest's own shutdown hook re-sends the signal once it
  // has closed the app, so the handler stays on and ignores repeats while it cleans up.
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
      "select current_setting('server_version') as version",
    );
    console.log(
      `API benchmark: Node ${process.version}, PostgreSQL ${version} at ${server.location}, ` +
        `${count(CASES)} cases, ${count(CASES * EVENTS_PER_CASE)} events\n`,
    );
    if (!reused) await server.db.execute(sql.raw(`create database "${name}"`));
    database = await openDatabase({ url: url.toString(), poolSize: 10 });
    // (on a kept database: only the migrations added since, such as a new index)
    const [, migrateMs] = await timed(() => database!.migrate());

    const library = readPolicyLibrary(process.env.POLICIES_DIR ?? defaultPoliciesDir(__dirname));
    if (reused) {
      // Migrations since the seed may have added indexes or columns: the planner needs their
      // statistics and the visibility map, or it reads the tables instead of the new indexes.
      const [, vacuumMs] = await timed(() => database!.db.execute(sql`vacuum (analyze)`));
      console.log(
        `on database ${name}, seeded by an earlier run; migrated in ${seconds(migrateMs)} s, vacuumed in ${seconds(vacuumMs)} s`,
      );
    } else {
      // One connection for the seed: the temp tables and setseed() belong to a session.
      const seeder = await openDatabase({ url: url.toString(), poolSize: 1 });
      let steps: SeedStep[];
      let vacuumMs: number;
      try {
        steps = await seed(seeder.db, library);
        [, vacuumMs] = await timed(async () => {
          await seeder.db.execute(sql`vacuum (analyze)`);
          // Write the seed's dirty pages now, not in a checkpoint during the measurements
          // (needs a superuser or pg_checkpoint; without either, the run goes on).
          await seeder.db.execute(sql`checkpoint`).catch(() => undefined);
        });
      } finally {
        await seeder.close();
      }
      const seedMs = steps.reduce((sum, s) => sum + s.ms, 0);
      console.log(
        formatTable(
          ['seeding step', 'rows', 'seconds'],
          [
            ['migrate', '-', seconds(migrateMs)],
            ...steps.map((s) => [s.step, count(s.rows), seconds(s.ms)]),
            ['vacuum (analyze), checkpoint', '-', seconds(vacuumMs)],
            ['total', '-', seconds(migrateMs + seedMs + vacuumMs)],
          ],
        ),
      );
    }
    console.log('');

    // Sample the references the detail requests ask for.
    const refs = (
      await rowsOf<{ ref: string }>(
        database.db,
        'select ref from cases tablesample bernoulli (2) repeatable (7) limit 1000',
      )
    ).map((row) => row.ref);
    const refAt = (i: number) => refs[((i % refs.length) + refs.length) % refs.length]!;

    app = await createApi(
      // the reads measured here send no mail: the test settings will do
      { database: database.db, library, clock: () => new Date(), mail: testMailSettings() },
      { logger: false },
    );
    await app.listen(0, '127.0.0.1');
    const { port } = app.getHttpServer().address() as AddressInfo;
    const base = `http://127.0.0.1:${port}`;
    const { key } = await app.get(ApiKeyService).create('admin', 'bench admin');

    // The second page of the overdue list starts after the first page's last row.
    const first = await request(base, key, '/api/v1/cases?overdue=true&limit=50');
    const nextCursor =
      first.status === 200
        ? (JSON.parse(first.text ?? '{}') as { nextCursor?: string | null }).nextCursor
        : null;
    const overdueRows = await rowsOf<{ n: number }>(
      database.db,
      `select count(*)::int as n from cases where status = 'open' and current_due_at < now()`,
    );

    const probes: Probe[] = [
      {
        name: 'GET /cases?overdue=true&limit=50',
        aim: 20,
        warmup: 20,
        samples: 200,
        path: () => '/api/v1/cases?overdue=true&limit=50',
      },
      {
        name: '  ... second page (cursor)',
        aim: 20,
        warmup: 20,
        samples: 200,
        path: () =>
          nextCursor
            ? `/api/v1/cases?overdue=true&limit=50&cursor=${encodeURIComponent(nextCursor)}`
            : '/api/v1/cases?overdue=true&limit=50&cursor=none',
      },
      {
        name: 'GET /cases?policy=nel&status=open&limit=50',
        aim: 20,
        warmup: 20,
        samples: 200,
        path: () => '/api/v1/cases?policy=nel&status=open&limit=50',
      },
      {
        name: 'GET /cases/:ref (random refs)',
        aim: 20,
        warmup: 20,
        samples: 200,
        path: (i) => `/api/v1/cases/${encodeURIComponent(refAt(i + 500))}`,
      },
      {
        name: 'GET /cases/:ref/events (random refs)',
        aim: 20,
        warmup: 20,
        samples: 200,
        path: (i) => `/api/v1/cases/${encodeURIComponent(refAt(i + 250))}/events`,
      },
      {
        name: `GET /reports/timeliness?policy=nel (${REPORT_YEAR})`,
        aim: 500,
        warmup: 2,
        samples: 20,
        path: () =>
          `/api/v1/reports/timeliness?policy=nel&from=${REPORT_YEAR}-01-01&to=${REPORT_YEAR}-12-31`,
      },
      {
        name: `GET /reports/annual?policy=nel&year=${REPORT_YEAR}`,
        aim: 500,
        warmup: 2,
        samples: 20,
        path: () => `/api/v1/reports/annual?policy=nel&year=${REPORT_YEAR}`,
      },
      {
        name: 'GET /cases.csv?policy=nel (full download)',
        aim: null,
        warmup: 1,
        samples: 5,
        path: () => '/api/v1/cases.csv?policy=nel',
        csv: true,
      },
    ];

    const [results, measureMs] = await timed(async () => {
      const all: Measured[] = [];
      if (only === 'console') return all;
      for (const probe of probes) all.push(await measure(base, key, probe));
      return all;
    });

    if (results.length > 0) {
      console.log(
        `Over HTTP to 127.0.0.1, one request at a time, keep-alive; ${count(overdueRows[0]?.n ?? 0)} ` +
          `cases overdue; measured in ${seconds(measureMs)} s; load average ` +
          `${loadavg()[0]!.toFixed(1)} on ${availableParallelism()} cores\n`,
      );
      console.log(
        formatTable(
          ['endpoint', 'samples', 'p50 ms', 'p95 ms', 'max ms', 'aim', 'met?'],
          resultRows(results),
        ),
      );
      const csv = results.find((r) => r.probe.csv);
      if (csv?.bytes !== undefined && csv.failed === undefined) {
        console.log(`\nCSV export: ${count(csv.rows ?? 0)} rows, ${mib(csv.bytes)}`);
      }
    }

    if (only !== 'api') {
      console.log('');
      await measureConsole(app, refAt);
    }

    const sizes = await rowsOf<{ name: string; rows: number; size: string }>(
      database.db,
      `select c.relname as name, c.reltuples::bigint::int as rows,
        pg_size_pretty(pg_total_relation_size(c.oid)) as size
      from pg_class c join pg_namespace n on n.oid = c.relnamespace
      where n.nspname = 'public' and c.relkind = 'r' and c.reltuples > 0
      order by pg_total_relation_size(c.oid) desc`,
    );
    const [{ size } = { size: '?' }] = await rowsOf<{ size: string }>(
      database.db,
      'select pg_size_pretty(pg_database_size(current_database())) as size',
    );
    console.log('');
    console.log(
      formatTable(
        ['table', 'rows (est.)', 'size with indexes'],
        sizes.map((row) => [row.name, count(row.rows), row.size]),
      ),
    );
    console.log(
      `\ndatabase ${size}; peak RSS of this process (API and client) ` +
        mib(process.resourceUsage().maxRSS * 1024),
    );
  } finally {
    await cleanUp();
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
}

main().catch((error: unknown) => {
  // drizzle wraps the driver's error with the whole statement: the cause is what matters
  console.error(
    'API benchmark failed:',
    error instanceof Error && error.cause ? error.cause : error,
  );
  process.exitCode = 1;
});
