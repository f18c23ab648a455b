import {
  AnswerMailer,
  type Answer,
  type Casework,
  partnershipAddressesIn,
  type MailSettings,
  type ServiceMetrics,
} from '@escalations/casework';
import {
  CaseRepository,
  InboundMessageRepository,
  OperationsRepository,
  ParticipantRepository,
  type Database,
  type LeaseHolder,
  type MessageEnvelope,
  type MessageKind,
} from '@escalations/db';
import type { Log } from '@escalations/db/log';
import {
  calendarChoices,
  calendarOf,
  parseEscalationForm,
  parseReplyCommand,
  renderBlankForm,
  replyCommandWord,
  type Actor,
  type CaseCommand,
  type PolicyFile,
  type PolicyLibrary,
  type RaiseCommand,
  type ReplyCommand,
} from '@escalations/domain';
import {
  classifyAutomaticEmail,
  extractReplyText,
  oneAuthorProblem,
  parseInboundEmail,
  refFromSubject,
  refFromThreadingHeaders,
  routeMailbox,
  senderVerdict,
  verifyConfirmationAddress,
  verifyReplyAddress,
  type InboundEmail,
  type MailboxRoutes,
  type SenderCheckMode,
  type SenderVerdict,
} from '@escalations/email';
import { CommandConfirmation } from './command-confirmation';
import { ANSWER_TO_STRANGER, mayActOn } from './answer-to-stranger';
import { caseOfAutomaticMail } from './automatic-mail-case';
import { bouncedDeliveries } from './bounce-origin';
import { identifySender } from './identify-sender';
import { describeFailure } from './describe-failure';
import { nextAttemptAt } from '../retry-backoff';
import { checkSender, type SenderCheckOptions } from './sender-checks';

export interface ProcessorOptions {
  routes: MailboxRoutes;
  senderChecks: SenderCheckMode;
  senderCheckOptions: SenderCheckOptions;
  maxAttempts: number;
  maxAttachmentBytes: number;
  answersPerHour: number;
  /** how long one processor holds a message before another may take it over */
  leaseSeconds?: number;
  /** whose leases these are: a restarted worker takes back its dead predecessor's at once */
  leaseHolder?: LeaseHolder;
  /** inbound messages by kind and outcome, and the time each took */
  metrics?: ServiceMetrics;
  log?: Log;
}

export interface ProcessorDependencies {
  database: Database;
  library: PolicyLibrary;
  casework: Casework;
  mail: MailSettings;
  clock: () => Date;
}

type Outcome = { kind: MessageKind; caseId?: string | null; note: string };

/**
 * Works through stored inbound mail: parses and classifies each message, and sends what it
 * asks for to casework. Automatic mail is recorded and never answered; everything a person
 * sent that changes nothing gets an answer saying why. A message that makes it throw is
 * retried a few times, then set aside for an administrator; it never blocks the queue.
 */
export class MessageProcessor {
  private readonly inbound = new InboundMessageRepository();
  private readonly cases = new CaseRepository();
  private readonly participants = new ParticipantRepository();
  private readonly operations = new OperationsRepository();
  private readonly answers: AnswerMailer;
  private readonly confirmation: CommandConfirmation;
  /** for the message being processed: what its sender is told of attachments too large to keep */
  private readonly attachmentsNotKept = new Map<string, string>();

  constructor(
    private readonly deps: ProcessorDependencies,
    private readonly options: ProcessorOptions,
  ) {
    this.answers = new AnswerMailer(
      deps.mail,
      options.answersPerHour,
      (policy) => calendarOf(deps.library, policy).zone,
    );
    this.confirmation = new CommandConfirmation({
      ...deps,
      answers: this.answers,
      zoneOf: (policy) => calendarOf(deps.library, policy).zone,
    });
  }

