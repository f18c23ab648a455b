import { createHash } from 'node:crypto';
import {
  AgencyRepository,
  OutboxRepository,
  type Executor,
  type QueuedMail,
} from '@escalations/db';
import {
  addressKey,
  calendarOf,
  type CaseState,
  type Notice,
  type PolicyFile,
  type PolicyLibrary,
} from '@escalations/domain';
import {
  composeMessage,
  outgoingMessageId,
  renderEmail,
  routeMailbox,
  signReplyAddress,
  threadingHeaders,
} from '@escalations/email';
import { agenciesOnCase, agencyRolesAt, agencyTypesOnCase } from './agency-roles';
import { partnershipAddresses, type MailSettings } from './mail-settings';
import { withPartnershipDirectory } from './partnership-directory';
import { noticeRecords } from '../records/notice-records';
import {
  noticeTemplateData,
  subjectOf,
  templateOf,
  type NoticeAuthor,
} from './notice-template-data';

export interface WrittenNotice extends Notice {
  id: string;
}

/**
 * Turns the notices a change called for into queued mail, inside the same transaction:
 * resolve who it goes to, render it, compose the exact bytes with a Message-ID derived from
 * the notice, and put it in the outbox.
 */
export class NoticeMailer {
  private readonly outbox = new OutboxRepository();
  /** what a transaction read of the directory and of agencies, for its other cases */
  private readonly directories = new WeakMap<Executor, Promise<MailSettings>>();
  private readonly agencyTypes = new WeakMap<
    Executor,
    Map<string, ReturnType<typeof agencyTypesOnCase>>
  >();

  constructor(
    private readonly settings: MailSettings,
    private readonly policyIds: readonly string[],
    /** to name the calendar a case's due dates are counted in, in every notice */
    private readonly library?: PolicyLibrary,
  ) {}

  /** Every notice names the calendar its due dates are counted in (islands: Guernsey or Alderney). */
  private calendarData(policy: PolicyFile, state: CaseState) {
    if (!this.library) return {};
    const { id, title } = calendarOf(this.library, policy, state.calendarId);
    return { calendar: { id, title } };
  }

  async queue(
    tx: Executor,
    caseId: string,
    policy: PolicyFile,
    state: CaseState,
    notices: readonly WrittenNotice[],
    author: NoticeAuthor,
    now: Date,
    inReplyTo?: string | null,
  ): Promise<void> {
    const mails = await this.compose(tx, caseId, policy, state, notices, author, now, inReplyTo);
    await this.outbox.enqueueMany(tx, mails);
  }

  /** The mail `queue` would put in the outbox, for a caller queuing many cases' at once. */
  async compose(
    tx: Executor,
    caseId: string,
    policy: PolicyFile,
    state: CaseState,
    notices: readonly WrittenNotice[],
    author: NoticeAuthor,
    now: Date,
    inReplyTo?: string | null,
  ): Promise<QueuedMail[]> {
    if (notices.length === 0) return [];
    // who holds the partnership roles, and the agencies' types, as of this transaction
    const settings = await this.directoryIn(tx);
    const onCase = await this.agencyTypesIn(tx, policy, state);
    const mails: QueuedMail[] = [];
    for (const notice of notices) {
      const recipients = this.recipientsOf(settings, policy, state, notice);
      if (recipients.length === 0) continue;
      // record forms (`attach:`) and, on referral to the final stage, the written account
      const records = await noticeRecords(tx, caseId, policy, state, notice);
      const rendered = renderEmail(this.settings.templates, {
        template: templateOf(notice),
        policyId: policy.id,
        data: {
          ...noticeTemplateData(policy, state, notice, author),
          agencyRoles: agencyRolesAt(policy, onCase.typed, onCase.agencies, notice.stage),
          ...this.calendarData(policy, state),
          ...records.data,
        },
        subject: subjectOf(policy, state, notice),
        footer: this.footer(policy, state.ref),
      });
      const messageId = outgoingMessageId(state.ref, notice.key, recipients, this.settings.domain);
      const from = this.mailboxOf(policy);
      const raw = composeMessage({
        ...rendered,
        from: `${policy.code} escalations <${from}>`,
        to: recipients,
        replyTo: signReplyAddress(this.settings.replySecret, this.settings.domain, {
          policyId: policy.id,
          ref: state.ref,
        }),
        threading: threadingHeaders(state.ref, this.settings.domain, messageId, inReplyTo),
        date: now,
        attachments: records.attachments,
      });
      mails.push({
        raw,
        messageId,
        sha256: createHash('sha256').update(raw).digest('hex'),
        caseId,
        noticeId: notice.id,
        mailFrom: from,
        recipients,
        kind: 'notice',
        queuedAt: now,
      });
    }
    return mails;
  }

