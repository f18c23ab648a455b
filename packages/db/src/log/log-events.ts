/**
 * Every event the service logs, with the sentence an operator reads beside its code. A log
 * call names one of these codes, never a string it builds, so no line can carry a name, an
 * address or a sentence someone wrote: what varies goes in the typed fields (`LogFields`).
 */
export const LOG_EVENTS = {
  // start and stop
  'service.started': 'service started',
  'service.not-started': 'service not started',
  'service.stopped': 'service stopped on an unexpected error',
  'calendar.running-out':
    "a calendar in use ends within 12 months: add the next year's holidays (npm run -s calendars -- import <calendar> <file>)",
  // the API
  'http.request': 'request completed',
  'http.unhandled-error': 'unhandled error',
  'http.export-failed': 'CSV export failed part-way',
  'access-log.record-failed': 'could not record a refused read of case data',
  'console.page-failed': 'a console page failed',
  'framework.error': 'framework error',
  'framework.warning': 'framework warning',
  // the scheduler
  'scheduler.sweep': 'deadline sweep done',
  'scheduler.sweep-failed': 'deadline sweep failed',
  'scheduler.command-failed': 'scheduled command failed',
  'scheduler.recompute-failed': 'recompute of a case failed',
  'scheduler.dates-recounted': 'dates counted again after a calendar change',
  'retention.erased': 'closed cases past retention erased',
  'retention.failed': 'retention run failed',
  // the mail role
  'loop.failed': 'worker loop run failed',
  'loop.no-notifications': 'the database cannot notify; the loop polls slowly instead',
  'loop.leases-taken-back': 'leases of this worker before its restart taken back',
  'smtp.stored': 'message stored',
  'smtp.store-failed': 'could not store a message',
  'smtp.wake-failed': 'could not wake the processor',
  'smtp.error': 'SMTP server error',
  'imap.stored': 'message stored',
  'imap.store-failed': 'could not store a message',
  'imap.some-not-stored': 'messages could not be stored; retrying next poll',
  'imap.poll-failed': 'poll failed; retrying next poll',
  'imap.mark-failed': 'message stored but not marked; next poll again',
  'imap.too-large': 'message over MAX_MESSAGE_BYTES left in the mailbox, flagged',
  'imap.flag-failed': 'message could not be flagged; next poll again',
  'imap.no-keywords':
    'the mailbox keeps no keywords; stored messages are marked \\Seen, so one opened by a person before the poll is not picked up',
  'processor.processed': 'message processed',
  'processor.set-aside': 'message set aside for an administrator',
  'processor.failed': 'message failed; retried with backoff',
  'processor.failure-not-recorded': 'message failed and its failure could not be recorded',
  'sender.failed': 'send failed; retried with backoff',
  'sender.gave-up': 'send failed; attempts exhausted',
} as const;

export type LogEvent = keyof typeof LOG_EVENTS;