  /** Process what is due now; returns how many messages were taken. */
  async runOnce(limit = 20): Promise<number> {
    const now = this.deps.clock();
    const leaseUntil = new Date(now.getTime() + (this.options.leaseSeconds ?? 300) * 1000);
    for (const id of await this.inbound.setAsideAbandoned(
      this.deps.database,
      now,
      this.options.maxAttempts,
    )) {
      this.options.metrics?.inboundHandled(null, 'set-aside');
      this.options.log?.warn('processor.set-aside', { messageId: id, outcome: 'attempts-ended' });
    }
    const leased = await this.inbound.lease(
      this.deps.database,
      now,
      leaseUntil,
      limit,
      this.options.leaseHolder,
    );
    // Each message succeeds or fails on its own: nothing one of them does stops the rest.
    for (const message of leased) {
      const started = performance.now();
      try {
        await this.measured(message.id, () =>
          this.process(message.id, message.raw, message.envelope, message.receivedAt),
        );
        this.options.log?.info('processor.processed', {
          messageId: message.id,
          durationMs: Math.round(performance.now() - started),
        });
      } catch (error) {
        const retryAt = nextAttemptAt(
          message.attempts,
          this.options.maxAttempts,
          this.deps.clock(),
        );
        try {
          await this.inbound.markFailed(
            this.deps.database,
            message.id,
            describeFailure(error),
            retryAt,
          );
          this.options.metrics?.inboundHandled(null, retryAt ? 'retried' : 'set-aside');
        } catch {
          // Left leased: taken again when the lease runs out, set aside once attempts are spent.
          this.options.log?.error('processor.failure-not-recorded', {
            messageId: message.id,
            error,
          });
          continue;
        }
        this.options.log?.error('processor.failed', {
          messageId: message.id,
          attempt: message.attempts,
          outcome: retryAt ? 'retry' : 'set-aside',
          error,
        });
      }
    }
    return leased.length;
  }

  /**
   * Processes one message and, with metrics, records what it was (read back from its row,
   * whichever path marked it) and the time it took.
   */
  private async measured(id: string, run: () => Promise<void>): Promise<void> {
    const started = performance.now();
    await run();
    const metrics = this.options.metrics;
    if (!metrics) return;
    const seconds = (performance.now() - started) / 1000;
    // failing to read it back must not count as a failure of the message
    const outcome = await this.operations.messageOutcome(this.deps.database, id).catch(() => null);
    metrics.inboundHandled(outcome?.kind ?? null, 'processed', seconds);
  }

  private async process(
    id: string,
    raw: Buffer,
    envelope: MessageEnvelope | null,
    receivedAt: Date,
  ): Promise<void> {
    const email = await parseInboundEmail(raw);
    const notKept = await this.keepAttachments(id, email);
    if (notKept) this.attachmentsNotKept.set(id, notKept);
    try {
      await this.act(id, raw, envelope, receivedAt, email);
    } finally {
      this.attachmentsNotKept.delete(id);
    }
  }

  private async act(
    id: string,
    raw: Buffer,
    envelope: MessageEnvelope | null,
    receivedAt: Date,
    email: InboundEmail,
  ): Promise<void> {
    const automatic = classifyAutomaticEmail(email);
    // List mail is often a person writing through a group: it acts when it holds a command
    // or a form; without one it is recorded as list traffic, never answered.
    const listMailThatActs =
      automatic.automatic && automatic.kind === 'list' && this.holdsCommandOrForm(email, envelope);
    if (automatic.automatic && !listMailThatActs) {
      await this.handleAutomatic(
        id,
        email,
        automatic.kind,
        automatic.reason,
        automatic.failedRecipients,
      );
      return;
    }
    const from = email.from;
    if (!from) {
      await this.finish(id, { kind: 'unrecognised', note: 'no sender address: nothing to answer' });
      return;
    }
    const mailbox = this.mailboxOf(email, envelope);
    if (!mailbox) {
      await this.finish(id, { kind: 'unrecognised', note: 'not addressed to a policy mailbox' });
      return;
    }
    const policy = this.deps.library.policies.get(mailbox.policyId)!;
    const authors = oneAuthorProblem(email.authors);
    if (authors) {
      await this.answer(
        id,
        from.address,
        policy,
        'command-refused',
        { problems: [`Your email could not change anything: ${authors}.`] },
        email.messageId,
        { kind: mailbox.kind === 'reply' ? 'reply' : 'escalation', note: 'more than one author' },
      );
      return;
    }
    const authentication = await checkSender(
      raw,
      envelope,
      email.headers['authentication-results'] ?? [],
      from.address,
      this.options.senderCheckOptions,
    );
    const verdict = senderVerdict(authentication, this.options.senderChecks);
    const record = { ...authentication, verdict } as unknown as Record<string, unknown>;

    const confirming = this.confirmationOf(email);
    if (confirming) {
      await this.handleConfirmation(id, email, from, policy, confirming, verdict, record);
      return;
    }

    const ref = this.caseRefOf(email);
    if (ref) {
      await this.handleReply(id, email, from, policy, ref, verdict, record);
      return;
    }
    if (mailbox.kind === 'reply') {
      await this.answer(
        id,
        from.address,
        policy,
        'command-refused',
        {
          problems: [
            'The reply address does not name a case of ours any more. Reply to the latest email about the case.',
          ],
        },
        email.messageId,
        { kind: 'unrecognised', note: 'reply address not verified' },
      );
      return;
    }
    await this.handleEscalation(id, email, from, policy, receivedAt, verdict, record);
  }

