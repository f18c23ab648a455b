import { memoryLog } from '@escalations/db/testing';
import { reportNotStarted, reportStopped } from './stop-reports';

class SettingError extends Error {
  override name = 'ConfigError';
}

describe('why the service did not start, or stopped', () => {
  it('logs service.not-started with the error kind, and says the service’s own reason on stderr', () => {
    const { log, entries } = memoryLog('api');
    const stderr: string[] = [];
    reportNotStarted(log, new SettingError('SMTP_TLS_KEY, SMTP_TLS_CERT: set both'), true, (l) =>
      stderr.push(l),
    );
    expect(entries()).toEqual([
      expect.objectContaining({
        level: 'error',
        event: 'service.not-started',
        error: 'ConfigError',
      }),
    ]);
    expect(entries()[0]).not.toHaveProperty('frames');
    expect(stderr).toEqual(['Not started: SMTP_TLS_KEY, SMTP_TLS_CERT: set both\n']);
  });

  it("never writes another error's message, which may quote a query's parameters", () => {
    const { log, lines, entries } = memoryLog('api');
    const stderr: string[] = [];
    const error = new Error('insert failed for Jane Smith');
    reportNotStarted(log, error, false, (l) => stderr.push(l));
    reportStopped(log, error, (l) => stderr.push(l));
    expect(entries()).toEqual([
      expect.objectContaining({
        event: 'service.not-started',
        error: 'Error',
        frames: expect.stringContaining(' at '),
      }),
      expect.objectContaining({
        event: 'service.stopped',
        error: 'Error',
        frames: expect.stringContaining(' at '),
      }),
    ]);
    expect([...lines, ...stderr].join('\n')).not.toContain('Jane');
    expect(stderr).toEqual([]);
  });

  it('without a log (LOG_LEVEL or LOG_FORMAT not understood) says it on stderr as plain text', () => {
    const stderr: string[] = [];
    reportNotStarted(null, new SettingError('LOG_LEVEL must be one of fatal, error'), true, (l) =>
      stderr.push(l),
    );
    reportStopped(null, new Error('Jane'), (l) => stderr.push(l));
    expect(stderr[0]).toBe('Not started: LOG_LEVEL must be one of fatal, error\n');
    expect(stderr[1]).toMatch(/^Stopped: Error\n\s+at /);
  });
});
