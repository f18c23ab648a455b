import { InboundMessageRepository } from '@escalations/db';
import { parseInboundEmail, type InboundEmail } from '@escalations/email';
import type { PipelineContext } from './pipeline-context';
import type { ParsedMessage, StoredMessage } from './pipeline-values';

const inbound = new InboundMessageRepository();

/**
 * Reads the raw message and keeps its attachments with it, those over the size this
 * service keeps recorded without their content, so its sender can be told.
 */
export async function parse(message: StoredMessage, ctx: PipelineContext): Promise<ParsedMessage> {
  const email = await parseInboundEmail(message.raw);
  const attachmentsNotKept = await keepAttachments(message.id, email, ctx);
  return { message, email, attachmentsNotKept };
}

async function keepAttachments(
  id: string,
  email: InboundEmail,
  ctx: PipelineContext,
): Promise<string | null> {
  const limit = ctx.options.maxAttachmentBytes;
  if (email.attachments.length > 0) {
    await ctx.database.transaction((tx) =>
      inbound.addAttachments(
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
  }
  const dropped = email.attachments.filter((file) => file.size > limit);
  if (dropped.length === 0) return null;
  const names = dropped.map((file) => `"${file.filename}" (${kilobytes(file.size)})`);
  return (
    `${dropped.length === 1 ? 'The attachment' : 'The attachments'} ${names.join(', ')} ` +
    `${dropped.length === 1 ? 'was' : 'were'} not kept: larger than the ${kilobytes(limit)} ` +
    `this service keeps. Send ${dropped.length === 1 ? 'it' : 'them'} to the people on the case by your agency’s secure route.`
  );
}

function kilobytes(bytes: number): string {
  return `${Math.ceil(bytes / 1024)} KB`;
}
