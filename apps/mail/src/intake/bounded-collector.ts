/**
 * The bytes of one incoming message, kept only while they fit the size limit. Past the limit
 * everything kept is let go and the rest is counted, not kept, so an oversized message costs
 * the process nothing however large it is: the sender still sends it all before it can read
 * our 552, and all of it has to be read and dropped.
 */
export class BoundedCollector {
  private chunks: Buffer[] = [];
  private keptBytes = 0;
  private seenBytes = 0;
  private peak = 0;

  constructor(readonly limit: number) {}

  add(chunk: Buffer): void {
    this.seenBytes += chunk.length;
    if (this.seenBytes > this.limit) {
      if (this.chunks.length > 0) {
        this.chunks = [];
        this.keptBytes = 0;
      }
      return;
    }
    this.chunks.push(chunk);
    this.keptBytes += chunk.length;
    if (this.keptBytes > this.peak) this.peak = this.keptBytes;
  }

  /** every byte added, kept or not */
  get bytes(): number {
    return this.seenBytes;
  }

  /** what it holds now */
  get heldBytes(): number {
    return this.keptBytes;
  }

  /** the most this collector ever held at once */
  get peakKeptBytes(): number {
    return this.peak;
  }

  get overLimit(): boolean {
    return this.seenBytes > this.limit;
  }

  /** The whole message; null once it went over the limit. */
  message(): Buffer | null {
    return this.overLimit ? null : Buffer.concat(this.chunks, this.keptBytes);
  }
}
