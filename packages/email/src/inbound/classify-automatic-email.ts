import { z } from 'zod';
import type { InboundEmail, InboundHeaderName } from './inbound-email.schema';
import { readDeliveryStatus, type RecipientStatus } from './read-delivery-status';
import { withLowerCaseDomain } from '@escalations/domain';

export const AUTOMATIC_EMAIL_KINDS = [
  /** an out-of-office or other autoresponder (RFC 3834 auto-replied, vendor equivalents) */
  'auto-reply',
  /** a delivery failure: a DSN with Action: failed, or a mailer daemon's bounce */
  'bounce',
  /** a delivery delay warning: the message may still arrive */
  'delivery-delay',
  /** a read receipt (RFC 8098 message disposition notification) */
  'read-receipt',
  /** mailing list traffic */
  'list',
  /** bulk mail: newsletters, Precedence: bulk or junk */
  'bulk',
  /** anything else sent by a machine (RFC 3834 auto-generated, other reports) */
  'auto-submitted',
] as const;
export type AutomaticEmailKind = (typeof AUTOMATIC_EMAIL_KINDS)[number];

export const AutomaticEmailClassificationSchema = z.discriminatedUnion('automatic', [
  z.object({ automatic: z.literal(false) }),
  z.object({
    automatic: z.literal(true),
    kind: z.enum(AUTOMATIC_EMAIL_KINDS),
    /** which signal decided it, for the record */
    reason: z.string().min(1),
    /**
     * For a bounce, the recipients whose delivery failed; for a delivery delay, those whose
     * delivery is delayed. Empty for every other kind, or when the report names no one.
     */
    failedRecipients: z.array(z.string()),
  }),
]);
export type AutomaticEmailClassification = z.infer<typeof AutomaticEmailClassificationSchema>;

const DELIVERY_STATUS_TYPES = new Set([
  'message/delivery-status',
  'message/global-delivery-status',
]);
const DISPOSITION_TYPES = new Set([
  'message/disposition-notification',
  'message/global-disposition-notification',
]);

const MAILER_DAEMON = /^(?:mailer-?daemon|mail-?daemon|postmaster)$/i;

// Subjects are written by people too ("Out of office cover for the panel"), so a subject
// never decides on its own: a human reply taken for automatic would be dropped without an
// answer, the one failure this service must not have. They only confirm another signal.
const AUTO_REPLY_SUBJECT = new RegExp(
  '^\\s*(?:(?:re|aw|sv|vs|antw|fw|fwd|wg|tr)\\s*:\\s*)*(?:' +
    [
      'automatic reply',
      'auto(?:matic)?[ -]?(?:reply|response|respons)',
      'autoreply',
      'out of (?:the )?office',
      'ooo\\b',
      'on leave',
      'away from (?:the )?office',
      'absence',
      'abwesenheit(?:snotiz)?',
      'automatische antwort',
      'r[ée]ponse automatique',
      'absent(?:e)?',
      'respuesta autom[áa]tica',
      'fuera de la oficina',
      'risposta automatica',
      'resposta autom[áa]tica',
      'automatisch antwoord',
      'afwezig',
      'autosvar',
      'automatisk svar',
      'fraværende',
      'automaattinen vastaus',
      'odpowied[źz] automatyczna',
      'automatick[áa] odpov[ěe][ďd]',
      'автоматический ответ',
      'ateb awtomatig',
      "allan o'r swyddfa",
      '自动回复',
      '自動回覆',
      '自動応答',
    ].join('|') +
    ')',
  'iu',
);

const BOUNCE_SUBJECT =
  /undeliver(?:able|ed)|returned mail|mail delivery (?:failed|failure|system)|delivery (?:status notification|failure|has failed|notification)|failure notice|non[- ]?remis|unzustellbar|nicht zustellbar|onbestelbaar|olevererbart|message not delivered|could not be delivered|warning: could not send/i;
const DELAY_SUBJECT =
  /\(delay\)|delayed|delivery delay|warning: could not send|still (?:not )?undelivered|will (?:keep )?(?:retry|trying)/i;

