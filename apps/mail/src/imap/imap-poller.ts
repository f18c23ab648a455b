import { ServiceConfigSchema, type InboundStore } from '@escalations/casework';
import type { MessageEnvelope } from '@escalations/db';
import { addressKey } from '@escalations/domain';
import { createLogger, type Log } from '@escalations/db/log';
import { ImapFlow, type MailboxObject } from 'imapflow';

/**
 * The mark we set on a message once its raw bytes are committed. A keyword of our own, not
 * \Seen: \Seen belongs to the people who also read the mailbox (a manager opening the
 * message in webmail would otherwise hide it from us for ever) and to other clients; our
 * keyword means exactly "in the database", and nothing but this poller sets it.
 */
export const STORED_KEYWORD = '$EscalationsStored';
/**
 * The mark on a message over MAX_MESSAGE_BYTES. It is not fetched, so it is neither stored
 * nor refused (a mailbox cannot bounce it): it stays in the mailbox, \Flagged for the people
 * who read it and logged by UID, and is passed over on later polls.
 */
export const TOO_LARGE_KEYWORD = '$EscalationsTooLarge';
const SEEN = '\\Seen';
const FLAGGED = '\\Flagged';
const DEFAULT_MAX_MESSAGE_BYTES: number =
  ServiceConfigSchema.shape.MAX_MESSAGE_BYTES.parse(undefined);

export interface ImapPollerOptions {
  /** imap:// or imaps://user:pass@host:port/MAILBOX (INBOX when no mailbox is named) */
  url: string;
  /** the mailbox's address, for the envelope; by default the URL's user when it is an address */
  address?: string;
  /** the mail role's log (ids and codes: never credentials or addresses) */
  log?: Log;
  /** MAX_MESSAGE_BYTES: a larger message is left on the server, flagged (default 25 MB) */
  maxMessageBytes?: number;
}

export interface PollResult {
  stored: number;
  duplicates: number;
  /** messages left unmarked because storing them failed: the next poll tries them again */
  failed: number;
  /** messages found over MAX_MESSAGE_BYTES this poll: left in the mailbox, flagged, not fetched */
  tooLarge: number;
}

interface ImapAccount {
  host: string;
  port: number;
  secure: boolean;
  user: string;
  pass: string;
  mailbox: string;
  address: string | null;
}