  private async handleReply(
    id: string,
    email: InboundEmail,
    from: { address: string; name: string | null },
    policy: PolicyFile,
    ref: string,
    verdict: SenderVerdict,
    authentication: Record<string, unknown>,
  ): Promise<void> {
    const record = await this.cases.findByRef(this.deps.database, ref);
    const casePolicy = record ? this.deps.library.policies.get(record.state.policyId) : undefined;
    // A missing case and a case the sender is not on get the same answer: no one learns
    // from us which references exist, and no stranger gets a case's reply address.
    if (
      !record ||
      !casePolicy ||
      !(await mayActOn(this.deps.database, this.deps.mail, casePolicy, record.state, from))
    ) {
      await this.answer(
        id,
        from.address,
        policy,
        ANSWER_TO_STRANGER.template,
        ANSWER_TO_STRANGER.data,
        email.messageId,
        record
          ? { kind: 'reply', caseId: record.id, note: 'refused: not-entitled (not on the case)' }
          : { kind: 'reply', note: `no case ${ref}` },
        undefined,
        undefined,
        { text: email.text },
      );
      return;
    }
    // A participant's command is answered however many they send (the limit is for loops).
    const refuse = (problems: string[], note: string, participantCommand = false) =>
      this.answer(
        id,
        from.address,
        casePolicy,
        'command-refused',
        { problems },
        email.messageId,
        { kind: 'reply', caseId: record.id, note },
        ref,
        record.id,
        { text: email.text, participantCommand },
      );
    if (!verdict.allowed) {
      await refuse(
        [
          `Your email could not be verified as coming from you, so it cannot change the case: ${verdict.reason}.`,
        ],
        'sender checks failed',
      );
      return;
    }
    const replyText = extractReplyText(email.text);
    const parsed = parseReplyCommand(replyText);
    if (!parsed.ok) {
      await refuse(parsed.problems, 'no command', replyCommandWord(replyText) !== undefined);
      return;
    }
    const actor = await identifySender(
      this.deps.database,
      this.deps.mail,
      casePolicy,
      record.state,
      from,
      verdict.verified,
    );
    if (!verdict.verified && actor.kind !== 'stranger') {
      await this.confirmation.hold({
        messageRowId: id,
        inReplyTo: email.messageId,
        policy: casePolicy,
        ref: record.state.ref,
        caseId: record.id,
        actor,
        command: toCaseCommand(parsed.command),
        commandName: replyCommandWord(replyText) ?? replyText.trim().split(/\s+/)[0]!.toUpperCase(),
        commandText: replyText.trim(),
        why: verdict.why ?? 'the sender checks could not verify it',
        authentication,
      });
      return;
    }
    const notKept = this.attachmentsNotKept.get(id);
    const result = await this.deps.casework.apply(ref, toCaseCommand(parsed.command), actor, {
      inReplyTo: email.messageId,
      messageRowId: id,
      authentication,
      ...(notKept ? { attachmentsNotKept: notKept } : {}),
    });
    if (!result.ok) await refuse([result.refusal.message], `refused: ${result.refusal.code}`, true);
  }

