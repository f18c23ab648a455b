import { createHash, randomUUID } from 'node:crypto';
import { OutboxRepository, SenderAnswerRepository, type Executor } from '@escalations/db';
import type { PolicyFile } from '@escalations/domain';
import {
  composeMessage,
  outgoingMessageId,
  renderEmail,
  signReplyAddress,
  threadingHeaders,
  type TemplateName,
} from '@escalations/email';
import type { MailSettings } from './mail-settings';

export interface Answer {
  /** the sender being answered, or the partnership contacts being told */
  to: string | string[];
  policy: PolicyFile;
  template: Extract<
    TemplateName,
    | 'form-problems'
    | 'command-refused'
    | 'confirmation-request'
    | 'delivery-failed'
    | 'weekly-digest'
    | 'answer-limit'
  >;
  data: Record<string, unknown>;
  /** the case, when the answer is about one */
  ref?: string | null;
  caseId?: string | null;
  /** the Message-ID being answered */
  inReplyTo?: string | null;
  /** where replies go instead of the case's signed address (a confirmation request's own) */
  replyTo?: string;
  /**
   * The message being answered, for the per-sender limit: its text, so the same message
   * sent again is known for a repeat, and whether it is a participant's command, which is
   * answered however many there are unless it repeats one already answered.
   */
  answering?: { text: string; participantCommand?: boolean };
}

const HOUR = 3_600_000;

/**
 * Answers to people who wrote in: a form with problems, a refused command, mail we could
 * not place. The limit of `perHour` answers to one address in an hour is there to end an
 * exchange with another robot: it applies to strangers, to mail that names no command and
 * to the same message sent again, never to a participant's distinct commands. A sender who
 * reaches it is told so once, with the time answers resume; past that their mail is
 * recorded and not answered.
 */
export class AnswerMailer {
  private readonly outbox = new OutboxRepository();
  private readonly answers = new SenderAnswerRepository();

  constructor(
    private readonly settings: MailSettings,
    private readonly perHour: number,
    private readonly zoneOf: (policy: PolicyFile) => string = () => 'Europe/London',
  ) {}

  /**
   * Queues the answer unless the sender has had their share; true when queued. Mail to the
   * partnership (several addresses) is not limited: it is the service reporting, not replying.
   */
  async queue(tx: Executor, answer: Answer, now: Date): Promise<boolean> {
    const sender = Array.isArray(answer.to) ? null : answer.to;
    const digest = answer.answering ? digestOf(answer.answering.text) : null;
    if (sender) {
      const limit = await this.limitFor(tx, sender, answer, digest, now);
      if (limit !== 'answer') {
        if (limit !== 'silent') await this.tellLimitReached(tx, sender, answer, limit, now);
        return false;
      }
    }
    await this.send(tx, answer, now);
    if (sender) await this.answers.record(tx, sender, now, { digest });
    return true;
  }

  /** 'answer', 'silent' once told, or the instant answers resume when the sender is to be told. */
  private async limitFor(
    tx: Executor,
    sender: string,
    answer: Answer,
    digest: string | null,
    now: Date,
  ): Promise<'answer' | 'silent' | Date> {
    const window = await this.answers.since(tx, sender, new Date(now.getTime() - HOUR));
    const answered = window.filter((row) => row.kind === 'answer');
    const repeat = digest !== null && answered.some((row) => row.digest === digest);
    if (answer.answering?.participantCommand === true && !repeat) return 'answer';
    if (answered.length < this.perHour) return 'answer';
    if (this.perHour <= 0 || window.some((row) => row.kind === 'limit-reached')) return 'silent';
    // Answers resume once enough of this hour's answers are an hour old.
    const oldest = answered[answered.length - this.perHour]!;
    return new Date(oldest.answeredAt.getTime() + HOUR);
  }

  private async tellLimitReached(
    tx: Executor,
    sender: string,
    answer: Answer,
    resumesAt: Date,
    now: Date,
  ): Promise<void> {
    await this.send(
      tx,
      {
        to: sender,
        policy: answer.policy,
        template: 'answer-limit',
        data: {
          perHour: this.perHour,
          resumesAt: formatInstant(resumesAt, this.zoneOf(answer.policy)),
        },
        inReplyTo: answer.inReplyTo ?? null,
      },
      now,
    );
    await this.answers.record(tx, sender, now, { kind: 'limit-reached' });
  }

  private async send(tx: Executor, answer: Answer, now: Date): Promise<void> {
    const recipients = Array.isArray(answer.to) ? answer.to : [answer.to];
    const { policy } = answer;
    const rendered = renderEmail(this.settings.templates, {
      template: answer.template,
      policyId: policy.id,
      data: {
        policy: {
          id: policy.id,
          title: policy.title,
          partnership: policy.partnership,
          // EXTEND is offered only where the policy sets timescales
          timescales: policy.timescale.kind !== 'none',
        },
        ref: answer.ref ?? null,
        ...answer.data,
      },
      subject: { ref: answer.ref ?? null, policyTitle: policy.shortTitle },
      footer: `Sent by the escalation service of ${policy.partnership}. Never put a child's or adult's name in a subject line.`,
    });
    const from = `${policy.id}@${this.settings.domain}`;
    const anchor = answer.ref ?? `answer-${randomUUID()}`;
    const messageId = outgoingMessageId(
      anchor,
      `${answer.template}:${answer.inReplyTo ?? randomUUID()}`,
      recipients,
      this.settings.domain,
    );
    const raw = composeMessage({
      ...rendered,
      from: `${policy.code} escalations <${from}>`,
      to: recipients,
      replyTo: answer.replyTo
        ? answer.replyTo
        : answer.ref
          ? signReplyAddress(this.settings.replySecret, this.settings.domain, {
              policyId: policy.id,
              ref: answer.ref,
            })
          : from,
      threading: answer.ref
        ? threadingHeaders(answer.ref, this.settings.domain, messageId, answer.inReplyTo)
        : {
            messageId,
            inReplyTo: answer.inReplyTo ?? null,
            references: answer.inReplyTo ? [answer.inReplyTo] : [],
          },
      date: now,
    });
    await this.outbox.enqueue(tx, {
      raw,
      messageId,
      sha256: createHash('sha256').update(raw).digest('hex'),
      caseId: answer.caseId ?? null,
      noticeId: null,
      mailFrom: from,
      recipients,
      kind: 'answer',
      queuedAt: now,
    });
  }
}

/** The same text, however it was re-spaced: a repeat. */
function digestOf(text: string): string {
  return createHash('sha256').update(text.replace(/\s+/g, ' ').trim()).digest('hex');
}

function formatInstant(at: Date, zone: string): string {
  return new Intl.DateTimeFormat('en-GB', {
    timeZone: zone,
    weekday: 'long',
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    timeZoneName: 'short',
  }).format(at);
}