/** IMAP_URL's parts. The error never repeats the URL: it carries the password. */
export function parseImapUrl(url: string): ImapAccount {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new Error('IMAP_URL is not a URL: expected imap://user:pass@host:port/INBOX');
  }
  if (parsed.protocol !== 'imap:' && parsed.protocol !== 'imaps:') {
    throw new Error('IMAP_URL must start with imap:// or imaps://');
  }
  const secure = parsed.protocol === 'imaps:';
  const user = decodeURIComponent(parsed.username);
  if (!parsed.hostname || !user) {
    throw new Error('IMAP_URL needs a user and a host: imap://user:pass@host:port/INBOX');
  }
  return {
    host: parsed.hostname.replace(/^\[(.*)\]$/, '$1'),
    port: parsed.port ? Number(parsed.port) : secure ? 993 : 143,
    secure,
    user,
    pass: decodeURIComponent(parsed.password),
    mailbox: decodeURIComponent(parsed.pathname.replace(/^\//, '')) || 'INBOX',
    address: /^[^\s@]+@[^\s@]+$/.test(user) ? addressKey(user) : null,
  };
}

/**
 * A hosted mailbox, polled. Each poll connects, finds the messages not yet carrying our
 * mark, commits each raw message to the database and only then marks it on the server. A
 * crash between the two stores the message again next time, which the store recognises as
 * a duplicate; no order of failures can leave a message marked but not stored. A failed
 * store leaves the message unmarked for the next poll; a dropped connection ends the poll
 * and the next one starts afresh. State lives on the server (the mark), not in UIDs kept
 * here, so a UIDVALIDITY change or a second poller costs at most duplicate stores.
 */
export class ImapPoller {
  private readonly account: ImapAccount;
  private readonly log: Log;
  private readonly maxMessageBytes: number;
  /** polls run one after another, whoever asks for them */
  private tail: Promise<unknown> = Promise.resolve();
  private running = false;
  private timer: NodeJS.Timeout | null = null;
  private current: Promise<unknown> | null = null;
  private warnedAboutSeen = false;

  constructor(
    options: ImapPollerOptions,
    private readonly store: Pick<InboundStore, 'store'>,
  ) {
    this.account = parseImapUrl(options.url);
    if (options.address) this.account.address = addressKey(options.address);
    this.log = options.log ?? createLogger({ role: 'mail' });
    this.maxMessageBytes = options.maxMessageBytes ?? DEFAULT_MAX_MESSAGE_BYTES;
  }

  /** One poll; rejects when the server cannot be reached or the mailbox cannot be opened. */
  pollOnce(): Promise<PollResult> {
    const poll = this.tail.then(() => this.poll());
    this.tail = poll.catch(() => undefined);
    return poll;
  }

  /** Polls now and then `intervalMs` after each poll ends, so two never overlap. */
  start(intervalMs: number): void {
    if (this.running) return;
    this.running = true;
    const tick = () => {
      this.timer = null;
      const poll = this.pollOnce().then(
        (result) => {
          if (result.failed > 0) this.log.warn('imap.some-not-stored', { count: result.failed });
        },
        // an error's kind and codes only: its message may quote the server or a user
        (error: unknown) => this.log.warn('imap.poll-failed', { error }),
      );
      this.current = poll;
      void poll.finally(() => {
        if (this.current === poll) this.current = null;
        if (this.running) this.timer = setTimeout(tick, intervalMs);
      });
    };
    tick();
  }

  /** Stops polling; waits for a poll under way, so nothing is left half done. */
  async stop(): Promise<void> {
    this.running = false;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.current;
    await this.tail;
  }

  private async poll(): Promise<PollResult> {
    const { account } = this;
    const client = new ImapFlow({
      host: account.host,
      port: account.port,
      secure: account.secure,
      auth: { user: account.user, pass: account.pass },
      // imapflow's logger would write server dialogue, addresses included, to stdout.
      logger: false,
      disableAutoIdle: true,
      connectionTimeout: 30_000,
      socketTimeout: 5 * 60_000,
    });
    // A connection that drops emits 'error' as well as failing the command in flight; the
    // failed command ends the poll, so the event needs only to be kept from crashing us.
    client.on('error', () => undefined);
    try {
      await client.connect();
      const result = await this.storeNew(client);
      await client.logout();
      return result;
    } catch (error) {
      client.close();
      throw error;
    }
  }

  private async storeNew(client: ImapFlow): Promise<PollResult> {
    const result: PollResult = { stored: 0, duplicates: 0, failed: 0, tooLarge: 0 };
    const lock = await client.getMailboxLock(this.account.mailbox);
    try {
      const mark = this.markFor(client.mailbox || null);
      const uids = await client.search(
        mark === STORED_KEYWORD ? { unKeyword: STORED_KEYWORD } : { seen: false },
        { uid: true },
      );
      if (!uids) throw new Error('the IMAP server refused to search the mailbox');
      const envelope: MessageEnvelope = {
        via: 'imap',
        mailFrom: null,
        rcptTo: this.account.address ? [this.account.address] : [],
        remoteAddress: null,
        helo: null,
      };
      const sizes = await this.sizesOf(client, uids);
      // One message at a time: imapflow cannot run STORE inside a FETCH, and at most one
      // message's bytes, of at most MAX_MESSAGE_BYTES, are held in memory.
      for (const uid of [...uids].sort((a, b) => a - b)) {
        const found = sizes.get(uid);
        if (!found) continue; // expunged since the search
        if (found.size > this.maxMessageBytes) {
          if (await this.setAsideTooLarge(client, uid, found, mark)) result.tooLarge += 1;
          continue;
        }
        // BODY.PEEK: fetching does not set \Seen, so people reading the mailbox see it as new.
        const message = await client.fetchOne(
          String(uid),
          { uid: true, source: true },
          { uid: true },
        );
        if (!message || !message.source) continue; // expunged since the search
        let stored;
        try {
          stored = await this.store.store(message.source, envelope);
        } catch (error) {
          result.failed += 1;
          this.log.error('imap.store-failed', { uid, error });
          continue;
        }
        if (stored.duplicate) result.duplicates += 1;
        else result.stored += 1;
        this.log.info('imap.stored', { messageId: stored.id, uid, duplicate: stored.duplicate });
        if (!(await client.messageFlagsAdd(String(uid), [mark], { uid: true }))) {
          this.log.warn('imap.mark-failed', { messageId: stored.id, uid });
        }
      }
    } finally {
      lock.release();
    }
    return result;
  }

  /** Each message's size (RFC822.SIZE) and flags, read before any message is downloaded. */
  private async sizesOf(
    client: ImapFlow,
    uids: number[],
  ): Promise<Map<number, { size: number; flags: Set<string> }>> {
    const sizes = new Map<number, { size: number; flags: Set<string> }>();
    if (uids.length === 0) return sizes;
    const fetched = await client.fetchAll(
      uids.join(','),
      { uid: true, size: true, flags: true },
      { uid: true },
    );
    for (const message of fetched) {
      sizes.set(message.uid, { size: message.size ?? 0, flags: message.flags ?? new Set() });
    }
    return sizes;
  }

  /**
   * Leaves an oversized message where it is, flagged so a person sees it and (where the
   * mailbox keeps keywords) marked so later polls pass it over without a word. True the
   * first time, when it is logged.
   */
  private async setAsideTooLarge(
    client: ImapFlow,
    uid: number,
    found: { size: number; flags: Set<string> },
    mark: string,
  ): Promise<boolean> {
    const setAside = mark === STORED_KEYWORD ? TOO_LARGE_KEYWORD : FLAGGED;
    if (found.flags.has(setAside)) return false;
    this.log.warn('imap.too-large', { uid, bytes: found.size });
    const flags = mark === STORED_KEYWORD ? [FLAGGED, TOO_LARGE_KEYWORD] : [FLAGGED];
    if (!(await client.messageFlagsAdd(String(uid), flags, { uid: true }))) {
      this.log.warn('imap.flag-failed', { uid });
    }
    return true;
  }

  /**
   * Our keyword where the mailbox keeps keywords (PERMANENTFLAGS with \* or the keyword;
   * absent means any flag). Some servers (Exchange) keep none: there \Seen is the only mark
   * left, at the cost that a message someone opens before we poll is not fetched.
   */
  private markFor(mailbox: MailboxObject | null): string {
    const flags = mailbox?.permanentFlags;
    if (!flags || flags.has('\\*') || flags.has(STORED_KEYWORD)) return STORED_KEYWORD;
    if (!this.warnedAboutSeen) {
      this.warnedAboutSeen = true;
      this.log.warn('imap.no-keywords');
    }
    return SEEN;
  }
}
