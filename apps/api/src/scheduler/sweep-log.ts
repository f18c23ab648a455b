import type { Log } from '@escalations/db/log';
import type { SweepReport } from './deadline-sweep.service';

/**
 * One sweep on the log: what it did, counted, and how long it took. A timed sweep with
 * nothing to do is logged only at debug (it runs every few minutes); one an operator asked
 * for through the API always at info.
 */
export function logSweep(
  log: Log,
  report: SweepReport,
  started: number,
  kind: 'timed' | 'requested',
): void {
  const counts = {
    reminders: report.reminders.length,
    breaches: report.breaches.length,
    'overall-limits': report.overallLimits.length,
    'step-reminders': report.stepReminders.length,
    'step-breaches': report.stepBreaches.length,
    digests: report.digests.length,
    failed: report.failed.length,
  };
  const acted = Object.values(counts).some((count) => count > 0);
  log[acted || kind === 'requested' ? 'info' : 'debug']('scheduler.sweep', {
    kind,
    counts,
    durationMs: Math.round(performance.now() - started),
  });
}
