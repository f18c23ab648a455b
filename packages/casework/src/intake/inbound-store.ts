import { createHash } from 'node:crypto';
import { InboundMessageRepository, type Database, type MessageEnvelope } from '@escalations/db';

export interface StoredMessage {
  id: string;
  duplicate: boolean;
}

/**
 * The first thing that happens to every message, however it arrives: its raw bytes are
 * committed to the database. Only then is its delivery acknowledged. A second delivery of
 * the same message (same Message-ID, or same bytes) is the message already stored.
 */
export class InboundStore {
  private readonly messages = new InboundMessageRepository();

  /**
   * `clock` dates each arrival: the service's time, not the database's, so that deadlines
   * counted from a raise follow the same clock as everything else (and tests can set it).
   */
  constructor(
    private readonly db: Database,
    private readonly clock: () => Date = () => new Date(),
  ) {}

  async store(raw: Buffer, envelope: MessageEnvelope): Promise<StoredMessage> {
    const header = headerSection(raw);
    return this.messages.store(this.db, {
      raw,
      receivedAt: this.clock(),
      messageId:
        headerValue(header, 'message-id')
          ?.replace(/^.*?<([^>]+)>.*$/s, '$1')
          .trim() || null,
      sha256: createHash('sha256').update(raw).digest('hex'),
      fromAddress:
        headerValue(header, 'from')
          ?.match(/[^\s<>"]+@[^\s<>"]+/)?.[0]
          ?.toLowerCase() ?? null,
      envelope,
    });
  }
}

/** The header block, read as latin1 so no byte can break it; parsing proper comes later. */
function headerSection(raw: Buffer): string {
  const text = raw.subarray(0, 256 * 1024).toString('latin1');
  const end = text.search(/\r?\n\r?\n/);
  return end < 0 ? text : text.slice(0, end);
}

function headerValue(header: string, name: string): string | null {
  const match = new RegExp(`^${name}:[ \\t]*((?:.*)(?:\\r?\\n[ \\t].*)*)`, 'im').exec(header);
  return match ? match[1]!.replace(/\r?\n[ \t]+/g, ' ').trim() : null;
}
