import { addWorkingDays } from '../calendar/add-working-days';
import { countWorkingDays } from '../calendar/count-working-days';
import { startDayOf } from '../calendar/start-day-of';
import type { WorkingDayCalendar } from '../calendar/working-day-calendar';
import { previewDeadlines } from '../deadline/preview-deadlines';
import { defaultPoliciesDir } from '../files/default-policies-dir';
import { readPolicyLibrary } from '../files/read-policy-library';
import { calendarOf } from '../library/build-policy-library';
import { isWeekend } from '../time/local-date';
import { formatTable } from '../text/format-table';

/**
 * `npm run bench`: how fast the working-day index and the deadline engine are. The
 * scheduler and the reports call these in bulk, so the target is millions of working-day
 * additions a second, which only an index (not a loop over days) reaches.
 */

interface Result {
  name: string;
  calls: number;
  seconds: number;
}

function measure(name: string, calls: number, run: (i: number) => unknown): Result {
  let sink = 0;
  for (let i = 0; i < Math.min(calls, 10_000); i++) sink += Number(run(i)) || 0; // warm up the JIT
  const start = process.hrtime.bigint();
  for (let i = 0; i < calls; i++) sink += Number(run(i)) || 0;
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  if (sink === Number.MIN_SAFE_INTEGER) console.log(sink); // keeps the work from being optimised away
  return { name, calls, seconds };
}

/** The day-by-day loop the index replaces, as a baseline. */
function addByLoop(calendar: WorkingDayCalendar, day: number, n: number): number {
  let current = day;
  for (let left = n; left > 0;) {
    current += 1;
    if (!isWeekend(current) && !calendar.closedDays.has(current)) left -= 1;
  }
  return current;
}

function main(): void {
  const library = readPolicyLibrary(process.env.POLICIES_DIR ?? defaultPoliciesDir(__dirname));
  const calendar = library.calendars.get('england-and-wales')!;
  // Pseudo-random but repeatable inputs across the calendar's range, leaving room to add.
  const span = calendar.lastDay - calendar.firstDay - 400;
  const days = Int32Array.from(
    { length: 4096 },
    (_, i) => calendar.firstDay + (((i * 2_654_435_761) >>> 0) % span),
  );
  const offsets = Int32Array.from({ length: 4096 }, (_, i) => 1 + ((i * 40_503) % 60));
  const instants = Array.from(
    { length: 4096 },
    (_, i) =>
      new Date(
        Date.UTC(2019, 0, 1) + ((i * 7_919_993) % (10 * 365)) * 86_400_000 + (i % 24) * 3_600_000,
      ),
  );

  const results: Result[] = [
    measure('addWorkingDays (index)', 5_000_000, (i) =>
      addWorkingDays(calendar, days[i & 4095]!, offsets[i & 4095]!),
    ),
    measure('addWorkingDays (day-by-day loop, baseline)', 200_000, (i) =>
      addByLoop(calendar, days[i & 4095]!, offsets[i & 4095]!),
    ),
    measure('countWorkingDays', 5_000_000, (i) =>
      countWorkingDays(calendar, days[i & 4095]!, days[(i + 1) & 4095]!),
    ),
    measure('startDayOf (time-zone conversion)', 200_000, (i) =>
      startDayOf(calendar, instants[i & 4095]!, '17:00'),
    ),
  ];
  for (const policy of library.policies.values()) {
    const policyCalendar = calendarOf(library, policy);
    results.push(
      measure(
        `previewDeadlines ${policy.id} (${policy.stages.length} stages)`,
        20_000,
        (i) => previewDeadlines(policy, policyCalendar, instants[i & 4095]!).length,
      ),
    );
  }

  const rows = results.map((r) => [
    r.name,
    r.calls.toLocaleString('en-GB'),
    Math.round(r.calls / r.seconds).toLocaleString('en-GB'),
    ((r.seconds / r.calls) * 1e9).toFixed(0),
  ]);
  console.log(`Deadline engine benchmarks (Node ${process.version}, one core)\n`);
  console.log(formatTable(['operation', 'calls', 'per second', 'ns per call'], rows));
  const memory = process.memoryUsage();
  console.log(
    `\nheap used ${(memory.heapUsed / 2 ** 20).toFixed(1)} MiB, rss ${(memory.rss / 2 ** 20).toFixed(1)} MiB`,
  );
}

main();
