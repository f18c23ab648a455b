import {
  calendarChoices,
  parseEscalationForm,
  parseReplyCommand,
  renderBlankForm,
  type PolicyFile,
} from '@escalations/domain';
import { extractReplyText } from '@escalations/email';
import type { PipelineContext } from './pipeline-context';
import type { Interpreted, Step, VerifiedMail } from './pipeline-values';

/**
 * What the sender asks for: to confirm a held command, a command on a case, or a new case
 * from the escalation form. A form with problems is answered with them and a blank form;
 * mail the sender checks refuse opens and confirms nothing. A command's refusal waits for the
 * case: who may act on it is judged under its lock.
 */
export function interpret(mail: VerifiedMail, ctx: PipelineContext): Step<Interpreted> {
  const { addressed, verdict } = mail;
  const replyText = extractReplyText(mail.email.text);
  if (addressed.kind === 'case') {
    const parsed = parseReplyCommand(replyText);
    return {
      next: {
        ...mail,
        ask: 'command',
        ref: addressed.ref,
        replyText,
        command: parsed.ok ? { ok: true, command: parsed.command } : parsed,
      },
    };
  }
  if (!verdict.allowed) {
    const cannot =
      addressed.kind === 'confirmation' ? 'it cannot confirm anything' : 'no case was opened';
    return {
      done: {
        answer: {
          to: mail.from.address,
          policy: mail.policy,
          template: 'command-refused',
          data: {
            problems: [
              `Your email could not be verified as coming from you, so ${cannot}: ${verdict.reason}.`,
            ],
          },
        },
        outcome: {
          kind: addressed.kind === 'confirmation' ? 'reply' : 'escalation',
          note: 'sender checks failed',
        },
      },
    };
  }
  if (addressed.kind === 'confirmation') {
    return { next: { ...mail, ask: 'confirm', token: addressed.token, text: replyText } };
  }
  const form = readForm(replyText, mail.policy, ctx);
  if (!form.ok) {
    return {
      done: {
        answer: {
          to: mail.from.address,
          policy: mail.policy,
          template: 'form-problems',
          data: {
            problems: form.problems.map((problem) => problem.message),
            blankForm: renderBlankForm(form.options, form.partial),
            urgentGuidance: mail.policy.urgentGuidance.text,
            urgentRoutes: mail.policy.urgentGuidance.routes ?? [],
          },
          answering: { text: mail.email.text },
        },
        outcome: { kind: 'escalation', note: 'form with problems' },
      },
    };
  }
  return { next: { ...mail, ask: 'raise', form: form.form } };
}

/** The escalation form as the policy asks for it, read from the reply text. */
export function readForm(text: string, policy: PolicyFile, ctx: PipelineContext) {
  const options = {
    categories: policy.categories,
    stageCount: policy.stages.length,
    startAboveStageOne: policy.startAboveStageOne.allowed,
    calendars: calendarChoices(ctx.library, policy),
  };
  return { ...parseEscalationForm(text, options), options };
}