  private async handleEscalation(
    id: string,
    email: InboundEmail,
    from: { address: string; name: string | null },
    policy: PolicyFile,
    receivedAt: Date,
    verdict: SenderVerdict,
    authentication: Record<string, unknown>,
  ): Promise<void> {
    if (!verdict.allowed) {
      await this.answer(
        id,
        from.address,
        policy,
        'command-refused',
        {
          problems: [
            `Your email could not be verified as coming from you, so no case was opened: ${verdict.reason}.`,
          ],
        },
        email.messageId,
        { kind: 'escalation', note: 'sender checks failed' },
      );
      return;
    }
    const options = {
      categories: policy.categories,
      stageCount: policy.stages.length,
      startAboveStageOne: policy.startAboveStageOne.allowed,
      calendars: calendarChoices(this.deps.library, policy),
    };
    const parsed = parseEscalationForm(extractReplyText(email.text), options);
    if (!parsed.ok) {
      await this.answer(
        id,
        from.address,
        policy,
        'form-problems',
        {
          problems: parsed.problems.map((problem) => problem.message),
          blankForm: renderBlankForm(options, parsed.partial),
          urgentGuidance: policy.urgentGuidance.text,
          urgentRoutes: policy.urgentGuidance.routes ?? [],
        },
        email.messageId,
        { kind: 'escalation', note: 'form with problems' },
        undefined,
        undefined,
        { text: email.text },
      );
      return;
    }
    const form = parsed.form;
    const ours = (address: string) => routeMailbox(this.options.routes, address) !== null;
    const copied = email.cc
      .filter((person) => !ours(person.address))
      .map((person) =>
        person.name ? { name: person.name, email: person.address } : { email: person.address },
      );
    const raise: Omit<RaiseCommand, 'kind' | 'ref'> = {
      raisedAt: receivedAt,
      raisedBy: from.name ? { name: from.name, email: from.address } : { email: from.address },
      caseName: form.caseName,
      agency: form.agency,
      otherAgency: form.otherAgency,
      disagreement: form.disagreement,
      category: form.category,
      risk: form.risk,
      startStage: form.startStage,
      ...(form.calendar ? { calendarId: form.calendar } : {}),
      copied,
      ...(form.manager ? { manager: form.manager } : {}),
      ...(form.otherPractitioner ? { otherPractitioner: form.otherPractitioner } : {}),
      ...(form.outcomeSought ? { outcomeSought: form.outcomeSought } : {}),
      ...(form.attemptsSoFar ? { attemptsSoFar: form.attemptsSoFar } : {}),
    };
    const actor: Actor = {
      kind: 'participant',
      id: from.address,
      verified: verdict.verified,
      ...(from.name ? { name: from.name } : {}),
    };
    const result = await this.deps.casework.open({ ...raise, policyId: policy.id }, actor, {
      inReplyTo: email.messageId,
      messageRowId: id,
      authentication,
      ...(verdict.verified ? {} : { senderCheck: `sender not verified: ${verdict.why ?? ''}` }),
      ...(this.attachmentsNotKept.has(id)
        ? { attachmentsNotKept: this.attachmentsNotKept.get(id)! }
        : {}),
    });
    if (!result.ok) {
      await this.answer(
        id,
        from.address,
        policy,
        'command-refused',
        { problems: [result.refusal.message] },
        email.messageId,
        { kind: 'escalation', note: `refused: ${result.refusal.code}` },
      );
    }
  }

  /**
   * Recorded, never answered. A bounce of mail we sent marks the address it went to failing
   * on that mail's case and tells the partnership; any other bounce changes nothing. Mail
   * proven to be about a case is kept with it, to show on the case and in its chronology.
   */
  private async handleAutomatic(
    id: string,
    email: InboundEmail,
    kind: string,
    reason: string,
    failed: string[],
  ): Promise<void> {
    const now = this.deps.clock();
    await this.deps.database.transaction(async (tx) => {
      const deliveries = kind === 'bounce' ? await bouncedDeliveries(tx, email, failed) : [];
      for (const { caseId, address } of deliveries) {
        const affected = await this.participants.markFailingOnCase(tx, caseId, address, now);
        const policy = affected && this.deps.library.policies.get(affected.policyId);
        if (!affected || !policy) continue;
        await this.answers.queue(
          tx,
          {
            to: await partnershipAddressesIn(
              tx,
              this.deps.mail,
              policy.id,
              policy.partnershipContact,
            ),
            policy,
            template: 'delivery-failed',
            data: { address, reason },
            ref: affected.ref,
            caseId: affected.id,
            inReplyTo: email.messageId,
          },
          now,
        );
      }
      const caseId = await caseOfAutomaticMail(tx, email, kind, deliveries, {
        secret: this.deps.mail.replySecret,
        domain: this.options.routes.domain,
      });
      const unproven =
        kind === 'bounce' && failed.length > 0 && deliveries.length === 0
          ? '; names no mail we sent to those addresses, so no one is marked failing'
          : '';
      await this.inbound.markProcessed(
        tx,
        id,
        { kind: 'automatic', caseId, note: `${kind}: ${reason}${unproven}` },
        now,
      );
    });
  }

