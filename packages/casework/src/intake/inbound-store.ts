import { createHash } from 'node:crypto';
import { InboundMessageRepository, type Database, type MessageEnvelope } from '@escalations/db';
import { readArrivalHeaders } from './arrival-headers';

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
    const { messageId, fromAddress } = readArrivalHeaders(raw);
    return this.messages.store(this.db, {
      raw,
      receivedAt: this.clock(),
      messageId,
      sha256: createHash('sha256').update(raw).digest('hex'),
      fromAddress,
      envelope,
    });
  }
}
