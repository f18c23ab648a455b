import { readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { addressKey } from '@escalations/domain';
import { routeMailbox, type MailboxRoutes } from '@escalations/email';
import { SMTPServer, type SMTPServerOptions } from 'smtp-server';
import type { InboundStore } from '@escalations/casework';
import { createLogger, type Log } from '@escalations/db/log';
import { BoundedCollector } from './bounded-collector';

export interface SmtpIntakeOptions {
  host: string;
  port: number;
  maxMessageBytes: number;
  routes: MailboxRoutes;
  tls?: { keyFile: string; certFile: string };
  auth?: { user: string; pass: string };
  /** logs without personal data: addresses and subjects never go to a log */
  log?: Log;
  /** called after each message is committed, to wake the processor */
  onStored?: () => void;
  /** after each DATA: how many bytes came and the most held at once (for tests and benchmarks) */
  onDataRead?: (read: { bytes: number; peakKeptBytes: number }) => void;
}

class SmtpReply extends Error {
  constructor(
    message: string,
    readonly responseCode: number,
  ) {
    super(message);
  }
}

/**
 * The policies' mailboxes over SMTP. A recipient that is not one of ours gets 550, a
 * message over the size limit 552, and 250 is answered only after the raw message is
 * committed to the database; if that fails the sender gets 451 and tries again, so nothing
 * is lost.
 */
export class SmtpIntake {
  private server: SMTPServer | null = null;

  constructor(
    private readonly options: SmtpIntakeOptions,
    private readonly store: InboundStore,
  ) {}

  async start(): Promise<AddressInfo> {
    const { options } = this;
    const log = options.log ?? createLogger({ role: 'mail' });
    const serverOptions: SMTPServerOptions = {
      name: options.routes.domain,
      banner: 'escalations intake',
      size: options.maxMessageBytes,
      logger: false,
      disabledCommands: options.tls ? [] : ['STARTTLS'],
      authOptional: !options.auth,
      ...(options.tls
        ? { key: readFileSync(options.tls.keyFile), cert: readFileSync(options.tls.certFile) }
        : {}),
      onAuth: (auth, _session, callback) => {
        if (
          options.auth &&
          auth.username === options.auth.user &&
          auth.password === options.auth.pass
        ) {
          callback(null, { user: auth.username });
        } else {
          callback(new SmtpReply('authentication failed', 535));
        }
      },
      onRcptTo: (address, _session, callback) => {
        if (routeMailbox(options.routes, address.address)) callback();
        else callback(new SmtpReply('no such mailbox here', 550));
      },
      onData: (stream, session, callback) => {
        // The sender cannot hear 552 before it has sent everything, so an oversized message
        // is read to its end but not kept past the limit.
        const collector = new BoundedCollector(options.maxMessageBytes);
        stream.on('data', (chunk: Buffer) => collector.add(chunk));
        stream.on('end', () => {
          options.onDataRead?.({ bytes: collector.bytes, peakKeptBytes: collector.peakKeptBytes });
          const raw = collector.message();
          if (raw === null || stream.sizeExceeded) {
            callback(new SmtpReply(`message is larger than ${options.maxMessageBytes} bytes`, 552));
            return;
          }
          this.store
            .store(raw, {
              via: 'smtp',
              mailFrom: session.envelope.mailFrom
                ? addressKey(session.envelope.mailFrom.address)
                : null,
              rcptTo: session.envelope.rcptTo.map((r) => addressKey(r.address)),
              remoteAddress: session.remoteAddress ?? null,
              helo: session.hostNameAppearsAs ?? null,
            })
            .then((stored) => {
              log.info('smtp.stored', { messageId: stored.id, duplicate: stored.duplicate });
              callback(null, `queued as ${stored.id}`);
              // Wake the processor; if that fails it still finds the message on its next round.
              if (!stored.duplicate) {
                try {
                  options.onStored?.();
                } catch {
                  log.warn('smtp.wake-failed', { messageId: stored.id });
                }
              }
            })
            .catch((error: unknown) => {
              log.error('smtp.store-failed', { error });
              callback(
                new SmtpReply('could not store the message now, please try again later', 451),
              );
            });
        });
      },
    };
    const server = new SMTPServer(serverOptions);
    server.on('error', (error) => log.warn('smtp.error', { error }));
    await new Promise<void>((resolve, reject) => {
      server.server.once('error', reject);
      server.listen(options.port, options.host, () => resolve());
    });
    this.server = server;
    return server.server.address() as AddressInfo;
  }

  async stop(): Promise<void> {
    const server = this.server;
    this.server = null;
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}
