import { createHash } from 'node:crypto';
import {
  InboundMessageRepository,
  type Database,
  type InboundToStore,
  type MessageEnvelope,
} from '@escalations/db';
import { readArrivalHeaders } from './arrival-headers';

export interface StoredMessage {
  id: string;
  duplicate: boolean;
}

/** At most this many messages, or this many bytes of them, are committed together. */
const MOST_TOGETHER = 50;
const MOST_BYTES_TOGETHER = 4 * 1024 * 1024;

interface Waiting {
  message: InboundToStore;
  stored: (message: StoredMessage) => void;
  failed: (error: unknown) => void;
}

/**
 * The first thing that happens to every message, however it arrives: its raw bytes are
 * committed to the database. Only then is its delivery acknowledged. A second delivery of
 * the same message (same Message-ID, or same bytes) is the message already stored.
 *
 * Messages arriving while a commit is under way are committed together when it ends, in
 * the order they arrived (group commit): one arriving alone is written at once, as before,
 * and under a burst a statement and a commit serve many. Should a statement of several
 * fail, each is written alone, so one bad message fails alone.
 */
export class InboundStore {
  private readonly messages = new InboundMessageRepository();
  private readonly waiting: Waiting[] = [];
  private writing = false;

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
    const message: InboundToStore = {
      raw,
      receivedAt: this.clock(),
      messageId,
      sha256: createHash('sha256').update(raw).digest('hex'),
      fromAddress,
      envelope,
    };
    return new Promise<StoredMessage>((stored, failed) => {
      this.waiting.push({ message, stored, failed });
      if (!this.writing) void this.writeWaiting();
    });
  }

  private async writeWaiting(): Promise<void> {
    this.writing = true;
    try {
      while (this.waiting.length > 0) await this.write(this.nextTogether());
    } finally {
      this.writing = false;
    }
  }

  /** The longest run of the oldest waiting messages within the limits; at least one. */
  private nextTogether(): Waiting[] {
    let bytes = 0;
    let count = 0;
    for (const { message } of this.waiting) {
      bytes += message.raw.length;
      if (count > 0 && (count >= MOST_TOGETHER || bytes > MOST_BYTES_TOGETHER)) break;
      count += 1;
    }
    return this.waiting.splice(0, count);
  }

  private async write(together: Waiting[]): Promise<void> {
    try {
      const stored = await this.messages.storeEach(
        this.db,
        together.map(({ message }) => message),
      );
      together.forEach((each, i) => each.stored(stored[i]!));
      return;
    } catch (error) {
      if (together.length === 1) {
        together[0]!.failed(error);
        return;
      }
    }
    for (const each of together) {
      try {
        each.stored(await this.messages.store(this.db, each.message));
      } catch (error) {
        each.failed(error);
      }
    }
  }
}
