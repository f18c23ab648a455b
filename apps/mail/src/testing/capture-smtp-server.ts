import type { AddressInfo } from 'node:net';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';

export interface CapturedMail {
  to: string[];
  raw: Buffer;
  parsed: ParsedMail;
}

/**
 * A real SMTP server on loopback standing in for the world's mail servers: it keeps what it
 * is sent, and can be told to refuse for a while (451, or a permanent 5xx) to test retries.
 * Stopped and started again on the same port, it stands in for a server that was down.
 */
export class CaptureSmtpServer {
  readonly received: CapturedMail[] = [];
  /** while above zero, each delivery is refused with `refuseWith` and this counts down */
  refuseNext = 0;
  /** the reply code of a refusal: 451 (try again later) unless set, e.g. 550 (never) */
  refuseWith = 451;
  private server: SMTPServer | null = null;
  private listeningOn = 0;

  /** Listens on loopback: on `port` when given (to come back where it was), else any. */
  async start(port = 0): Promise<string> {
    this.server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      logger: false,
      onData: (stream, session, callback) => {
        const chunks: Buffer[] = [];
        stream.on('data', (chunk: Buffer) => chunks.push(chunk));
        stream.on('end', () => {
          if (this.refuseNext > 0) {
            this.refuseNext -= 1;
            const code = this.refuseWith;
            const text = code >= 500 ? 'no such user here' : 'try again later';
            callback(Object.assign(new Error(text), { responseCode: code }));
            return;
          }
          const raw = Buffer.concat(chunks);
          void simpleParser(raw).then((parsed) => {
            this.received.push({
              to: session.envelope.rcptTo.map((r) => r.address.toLowerCase()),
              raw,
              parsed,
            });
            callback();
          });
        });
      },
    });
    await new Promise<void>((resolve) => this.server!.listen(port, '127.0.0.1', resolve));
    this.listeningOn = (this.server.server.address() as AddressInfo).port;
    return `smtp://127.0.0.1:${this.listeningOn}`;
  }

  /** The port it listens (or last listened) on. */
  get port(): number {
    return this.listeningOn;
  }

  /** What one address was sent, oldest first. */
  inbox(address: string): CapturedMail[] {
    return this.received.filter((mail) => mail.to.includes(address.toLowerCase()));
  }

  /**
   * The latest mail one address was sent other than the learning request, which follows every
   * closing as a message of its own: what a spec of the closing itself wants to read.
   */
  latestBesidesLearningRequest(address: string): CapturedMail | undefined {
    return this.inbox(address)
      .filter((mail) => !mail.parsed.subject?.includes('] Learning and debrief'))
      .at(-1);
  }

  async stop(): Promise<void> {
    const server = this.server;
    this.server = null;
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}