/**
 * Whether a message was sent by a machine, so that it is recorded and never answered
 * (CONTRACT.md): delivery reports (RFC 3464) and read receipts (RFC 8098) from their
 * `multipart/report` structure, bounces without one from the mailer daemon's signature,
 * autoresponders from RFC 3834's Auto-Submitted and the vendor headers that stand in for
 * it, mailing lists and bulk mail from Precedence and the List-* headers (RFC 2369, 2919).
 *
 * The strongest evidence is looked at first, so that a bounce that also says
 * `Auto-Submitted: auto-replied` is a bounce, with its failed recipients.
 */
export function classifyAutomaticEmail(email: InboundEmail): AutomaticEmailClassification {
  return (
    fromReport(email) ??
    fromMailerDaemon(email) ??
    fromAutoSubmitted(email) ??
    fromAutoresponderHeaders(email) ??
    fromPrecedence(email) ??
    fromListHeaders(email) ??
    fromNullReturnPath(email) ??
    fromExchangeAutoReply(email) ?? { automatic: false }
  );
}

type Found = AutomaticEmailClassification | null;

function automatic(
  kind: AutomaticEmailKind,
  reason: string,
  failedRecipients: string[] = [],
): AutomaticEmailClassification {
  return { automatic: true, kind, reason, failedRecipients };
}

function header(email: InboundEmail, name: InboundHeaderName): string | undefined {
  return email.headers[name][0];
}

function has(email: InboundEmail, name: InboundHeaderName): boolean {
  return email.headers[name].length > 0;
}

/** A `multipart/report` at the top: the report's own part says what it reports. */
function fromReport(email: InboundEmail): Found {
  const contentType = header(email, 'content-type') ?? '';
  if (!/^\s*multipart\/report\b/i.test(contentType)) return null;
  const reportType = (
    /\breport-type\s*=\s*"?([^";\s]+)/i.exec(contentType)?.[1] ?? ''
  ).toLowerCase();
  // Only the report's own parts count: a delivery-status part deeper down belongs to a
  // forwarded or attached message, not to this one.
  const ownParts = email.attachments.filter(
    (attachment) => attachment.partId !== null && !attachment.partId.includes('.'),
  );

  const statusParts = ownParts.filter((part) => DELIVERY_STATUS_TYPES.has(part.contentType));
  if (
    reportType === 'delivery-status' ||
    reportType === 'global-delivery-status' ||
    (reportType === '' && statusParts.length > 0)
  ) {
    const statuses = statusParts.flatMap((part) =>
      readDeliveryStatus(part.content.toString('utf8')),
    );
    return fromDeliveryStatus(email, statuses);
  }
  if (
    reportType === 'disposition-notification' ||
    ownParts.some((part) => DISPOSITION_TYPES.has(part.contentType))
  ) {
    return automatic('read-receipt', 'multipart/report; report-type=disposition-notification');
  }
  return automatic('auto-submitted', `multipart/report; report-type=${reportType || 'unknown'}`);
}

function fromDeliveryStatus(email: InboundEmail, statuses: RecipientStatus[]): Found {
  const addressesWith = (action: string): string[] => [
    ...new Set(statuses.filter((s) => s.action === action).flatMap((s) => s.addresses)),
  ];
  const failed = addressesWith('failed');
  if (failed.length > 0) {
    return automatic('bounce', 'delivery status report: Action: failed', failed);
  }
  const delayed = addressesWith('delayed');
  if (delayed.length > 0) {
    return automatic('delivery-delay', 'delivery status report: Action: delayed', delayed);
  }
  if (statuses.length > 0) {
    const actions = [...new Set(statuses.map((s) => s.action || 'none'))].join(', ');
    return automatic('auto-submitted', `delivery status report: Action: ${actions}`);
  }
  // A report whose status part is missing or unreadable is still a report about delivery.
  return bounceOrDelay(email, 'delivery status report without a readable status part');
}

/**
 * Bounces that are not (or not only) RFC 3464 reports: Gmail's plain-text bounce, Office
 * 365's NDR marker, whatever the mailer daemon or postmaster of a domain sends.
 */
function fromMailerDaemon(email: InboundEmail): Found {
  const localPart = email.from?.address.slice(0, email.from.address.lastIndexOf('@')) ?? '';
  if (MAILER_DAEMON.test(localPart)) {
    return bounceOrDelay(email, `From ${email.from?.address ?? ''}`);
  }
  if (has(email, 'x-ms-exchange-message-is-ndr')) {
    return bounceOrDelay(email, 'X-MS-Exchange-Message-Is-Ndr');
  }
  if (has(email, 'x-failed-recipients')) {
    return bounceOrDelay(email, 'X-Failed-Recipients');
  }
  const returnPath = returnPathAddress(email);
  if (returnPath !== null && MAILER_DAEMON.test(returnPath.split('@')[0] ?? '')) {
    return bounceOrDelay(email, `Return-Path <${returnPath}>`);
  }
  return null;
}

