import type { AddressInfo } from 'node:net';
import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';

/** One message the service sent, as a recipient's mail server saw it. */
export interface CapturedMail {
  /** arrival order at the capture server */
  seq: number;
  /** the envelope's recipients, lower case */
  to: string[];
  subject: string;
  text: string;
  messageId: string;
  replyTo: string | null;
  inReplyTo: string | null;
  /** the case reference in the subject's `[REF]`, if any */
  ref: string | null;
  /** what the message is, read from its subject: see `kindOf` */
  kind: string;
  /** the documents it carries (record forms, chronologies) */
  attachments: { filename: string; contentType: string; content: Buffer }[];
}

/**
 * The world's mail servers, on loopback: the service's SMTP_URL points here, and every
 * message it sends is kept, parsed, with the envelope's recipients.
 */
export class CaptureSmtp {
  readonly received: CapturedMail[] = [];
  private server: SMTPServer | null = null;

  async start(): Promise<string> {
    const server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      logger: false,
      onData: (stream, session, callback) => {
        const chunks: Buffer[] = [];
        stream.on('data', (chunk: Buffer) => chunks.push(chunk));
        stream.on('end', () => {
          simpleParser(Buffer.concat(chunks)).then(
            (parsed) => {
              const subject = parsed.subject ?? '';
              this.received.push({
                seq: this.received.length + 1,
                to: session.envelope.rcptTo.map((rcpt) => rcpt.address.toLowerCase()),
                subject,
                text: parsed.text ?? '',
                messageId: parsed.messageId ?? '',
                replyTo: parsed.replyTo?.value[0]?.address ?? null,
                inReplyTo: parsed.inReplyTo ?? null,
                ref: /^\[([A-Z]+-\d{4}-\d{4})\]/.exec(subject)?.[1] ?? null,
                kind: kindOf(subject),
                attachments: parsed.attachments.map((a) => ({
                  filename: a.filename ?? '',
                  contentType: a.contentType,
                  content: a.content,
                })),
              });
              callback();
            },
            (error: unknown) => callback(error instanceof Error ? error : new Error(String(error))),
          );
        });
      },
    });
    this.server = server;
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return `smtp://127.0.0.1:${(server.server.address() as AddressInfo).port}`;
  }

  /** What one address was sent, oldest first. */
  inbox(address: string): CapturedMail[] {
    const wanted = address.toLowerCase();
    return this.received.filter((mail) => mail.to.includes(wanted));
  }

  async stop(): Promise<void> {
    const server = this.server;
    this.server = null;
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}

const CONFIRMATIONS: Record<string, string> = {
  Resolved: 'resolved',
  Escalated: 'escalated',
  'Timescale extended': 'extended',
  'Rationale recorded': 'rationale',
  'Note added': 'noted',
  Withdrawn: 'withdrawn',
  'Decision recorded': 'decided',
  'Outcome proposed': 'proposed',
  'Outcome agreed': 'agreed',
  'People added': 'people-added',
  'Recommendation recorded': 'recommended',
};

/**
 * A short name for a message, from its subject (policies/templates/*.subject.hbs), with the
 * stage it names: `ack:1` (acknowledgement), `escalated:2` (the confirmation of an
 * ESCALATE, naming the stage the case is now at), `resolved:4`, `decided:5`, `extended:2`,
 * `rationale:2` (of REASON), `proposed:1` (the other side's RESOLVED), `agreed:1` (AGREE),
 * `people-added:2` (of ADD), `added:2` (to someone just brought onto the case),
 * `notice:3` (a policy's stage notification), `reminder:4`,
 * `breach:1`, `rationale-request:1`, `timescale-request:2`, `rationale-forwarded:1`,
 * `step-reminder:5` and `step-breach:5` (a timed step inside a stage, NEL's Chair's
 * recommendation), `recommended:5` (of RECOMMEND), `overall-breach`, `digest` (the Monday record of open cases), `refused`, `form` (the
 * answer to FORM), else `other`.
 */
export function kindOf(subject: string): string {
  const patterns: [RegExp, (match: RegExpExecArray) => string][] = [
    [/^\[[^\]]+\] Escalation received: stage (\d+) of /, (m) => `ack:${m[1]}`],
    [/^\[[^\]]+\] Timescale missed at stage (\d+)$/, (m) => `breach:${m[1]}`],
    [
      new RegExp(`^\\[[^\\]]+\\] (${Object.keys(CONFIRMATIONS).join('|')}): stage (\\d+) of `),
      (m) => `${CONFIRMATIONS[m[1]!]}:${m[2]}`,
    ],
    [/^\[[^\]]+\] .*: stage (\d+) notification$/, (m) => `notice:${m[1]}`],
    [/^\[[^\]]+\] Reminder: stage (\d+) is due /, (m) => `reminder:${m[1]}`],
    [/^\[[^\]]+\] You have been added to this case: stage (\d+) of /, (m) => `added:${m[1]}`],
    [
      /^\[[^\]]+\] Rationale needed for the missed timescale at stage (\d+)$/,
      (m) => `rationale-request:${m[1]}`,
    ],
    [/^\[[^\]]+\] Please agree a timescale for stage (\d+)$/, (m) => `timescale-request:${m[1]}`],
    [
      /^\[[^\]]+\] Rationale for a missed timescale at stage (\d+)$/,
      (m) => `rationale-forwarded:${m[1]}`,
    ],
    [/^\[[^\]]+\] Reminder: a step of stage (\d+) is due /, (m) => `step-reminder:${m[1]}`],
    [/^\[[^\]]+\] Step due date missed at stage (\d+)$/, (m) => `step-breach:${m[1]}`],
    [/^\[[^\]]+\] The overall timescale of .* has passed$/, () => 'overall-breach'],
    [/^Open escalations under .*: weekly record$/, () => 'digest'],
    [/Your reply did not change the case$/, () => 'refused'],
    [/^\[[^\]]+\] Record form: what it says so far$/, () => 'form'],
    [/^\[[^\]]+\] Learning and debrief/, () => 'learning-request'],
  ];
  for (const [pattern, name] of patterns) {
    const match = pattern.exec(subject);
    if (match) return name(match);
  }
  return 'other';
}
