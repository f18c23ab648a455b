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
  >;
  data: Record<string, unknown>;
  /** the case, when the answer is about one */
  ref?: string | null;
  caseId?: string | null;
  /** the Message-ID being answered */
  inReplyTo?: string | null;
  /** where replies go instead of the case's signed address (a confirmation request's own) */
  replyTo?: string;
}

/**
 * Answers to people who wrote in: a form with problems, a refused command, mail we could
 * not place. At most `perHour` answers go to one address in an hour, so an exchange with
 * another robot ends quickly; past that the message is recorded and not answered.
 */
export class AnswerMailer {
  private readonly outbox = new OutboxRepository();
  private readonly answers = new SenderAnswerRepository();

  constructor(
    private readonly settings: MailSettings,
    private readonly perHour: number,
  ) {}

  /**
   * Queues the answer unless a sender has had their share; true when queued. Mail to the
   * partnership (several addresses) is not limited: it is the service reporting, not replying.
   */
  async queue(tx: Executor, answer: Answer, now: Date): Promise<boolean> {
    const recipients = Array.isArray(answer.to) ? answer.to : [answer.to];
    const sender = Array.isArray(answer.to) ? null : answer.to;
    const since = new Date(now.getTime() - 3_600_000);
    if (sender && (await this.answers.countSince(tx, sender, since)) >= this.perHour) return false;
    const { policy } = answer;
    const rendered = renderEmail(this.settings.templates, {
      template: answer.template,
      policyId: policy.id,
      data: {
        policy: { id: policy.id, title: policy.title, partnership: policy.partnership },
        ref: answer.ref ?? null,
        ...answer.data,
      },
      subject: { ref: answer.ref ?? null, policyTitle: policy.title },
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
    const raw = await composeMessage({
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
    if (sender) await this.answers.record(tx, sender, now);
    return true;
  }
}
