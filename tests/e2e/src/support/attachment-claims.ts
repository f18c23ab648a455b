import type { CapturedMail } from './capture-smtp';

/**
 * The lines of a message that say something is attached when the message carries nothing
 * that answers to it (issue 11: five notices said a form "is attached" when nothing was).
 * Indented lines are what people wrote, quoted back to them, and are theirs to word.
 */
export function unfoundedAttachmentClaims(mail: CapturedMail): string[] {
  const names = mail.attachments.map((a) => a.filename.toLowerCase());
  return mail.text.split('\n').filter((line) => {
    if (/^\s/.test(line) || !/\battached\b/i.test(line) || /\bnot attached\b/i.test(line))
      return false;
    if (names.length === 0) return true;
    return /chronology/i.test(line) && !names.some((name) => name.includes('chronology'));
  });
}
