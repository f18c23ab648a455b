import {
  oneAuthorProblem,
  refFromSubject,
  refFromThreadingHeaders,
  routeMailbox,
  verifyConfirmationAddress,
  verifyReplyAddress,
  type InboundEmail,
  type Mailbox,
} from '@escalations/email';
import type { MessageEnvelope } from '@escalations/db';
import type { PipelineContext } from './pipeline-context';
import type { Addressed, PersonMail, RoutedMail, Step } from './pipeline-values';

/**
 * Which policy mailbox the message came to and what it is about: a reply to a confirmation
 * request, a case (CONTRACT.md: its signed reply address, then `[ref]` in the subject, then
 * the threading headers), or a new escalation. Mail to no mailbox of ours is recorded; mail
 * with more than one author, or to a reply address that names no case, is refused.
 */
export function route(mail: PersonMail, ctx: PipelineContext): Step<RoutedMail> {
  const mailbox = mailboxOf(mail.email, mail.message.envelope, ctx);
  if (!mailbox)
    return {
      done: { record: { kind: 'unrecognised', note: 'not addressed to a policy mailbox' } },
    };
  const policy = ctx.library.policies.get(mailbox.policyId)!;
  const authors = oneAuthorProblem(mail.email.authors);
  if (authors) {
    return refused(mail, policy, `Your email could not change anything: ${authors}.`, {
      kind: mailbox.kind === 'reply' ? 'reply' : 'escalation',
      note: 'more than one author',
    });
  }
  const addressed = addressedTo(mail.email, ctx);
  if (addressed.kind === 'new-case' && mailbox.kind === 'reply') {
    return refused(
      mail,
      policy,
      'The reply address does not name a case of ours any more. Reply to the latest email about the case.',
      { kind: 'unrecognised', note: 'reply address not verified' },
    );
  }
  return { next: { ...mail, mailbox, policy, addressed } };
}

/** What the message is about, from its addresses, subject and threading headers. */
export function addressedTo(email: InboundEmail, ctx: PipelineContext): Addressed {
  const { domain } = ctx.options.routes;
  const addresses = [...email.to, ...email.cc].map((a) => a.address);
  for (const address of addresses) {
    const target = verifyConfirmationAddress(ctx.mail.replySecret, domain, address);
    if (target) return { kind: 'confirmation', ...target };
  }
  for (const address of addresses) {
    const target = verifyReplyAddress(ctx.mail.replySecret, domain, address);
    if (target) return { kind: 'case', ref: target.ref };
  }
  const codes = [...ctx.library.policies.values()].map((policy) => policy.code);
  const ref =
    refFromSubject(email.subject, codes) ??
    refFromThreadingHeaders(domain, [
      ...(email.inReplyTo ? [email.inReplyTo] : []),
      ...email.references,
    ]);
  return ref ? { kind: 'case', ref } : { kind: 'new-case' };
}

/** The policy mailbox the message was delivered to: the envelope first, then the headers. */
export function mailboxOf(
  email: InboundEmail,
  envelope: MessageEnvelope | null,
  ctx: PipelineContext,
): Mailbox | null {
  const candidates = [
    ...(envelope?.rcptTo ?? []),
    ...email.to.map((a) => a.address),
    ...email.cc.map((a) => a.address),
  ];
  const routed = candidates
    .map((address) => routeMailbox(ctx.options.routes, address))
    .filter((m) => m !== null);
  return routed.find((m) => m.kind === 'reply') ?? routed[0] ?? null;
}

function refused(
  mail: PersonMail,
  policy: RoutedMail['policy'],
  problem: string,
  outcome: { kind: 'reply' | 'escalation' | 'unrecognised'; note: string },
): Step<RoutedMail> {
  return {
    done: {
      answer: {
        to: mail.from.address,
        policy,
        template: 'command-refused',
        data: { problems: [problem] },
      },
      outcome,
    },
  };
}
