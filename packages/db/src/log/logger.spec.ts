import { Writable } from 'node:stream';
import { memoryLog } from '../testing/memory-log';
import { createLogger } from './logger';
import { logSettingsOf } from './log-settings';
import type { LogFields } from './log-fields';

/** A stream that keeps what is written, as pino-pretty's destination. */
function keeping(): { stream: Writable; text: () => string } {
  const chunks: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      chunks.push(chunk.toString('utf8'));
      done();
    },
  });
  return { stream, text: () => chunks.join('') };
}

describe('the service log', () => {
  it('writes one JSON object a line: level, time, role, event, msg, then the ids given', () => {
    const { log, lines, entries } = memoryLog('mail');
    log.info('smtp.stored', {
      messageId: '0b6f7d0c-5a0c-4d59-9a4b-2a1f8f0d9e11',
      caseRef: 'NEL-2026-0001',
      duplicate: false,
    });
    expect(lines).toHaveLength(1);
    const [entry] = entries();
    expect(entry).toEqual({
      level: 'info',
      time: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/),
      role: 'mail',
      event: 'smtp.stored',
      msg: 'message stored',
      messageId: '0b6f7d0c-5a0c-4d59-9a4b-2a1f8f0d9e11',
      caseRef: 'NEL-2026-0001',
      duplicate: false,
    });
  });

  it('names the role it was made for, and another through as()', () => {
    const { log, entries } = memoryLog('api');
    log.as('scheduler').info('scheduler.sweep', { count: 3, durationMs: 12 });
    log.info('http.request');
    expect(entries().map((entry) => entry.role)).toEqual(['scheduler', 'api']);
  });

  it.each([
    ['error', ['error']],
    ['warn', ['error', 'warn']],
    ['info', ['error', 'warn', 'info']],
    ['debug', ['error', 'warn', 'info', 'debug']],
    ['silent', []],
  ] as const)('LOG_LEVEL=%s writes %j', (level, written) => {
    const { log, entries } = memoryLog('mail', level);
    log.error('loop.failed');
    log.warn('imap.poll-failed');
    log.info('smtp.stored');
    log.debug('scheduler.sweep');
    expect(entries().map((entry) => entry.level)).toEqual(written);
  });

  it('takes LOG_LEVEL from the environment', () => {
    const kept = keeping();
    const log = createLogger(
      { role: 'mail', destination: kept.stream },
      { LOG_LEVEL: 'warn', LOG_FORMAT: 'json' },
    );
    log.info('smtp.stored');
    log.warn('imap.poll-failed');
    const levels = kept
      .text()
      .trim()
      .split('\n')
      .map((line) => (JSON.parse(line) as { level: string }).level);
    expect(levels).toEqual(['warn']);
  });

  it('does not write a name, an address or free text passed where an id or code belongs', () => {
    const { log, lines } = memoryLog('mail');
    log.info('smtp.stored', {
      messageId: 'priya.okonkwo@riverside.example',
      caseRef: 'Zebedee Quill-Marchbanks',
      kind: 'Referral closed although Zebedee disclosed bruising',
      outcome: 'Zebedee',
      caseRefs: ['NEL-2026-0001', 'Zebedee'],
      count: 'seven' as unknown as number,
    });
    // Keys outside the allow-list never reach the line, however they got there.
    log.info('smtp.stored', {
      caseName: 'Zebedee',
      from: 'priya.okonkwo@riverside.example',
    } as LogFields);
    expect(lines.join('\n')).not.toMatch(/zebedee|priya|bruising|seven/i);
    expect(JSON.parse(lines[0]!)).toMatchObject({
      messageId: '[not an id]',
      caseRef: '[not an id]',
      kind: '[not an id]',
      caseRefs: ['NEL-2026-0001', '[not an id]'],
      count: '[not an id]',
    });
  });

  it('takes counts by code, a method and a route’s pattern, and nothing shaped otherwise', () => {
    const { log, entries } = memoryLog('api');
    log.info('http.request', {
      method: 'GET',
      route: '/api/v1/cases/:ref',
      counts: { reminders: 2, 'overall-limits': 0, 'Zebedee Quill': 1, breaches: NaN },
    });
    log.info('http.request', { method: 'get rid of', route: 'cases for Zebedee' });
    expect(entries()[0]).toMatchObject({
      method: 'GET',
      route: '/api/v1/cases/:ref',
      counts: { reminders: 2, 'overall-limits': 0, breaches: '[not an id]' },
    });
    expect(JSON.stringify(entries())).not.toContain('Zebedee');
    expect(entries()[1]).toMatchObject({ method: '[not an id]', route: '[not an id]' });
  });

  it('logs an error by its kind and codes, never its message', () => {
    const { log, entries } = memoryLog('mail');
    const error = Object.assign(new Error('insert into cases values ($1) -- Zebedee'), {
      code: '23505',
    });
    log.error('loop.failed', { loop: 'processor', error, frames: true });
    const [entry] = entries();
    expect(entry).toMatchObject({ loop: 'processor', error: 'Error 23505' });
    expect(entry!.frames).toMatch(/^\s+at /);
    expect(JSON.stringify(entry)).not.toMatch(/Zebedee/);
  });

  it('redacts the keys that hold people’s details on lines pino writes itself', () => {
    const { log, lines } = memoryLog('api');
    log.pino.info(
      { req: { headers: { authorization: 'Bearer secret-key' } }, caseName: 'Zebedee' },
      'request completed',
    );
    expect(lines.join('\n')).not.toMatch(/secret-key|Zebedee/);
    expect(JSON.parse(lines[0]!)).toMatchObject({
      caseName: '[redacted]',
      req: { headers: { authorization: '[redacted]' } },
    });
  });

  it('writes pretty lines for a person when LOG_FORMAT=pretty', () => {
    const kept = keeping();
    const log = createLogger({ role: 'mail', destination: kept.stream }, { LOG_FORMAT: 'pretty' });
    log.info('smtp.stored', { messageId: '0b6f7d0c-5a0c-4d59-9a4b-2a1f8f0d9e11' });
    expect(kept.text()).toMatch(/INFO.*mail message stored/);
    expect(kept.text()).toMatch(/messageId: "0b6f7d0c-5a0c-4d59-9a4b-2a1f8f0d9e11"/);
    expect(() => JSON.parse(kept.text()) as unknown).toThrow();
  });
});

describe('LOG_LEVEL and LOG_FORMAT', () => {
  it('default to info, pretty on a terminal and JSON elsewhere', () => {
    expect(logSettingsOf({}, true)).toEqual({ level: 'info', format: 'pretty' });
    expect(logSettingsOf({}, false)).toEqual({ level: 'info', format: 'json' });
    expect(logSettingsOf({ LOG_FORMAT: 'json' }, true).format).toBe('json');
    expect(logSettingsOf({ LOG_LEVEL: 'DEBUG' }, false).level).toBe('debug');
  });

  it('refuse a value they do not know, naming the setting', () => {
    expect(() => logSettingsOf({ LOG_LEVEL: 'loud' })).toThrow(/LOG_LEVEL must be one of/);
    expect(() => logSettingsOf({ LOG_FORMAT: 'xml' })).toThrow(/LOG_FORMAT must be one of/);
  });
});
