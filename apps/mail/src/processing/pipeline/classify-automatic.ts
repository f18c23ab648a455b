import { extractReplyText, classifyAutomaticEmail } from '@escalations/email';
import { parseReplyCommand } from '@escalations/domain';
import type { PipelineContext } from './pipeline-context';
import type { ParsedMessage, PersonMail, Step } from './pipeline-values';
import { recordAutomatic } from './record-automatic';
import { addressedTo, mailboxOf } from './route';
import { readForm } from './interpret';

/**
 * Automatic mail (bounces, auto-replies, list traffic) is recorded and never answered. List
 * mail is often a person writing through a group: it goes on when it holds a command or a
 * form. Mail with no sender address has no one to answer and is recorded as unrecognised.
 */
export async function classifyAutomatic(
  parsed: ParsedMessage,
  ctx: PipelineContext,
): Promise<Step<PersonMail>> {
  const automatic = classifyAutomaticEmail(parsed.email);
  if (automatic.automatic && !(automatic.kind === 'list' && holdsCommandOrForm(parsed, ctx))) {
    return { done: { settled: await recordAutomatic(parsed, automatic, ctx) } };
  }
  const from = parsed.email.from;
  if (!from) {
    return {
      done: { record: { kind: 'unrecognised', note: 'no sender address: nothing to answer' } },
    };
  }
  return { next: { ...parsed, from } };
}

/** Whether a message to one of our mailboxes holds a valid reply command or escalation form. */
function holdsCommandOrForm(parsed: ParsedMessage, ctx: PipelineContext): boolean {
  const { email } = parsed;
  const mailbox = mailboxOf(email, parsed.message.envelope, ctx);
  const policy = mailbox && ctx.library.policies.get(mailbox.policyId);
  if (!email.from || !mailbox || !policy) return false;
  const addressed = addressedTo(email, ctx);
  const text = extractReplyText(email.text);
  if (addressed.kind === 'case') return parseReplyCommand(text).ok;
  if (mailbox.kind === 'reply' || addressed.kind === 'confirmation') return false;
  return readForm(text, policy, ctx).ok;
}