  private async answer(
    id: string,
    to: string,
    policy: PolicyFile,
    template: 'form-problems' | 'command-refused',
    data: Record<string, unknown>,
    inReplyTo: string | null,
    outcome: Outcome,
    ref?: string,
    caseId?: string,
    answering?: Answer['answering'],
  ): Promise<void> {
    const now = this.deps.clock();
    await this.deps.database.transaction(async (tx) => {
      const sent = await this.answers.queue(
        tx,
        {
          to,
          policy,
          template,
          data: { ...data, attachmentsNotKept: this.attachmentsNotKept.get(id) ?? null },
          ref: ref ?? null,
          caseId: caseId ?? null,
          inReplyTo,
          ...(answering ? { answering } : {}),
        },
        now,
      );
      await this.inbound.markProcessed(
        tx,
        id,
        {
          ...outcome,
          note: sent ? outcome.note : `${outcome.note}; not answered: answer limit reached`,
        },
        now,
      );
    });
  }

  private finish(id: string, outcome: Outcome): Promise<void> {
    return this.inbound.markProcessed(this.deps.database, id, outcome, this.deps.clock());
  }

  /** Stores the attachments; returns what to tell the sender of those too large to keep. */
  private async keepAttachments(id: string, email: InboundEmail): Promise<string | null> {
    const limit = this.options.maxAttachmentBytes;
    await this.deps.database.transaction((tx) =>
      this.inbound.addAttachments(
        tx,
        id,
        email.attachments.map((file) => ({
          filename: file.filename,
          contentType: file.contentType,
          size: file.size,
          sha256: file.sha256,
          content: file.size <= limit ? file.content : null,
        })),
      ),
    );
    const dropped = email.attachments.filter((file) => file.size > limit);
    if (dropped.length === 0) return null;
    const names = dropped.map((file) => `"${file.filename}" (${kilobytes(file.size)})`);
    return (
      `${dropped.length === 1 ? 'The attachment' : 'The attachments'} ${names.join(', ')} ` +
      `${dropped.length === 1 ? 'was' : 'were'} not kept: larger than the ${kilobytes(limit)} ` +
      `this service keeps. Send ${dropped.length === 1 ? 'it' : 'them'} to the people on the case by your agency’s secure route.`
    );
  }

  /** Whether a message to one of our mailboxes holds a valid reply command or escalation form. */
  private holdsCommandOrForm(email: InboundEmail, envelope: MessageEnvelope | null): boolean {
    const mailbox = this.mailboxOf(email, envelope);
    const policy = mailbox && this.deps.library.policies.get(mailbox.policyId);
    if (!email.from || !mailbox || !policy) return false;
    const text = extractReplyText(email.text);
    if (this.caseRefOf(email)) return parseReplyCommand(text).ok;
    if (mailbox.kind === 'reply' || this.confirmationOf(email)) return false;
    return parseEscalationForm(text, {
      categories: policy.categories,
      stageCount: policy.stages.length,
      startAboveStageOne: policy.startAboveStageOne.allowed,
      calendars: calendarChoices(this.deps.library, policy),
    }).ok;
  }

  /** The policy mailbox the message was delivered to: the envelope first, then the headers. */
  private mailboxOf(email: InboundEmail, envelope: MessageEnvelope | null) {
    const candidates = [
      ...(envelope?.rcptTo ?? []),
      ...email.to.map((a) => a.address),
      ...email.cc.map((a) => a.address),
    ];
    const routed = candidates
      .map((address) => routeMailbox(this.options.routes, address))
      .filter((m) => m !== null);
    return routed.find((m) => m.kind === 'reply') ?? routed[0] ?? null;
  }

