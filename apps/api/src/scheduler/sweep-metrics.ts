import type { ServiceMetrics } from '@escalations/casework';
import type { SweepReport } from './deadline-sweep.service';

/** One sweep's duration (from `started`, a performance.now()) and what it did, as metrics. */
export function recordSweep(metrics: ServiceMetrics, report: SweepReport, started: number): void {
  metrics.sweepDone((performance.now() - started) / 1000, {
    reminder: report.reminders.length,
    breach: report.breaches.length,
    'overall-limit': report.overallLimits.length,
    digest: report.digests.length,
    'calendar-change': report.calendars.length,
    skipped: report.skipped,
    failed: report.failed.length,
  });
}