function bounceOrDelay(email: InboundEmail, reason: string): AutomaticEmailClassification {
  const recipients = failedRecipientsWithoutReport(email);
  return DELAY_SUBJECT.test(email.subject) && !/\bfail/i.test(email.subject)
    ? automatic('delivery-delay', `${reason}; subject ${JSON.stringify(email.subject)}`, recipients)
    : automatic('bounce', reason, recipients);
}

/** RFC 3834 §5: any value but `no` means a machine sent it. */
function fromAutoSubmitted(email: InboundEmail): Found {
  const value = header(email, 'auto-submitted');
  if (value === undefined) return null;
  const keyword = value
    .trim()
    .split(/[\s;(]/)[0]!
    .toLowerCase();
  if (keyword === 'no' || keyword === '') return null;
  const reason = `Auto-Submitted: ${value.trim()}`;
  // Sendmail marks its DSNs `auto-generated (failure)` and `(warning-timeout)`.
  if (/\(\s*failure\s*\)/i.test(value))
    return automatic('bounce', reason, failedRecipientsWithoutReport(email));
  if (/\(\s*warning/i.test(value))
    return automatic('delivery-delay', reason, failedRecipientsWithoutReport(email));
  return automatic(keyword === 'auto-replied' ? 'auto-reply' : 'auto-submitted', reason);
}

/** The headers autoresponders write where they do not write Auto-Submitted. */
function fromAutoresponderHeaders(email: InboundEmail): Found {
  for (const name of ['x-autoreply', 'x-autorespond'] as const) {
    const value = header(email, name);
    if (value !== undefined && !/^\s*(?:no|false|0)\s*$/i.test(value)) {
      return automatic('auto-reply', `${name}: ${value}`);
    }
  }
  const generated = header(email, 'x-autogenerated');
  if (generated !== undefined && /reply/i.test(generated)) {
    return automatic('auto-reply', `X-Autogenerated: ${generated}`);
  }
  const precedence = header(email, 'x-precedence');
  if (precedence !== undefined && /auto[_-]?reply/i.test(precedence)) {
    return automatic('auto-reply', `X-Precedence: ${precedence}`);
  }
  // iCloud's vacation replies carry no RFC 3834 header at all, only Apple's own.
  const apple = header(email, 'x-apple-action');
  if (apple !== undefined && /vacation/i.test(apple)) {
    return automatic('auto-reply', `X-Apple-Action: ${apple}`);
  }
  return null;
}

function fromPrecedence(email: InboundEmail): Found {
  const value = header(email, 'precedence');
  const keyword = value
    ?.trim()
    .split(/[\s;(]/)[0]
    ?.toLowerCase();
  switch (keyword) {
    case 'bulk':
    case 'junk':
      return automatic('bulk', `Precedence: ${keyword}`);
    case 'list':
      return automatic('list', 'Precedence: list');
    case 'auto_reply':
    case 'auto-reply':
      return automatic('auto-reply', `Precedence: ${keyword}`);
    default:
      return null;
  }
}

function fromListHeaders(email: InboundEmail): Found {
  if (has(email, 'list-id')) return automatic('list', `List-Id: ${header(email, 'list-id') ?? ''}`);
  if (has(email, 'list-unsubscribe')) return automatic('bulk', 'List-Unsubscribe');
  return null;
}

/**
 * RFC 5321 §4.5.5: notifications and autoresponders send with a null reverse path, so that
 * nothing answers them. The Return-Path header records it where the message was delivered.
 */
function fromNullReturnPath(email: InboundEmail): Found {
  const value = header(email, 'return-path');
  if (value === undefined || !/^\s*(?:<\s*>)?\s*$/.test(value)) return null;
  if (BOUNCE_SUBJECT.test(email.subject)) return bounceOrDelay(email, 'Return-Path <>');
  if (AUTO_REPLY_SUBJECT.test(email.subject)) {
    return automatic('auto-reply', `Return-Path <>; subject ${JSON.stringify(email.subject)}`);
  }
  return automatic('auto-submitted', 'Return-Path <>');
}

/**
 * Exchange's out-of-office replies may arrive with none of the headers above (by SMTP,
 * before any Return-Path is written). X-Auto-Response-Suppress alone proves nothing:
 * Outlook puts it on ordinary messages too. With an autoreply subject it is an Exchange
 * autoreply, as is a message an inbox rule generated (X-MS-Exchange-Inbox-Rules-Loop)
 * under such a subject.
 */
function fromExchangeAutoReply(email: InboundEmail): Found {
  if (!AUTO_REPLY_SUBJECT.test(email.subject)) return null;
  for (const name of ['x-auto-response-suppress', 'x-ms-exchange-inbox-rules-loop'] as const) {
    if (has(email, name)) {
      return automatic('auto-reply', `${name} with subject ${JSON.stringify(email.subject)}`);
    }
  }
  return null;
}

function returnPathAddress(email: InboundEmail): string | null {
  const value = header(email, 'return-path') ?? '';
  // Tokens checked whole: a pattern looking for an `@` along a long run would backtrack.
  const address = value.split(/[\s<>]+/).find((token) => {
    const at = token.indexOf('@');
    return at > 0 && at < token.length - 1;
  });
  return address ?? null;
}

// Where the returned original begins in a bounce's text: addresses below it are the
// original's own (its To, its From), not the failed ones.
const ORIGINAL_MESSAGE =
  /^[ \t]*(?:-+[ \t]*(?:original message|this is a copy of the message|undelivered message|(?:the )?returned message)|original message (?:headers|details|follows))/im;

// Phrases bounces put before the failed address, on the same line or the lines below.
const FAILED_RECIPIENTS_BELOW =
  /following (?:recipients?|address(?:es)?)\b[^:\n]{0,80}(?::|-{3,})/gi;
const FAILED_RECIPIENT_ON_LINE = [
  // Postfix: "<someone@example.com>: host mx.example.com said: 550 ..."
  /^<([^\s<>]{1,320})>:/gim,
  // Office 365: "Your message to someone@example.com couldn't be delivered."
  /message to (\S{1,320}) (?:couldn't|could not|can't|cannot) be delivered/gi,
  /^[ \t]*recipient address:[ \t]*(\S{1,320})/gim,
  /could not be delivered to:?[ \t]*(\S{1,320})/gi,
];

/**
 * The failed addresses of a bounce that has no readable delivery status part: the
 * X-Failed-Recipients header (Exim, Gmail), else the addresses the bounce text names where
 * bounces name them, read only above the returned original.
 */
function failedRecipientsWithoutReport(email: InboundEmail): string[] {
  const fromHeader = email.headers['x-failed-recipients'].flatMap(addressesIn);
  if (fromHeader.length > 0) return [...new Set(fromHeader)];

  const original = ORIGINAL_MESSAGE.exec(email.text);
  const notice = email.text.slice(0, Math.min(original?.index ?? Infinity, 20_000));
  const found: string[] = [];
  for (const match of notice.matchAll(FAILED_RECIPIENTS_BELOW)) {
    // the rest of that line, then the next lines up to the first blank one after an address
    const lines = notice.slice(match.index + match[0].length, match.index + 4000).split('\n');
    found.push(...addressesIn(lines.shift() ?? ''));
    while (lines[0]?.trim() === '') lines.shift();
    for (const line of lines) {
      const addresses = addressesIn(line);
      if (addresses.length === 0) break;
      found.push(...addresses);
    }
  }
  for (const pattern of FAILED_RECIPIENT_ON_LINE) {
    for (const match of notice.matchAll(pattern)) found.push(...addressesIn(match[1] ?? ''));
  }
  return [...new Set(found)];
}

const ADDRESS_TOKEN = /^[^@\s]{1,64}@[^@\s.]{1,63}(?:\.[^@\s.]{1,63}){1,10}$/;

/**
 * The email addresses in a piece of text, domains lower-cased. Split into tokens first and
 * each token checked whole, so that a long run without spaces costs linear time.
 */
function addressesIn(text: string): string[] {
  return text
    .split(/[\s<>()[\]"',;]+/)
    .map((token) => token.replace(/^(?:mailto:|rfc822:)/i, '').replace(/[.:]+$/, ''))
    .filter((token) => token.length <= 320 && ADDRESS_TOKEN.test(token))
    .map(withLowerCaseDomain);
}