  /** A reply to a confirmation request: its one-time address in To or Cc. */
  private confirmationOf(email: InboundEmail) {
    for (const address of [...email.to, ...email.cc].map((a) => a.address)) {
      const target = verifyConfirmationAddress(
        this.deps.mail.replySecret,
        this.options.routes.domain,
        address,
      );
      if (target) return target;
    }
    return null;
  }

  private async handleConfirmation(
    id: string,
    email: InboundEmail,
    from: { address: string; name: string | null },
    policy: PolicyFile,
    target: { policyId: string; token: string },
    verdict: SenderVerdict,
    authentication: Record<string, unknown>,
  ): Promise<void> {
    const refuse = (problem: string, note: string, ref: string | null, caseId: string | null) =>
      this.answer(
        id,
        from.address,
        policy,
        'command-refused',
        { problems: [problem] },
        email.messageId,
        { kind: 'reply', caseId, note },
        ref ?? undefined,
        caseId ?? undefined,
      );
    if (!verdict.allowed) {
      await refuse(
        `Your email could not be verified as coming from you, so it cannot confirm anything: ${verdict.reason}.`,
        'sender checks failed',
        null,
        null,
      );
      return;
    }
    const result = await this.confirmation.confirm({
      messageRowId: id,
      inReplyTo: email.messageId,
      token: target.token,
      from: from.address,
      text: extractReplyText(email.text),
      authentication,
    });
    if (!result.ok) await refuse(result.problem, result.note, result.ref, result.caseId);
  }

  /** CONTRACT.md: the signed reply address, then `[ref]` in the subject, then threading headers. */
  private caseRefOf(email: InboundEmail): string | null {
    const { domain } = this.options.routes;
    for (const address of [...email.to, ...email.cc].map((a) => a.address)) {
      const target = verifyReplyAddress(this.deps.mail.replySecret, domain, address);
      if (target) return target.ref;
    }
    const codes = [...this.deps.library.policies.values()].map((policy) => policy.code);
    return (
      refFromSubject(email.subject, codes) ??
      refFromThreadingHeaders(domain, [
        ...(email.inReplyTo ? [email.inReplyTo] : []),
        ...email.references,
      ])
    );
  }
}

function kilobytes(bytes: number): string {
  return `${Math.ceil(bytes / 1024)} KB`;
}

/** The case command a reply asks for, with whoever its `Next contact:` lines bring in. */
function toCaseCommand(reply: ReplyCommand): Exclude<CaseCommand, RaiseCommand> {
  const command = caseCommandOf(reply);
  if (command.kind === 'add' || !reply.nextContacts?.length) return command;
  return { ...command, nextContacts: reply.nextContacts };
}

function caseCommandOf(
  command: ReplyCommand,
): Extract<CaseCommand, { kind: ReplyCommand['kind'] }> {
  switch (command.kind) {
    case 'resolve':
      return { kind: 'resolve', outcome: command.outcome, outstanding: command.outstanding };
    case 'escalate':
      return { kind: 'escalate', reason: command.reason, nextContacts: command.nextContacts };
    case 'extend':
      return 'until' in command
        ? { kind: 'extend', until: command.until, reason: command.reason }
        : { kind: 'extend', workingDays: command.workingDays, reason: command.reason };
    case 'reason':
      return { kind: 'reason', rationale: command.rationale };
    case 'note':
      return { kind: 'note', note: command.note };
    case 'withdraw':
      return { kind: 'withdraw', reason: command.reason };
    case 'decision':
      return { kind: 'decision', decision: command.decision };
    case 'learning':
      return { kind: 'learning', learning: command.learning };
    case 'recommend':
      return { kind: 'recommend', recommendation: command.recommendation };
    case 'add':
      return {
        kind: 'add',
        people: command.people,
        ...(command.note ? { note: command.note } : {}),
      };
    case 'agree':
      return command.text === undefined ? { kind: 'agree' } : { kind: 'agree', text: command.text };
    case 'form':
      return command.formId === undefined
        ? { kind: 'form', text: command.text }
        : { kind: 'form', formId: command.formId, text: command.text };
  }
}