  /**
   * The partnership directory as of this transaction, read once however many cases it acts
   * on (the scheduler's batches): nothing in a transaction of casework changes it.
   */
  private directoryIn(tx: Executor): Promise<MailSettings> {
    let read = this.directories.get(tx);
    if (!read) {
      read = withPartnershipDirectory(tx, this.settings);
      this.directories.set(tx, read);
      // a failed read is not kept: the next transaction reads again
      read.catch(() => this.directories.delete(tx));
    }
    return read;
  }

  /**
   * What `compose` will read for these cases (the directory, their agencies' types), read
   * now, the types of every policy's agencies in one statement: casework opening many cases
   * reads ahead before it takes their references, so the references are held for no read of
   * its own.
   */
  async readAhead(
    tx: Executor,
    cases: readonly { policy: PolicyFile; state: CaseState }[],
  ): Promise<void> {
    const [, typed] = await Promise.all([
      this.directoryIn(tx),
      new AgencyRepository().typesOfEach(
        tx,
        cases.map(({ policy, state }) => ({ policyId: policy.id, names: agenciesOnCase(state) })),
      ),
    ]);
    // one map of the types of every case's agencies of a policy serves each of its cases
    const known = this.agencyTypesKnownIn(tx);
    for (const { policy, state } of cases) {
      const agencies = agenciesOnCase(state);
      const ofPolicy = typed.get(policy.id) ?? new Map<string, string>();
      known.set(this.agencyTypesKey(policy, state), Promise.resolve({ agencies, typed: ofPolicy }));
    }
  }

  private agencyTypesKey(policy: PolicyFile, state: CaseState): string {
    return `${policy.id}\n${agenciesOnCase(state).join('\n')}`;
  }

  private agencyTypesKnownIn(tx: Executor) {
    let known = this.agencyTypes.get(tx);
    if (!known) {
      known = new Map<string, ReturnType<typeof agencyTypesOnCase>>();
      this.agencyTypes.set(tx, known);
    }
    return known;
  }

  /** The types of the case's agencies, each set of agencies read once per transaction. */
  private agencyTypesIn(tx: Executor, policy: PolicyFile, state: CaseState) {
    const key = this.agencyTypesKey(policy, state);
    const known = this.agencyTypesKnownIn(tx);
    let read = known.get(key);
    if (!read) {
      read = agencyTypesOnCase(tx, policy, state);
      known.set(key, read);
      read.catch(() => known.delete(key));
    }
    return read;
  }

  mailboxOf(policy: PolicyFile): string {
    return `${policy.id}@${this.settings.domain}`;
  }

  footer(policy: PolicyFile, ref: string | null): string {
    return (
      `Sent by the escalation service of ${policy.partnership}.` +
      (ref ? ` Reply to this email to act on ${ref}; keep [${ref}] in the subject.` : '') +
      " Never put a child's or adult's name in a subject line."
    );
  }

  private recipientsOf(
    settings: MailSettings,
    policy: PolicyFile,
    state: CaseState,
    notice: Notice,
  ): string[] {
    const addresses = new Set<string>();
    const byRole = (role: string) =>
      state.participants.filter((p) => p.role === role).map((p) => p.email);
    for (const to of notice.to) {
      if (to === 'case.participants') state.participants.forEach((p) => addresses.add(p.email));
      else if (to === 'case.raiser') byRole('raiser').forEach((a) => addresses.add(a));
      else if (to === 'case.manager') byRole('manager').forEach((a) => addresses.add(a));
      else if (to === 'case.other-practitioner')
        byRole('other-practitioner').forEach((a) => addresses.add(a));
      else if (to.startsWith('address:')) addresses.add(addressKey(to.slice('address:'.length)));
      else if (to.startsWith('partnership.')) {
        partnershipAddresses(settings, policy.id, to.slice('partnership.'.length)).forEach((a) =>
          addresses.add(addressKey(a)),
        );
      }
    }
    // Never write to our own mailboxes: that is how mail loops start.
    const routes = { domain: this.settings.domain, policyIds: this.policyIds };
    return [...addresses].filter((address) => routeMailbox(routes, address) === null);
  }
}
