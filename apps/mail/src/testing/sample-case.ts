import type { MailHarness } from './mail-harness';

/** A complete escalation form: Asha Patel's school against Children's Services. */
export function sampleEscalationForm(caseName = 'Child A (PID 12345)'): string {
  return [
    `Case: ${caseName}`,
    'Agency: Grange Primary School',
    "Other agency: Children's Services",
    'Disagreement: The referral was closed without an assessment.',
    'Category: referral thresholds',
    'Manager: Dan Reed <dan.reed@school.example.org>',
    'Other practitioner: Sam Cole <sam.cole@council.example.gov.uk>',
  ].join('\n');
}

/** Text with its line breaks and runs of spaces folded, for matching wrapped mail. */
export const oneLine = (text: string | false | undefined) => (text || '').replace(/\s+/g, ' ');

export interface RaisedCase {
  ref: string;
  /** the signed reply address its acknowledgement gave */
  replyTo: string;
  /** a reply to the case from `from`, processed and its mail sent before it returns */
  reply(from: string, text: string): Promise<void>;
}

/**
 * Raises a case by email from `raiser` to a policy mailbox, as a practitioner would, and
 * gives its reference, its reply address and a way to reply to it. `idPrefix` keeps each
 * suite's Message-IDs its own.
 */
export async function raiseByEmail(
  mail: MailHarness,
  options: { raiser: string; mailbox: string; form: string; idPrefix: string },
): Promise<RaisedCase> {
  await mail.deliver({
    from: options.raiser,
    to: options.mailbox,
    subject: 'Escalation',
    text: options.form,
  });
  await mail.drain();
  const address = /<([^>]+)>/.exec(options.raiser)?.[1] ?? options.raiser;
  const ack = mail.world.inbox(address).at(-1)!;
  const ref = /\[([A-Z]+-\d{4}-\d{4})\]/.exec(ack.parsed.subject ?? '')![1]!;
  const replyTo = ack.parsed.replyTo!.value[0]!.address!;
  let sent = 0;
  return {
    ref,
    replyTo,
    reply: async (from, text) => {
      sent += 1;
      await mail.deliver({
        from,
        to: replyTo,
        subject: `Re: [${ref}] Escalation received`,
        text,
        messageId: `<${options.idPrefix}-${sent}@${from.split('@')[1]}>`,
      });
      await mail.drain();
    },
  };
}
