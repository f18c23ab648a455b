import { randomBytes } from 'node:crypto';
import { createServer, connect, type AddressInfo, type Server, type Socket } from 'node:net';
import { InboundStore } from '@escalations/casework';
import { messages } from '@escalations/db';
import {
  createTestDatabase,
  memoryLog,
  testEngines,
  type TestDatabase,
} from '@escalations/db/testing';
import { eq, like } from 'drizzle-orm';
import { ImapFlow } from 'imapflow';
import { ImapPoller, parseImapUrl, STORED_KEYWORD } from './imap-poller';
import { startDovecot, type TestDovecot } from './testing/dovecot';

let dovecot: TestDovecot;
let peer: ImapFlow;

// One real Dovecot for the file; every test gets a mailbox of its own on it.
beforeAll(async () => {
  dovecot = await startDovecot();
  peer = new ImapFlow({
    host: dovecot.host,
    port: dovecot.port,
    secure: false,
    auth: { user: dovecot.user, pass: dovecot.password },
    logger: false,
    disableAutoIdle: true,
  });
  peer.on('error', () => undefined);
  await peer.connect();
}, 60_000);

afterAll(async () => {
  await peer?.logout();
  await dovecot?.stop();
}, 30_000);

let mailboxes = 0;
async function newMailbox(): Promise<string> {
  const name = `test-${++mailboxes}-${randomBytes(3).toString('hex')}`;
  await peer.mailboxCreate(name);
  return name;
}

function email(messageId: string, text = 'Case: Child A\r\nAgency: School'): Buffer {
  return Buffer.from(
    [
      'From: Asha Patel <asha.patel@school.example.org>',
      'To: nel@escalations.localhost',
      'Subject: Escalation',
      `Message-ID: <${messageId}>`,
      'Date: Tue, 24 Nov 2026 10:00:00 +0000',
      'MIME-Version: 1.0',
      'Content-Type: text/plain; charset=utf-8',
      '',
      text,
      '',
    ].join('\r\n'),
  );
}

/** Puts a message in the mailbox the way a mail server would: IMAP APPEND. */
async function deliver(mailbox: string, raw: Buffer): Promise<number> {
  const appended = await peer.append(mailbox, raw);
  if (!appended || appended.uid === undefined) throw new Error('APPEND did not answer a UID');
  return appended.uid;
}

/** The server's flags of every message in the mailbox, by UID. */
async function flagsIn(mailbox: string): Promise<Map<number, Set<string>>> {
  const lock = await peer.getMailboxLock(mailbox);
  try {
    const fetched = await peer.fetchAll('1:*', { uid: true, flags: true });
    return new Map(fetched.map((message) => [message.uid, message.flags ?? new Set<string>()]));
  } finally {
    lock.release();
  }
}

/** A store that fails the first `failures` times, as when the database is briefly away. */
function failingStore(store: InboundStore, failures: number) {
  let left = failures;
  return {
    calls: 0,
    store(raw: Buffer, envelope: Parameters<InboundStore['store']>[1]) {
      this.calls += 1;
      if (left > 0) {
        left -= 1;
        return Promise.reject(new Error('connection to the database lost'));
      }
      return store.store(raw, envelope);
    },
  };
}

/**
 * A TCP relay to Dovecot whose connections a test can cut, as a network would. It reaches
 * Dovecot from a loopback address of its own: Dovecot delays logins from an address after a
 * failed one, and that must not slow the tests that come after a failed login.
 */
async function relay(): Promise<{
  url(mailbox: string): URL;
  cut(): void;
  close(): Promise<void>;
}> {
  const from = `127.${[...randomBytes(3)].map((byte) => Math.min(Math.max(byte, 2), 254)).join('.')}`;
  const sockets = new Set<Socket>();
  const server: Server = createServer((incoming) => {
    const outgoing = connect({ host: dovecot.host, port: dovecot.port, localAddress: from });
    for (const socket of [incoming, outgoing]) {
      sockets.add(socket);
      socket.on('close', () => sockets.delete(socket));
      socket.on('error', () => undefined);
    }
    incoming.pipe(outgoing).pipe(incoming);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const { port } = server.address() as AddressInfo;
  return {
    url: (mailbox) => {
      const url = new URL(dovecot.url(mailbox));
      url.port = String(port);
      return url;
    },
    cut: () => sockets.forEach((socket) => socket.destroy()),
    close: () => {
      sockets.forEach((socket) => socket.destroy());
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}

describe('IMAP_URL', () => {
  it('defaults to INBOX and the protocol port, and reads the mailbox address from the user', () => {
    expect(parseImapUrl('imaps://nel%40partnership.example.org:p%40ss@imap.example.org')).toEqual({
      host: 'imap.example.org',
      port: 993,
      secure: true,
      user: 'nel@partnership.example.org',
      pass: 'p@ss',
      mailbox: 'INBOX',
      address: 'nel@partnership.example.org',
    });
    expect(parseImapUrl('imap://intake:secret@127.0.0.1/Escalations%2FNew')).toMatchObject({
      port: 143,
      secure: false,
      mailbox: 'Escalations/New',
      address: null,
    });
  });

  it('refuses other schemes without repeating the URL, which holds the password', () => {
    expect(() => parseImapUrl('pop3://user:hunter2@host')).toThrow(/imap:\/\/ or imaps:\/\//);
    expect(() => parseImapUrl('pop3://user:hunter2@host')).not.toThrow(/hunter2/);
  });
});

describe.each(testEngines())('IMAP poller on %s', (engine) => {
  let database: TestDatabase;
  let store: InboundStore;
  const { log, lines, entries } = memoryLog('mail');
  const run = randomBytes(4).toString('hex');
  let sequence = 0;
  /** a Message-ID no other test (or engine) uses, since tests share the database */
  const newId = () => `m${++sequence}.${run}@school.example.org`;

  beforeAll(async () => {
    database = await createTestDatabase(engine);
    store = new InboundStore(database.db);
  }, 60_000);
  afterAll(() => database.destroy());

  const rows = (messageId: string) =>
    database.db.select().from(messages).where(eq(messages.messageId, messageId));

  afterEach(() => {
    // Nothing the poller logs may carry the credentials or an address.
    for (const line of lines) {
      expect(line).not.toContain(dovecot.password);
      expect(line).not.toMatch(/@/);
    }
    lines.length = 0;
  });

  it('stores each new message exactly as it is on the server, and only then marks it', async () => {
    const mailbox = await newMailbox();
    const first = newId();
    const second = newId();
    const firstUid = await deliver(mailbox, email(first));
    const secondUid = await deliver(mailbox, email(second, 'NOTE\r\nStrategy meeting booked'));
    const poller = new ImapPoller({ url: dovecot.url(mailbox), log }, store);

    await expect(poller.pollOnce()).resolves.toEqual({
      stored: 2,
      duplicates: 0,
      failed: 0,
      tooLarge: 0,
    });

    const [row] = await rows(first);
    expect(row).toMatchObject({ direction: 'inbound', status: 'received' });
    expect(row!.raw.equals(email(first))).toBe(true);
    expect(row!.envelope).toEqual({
      via: 'imap',
      mailFrom: null,
      rcptTo: [dovecot.user],
      remoteAddress: null,
      helo: null,
    });
    expect(await rows(second)).toHaveLength(1);
    const flags = await flagsIn(mailbox);
    for (const uid of [firstUid, secondUid]) {
      expect(flags.get(uid)).toContain(STORED_KEYWORD);
      // People reading the mailbox still see the message as unread.
      expect(flags.get(uid)).not.toContain('\\Seen');
    }
  });

  it('does not fetch a message over MAX_MESSAGE_BYTES: leaves it in the mailbox, flagged, logged once by UID', async () => {
    const mailbox = await newMailbox();
    const huge = newId();
    const small = newId();
    const hugeUid = await deliver(mailbox, email(huge, 'x'.repeat(8 * 1024)));
    const smallUid = await deliver(mailbox, email(small));
    const fetched: Buffer[] = [];
    const watching = {
      store: (raw: Buffer, envelope: Parameters<InboundStore['store']>[1]) => {
        fetched.push(raw);
        return store.store(raw, envelope);
      },
    };
    const poller = new ImapPoller(
      { url: dovecot.url(mailbox), log, maxMessageBytes: 4096 },
      watching,
    );

    await expect(poller.pollOnce()).resolves.toEqual({
      stored: 1,
      duplicates: 0,
      failed: 0,
      tooLarge: 1,
    });
    expect(fetched.map((raw) => raw.length)).toEqual([email(small).length]);
    expect(await rows(huge)).toHaveLength(0);
    expect(await rows(small)).toHaveLength(1);
    const flags = await flagsIn(mailbox);
    expect([...flags.get(hugeUid)!].sort()).toEqual(['$EscalationsTooLarge', '\\Flagged']);
    expect(flags.get(smallUid)).toContain(STORED_KEYWORD);
    expect(entries()).toEqual([
      expect.objectContaining({
        level: 'warn',
        event: 'imap.too-large',
        uid: hugeUid,
        bytes: expect.any(Number),
      }),
      expect.objectContaining({ level: 'info', event: 'imap.stored', uid: smallUid }),
    ]);

    // Passed over from then on, without another word.
    lines.length = 0;
    await expect(poller.pollOnce()).resolves.toEqual({
      stored: 0,
      duplicates: 0,
      failed: 0,
      tooLarge: 0,
    });
    expect(lines).toEqual([]);
    expect(fetched).toHaveLength(1);
  });

  it('stores nothing again on the next poll, and picks up a message that arrives later', async () => {
    const mailbox = await newMailbox();
    await deliver(mailbox, email(newId()));
    const poller = new ImapPoller({ url: dovecot.url(mailbox), log }, store);
    await expect(poller.pollOnce()).resolves.toEqual({
      stored: 1,
      duplicates: 0,
      failed: 0,
      tooLarge: 0,
    });
    await expect(poller.pollOnce()).resolves.toEqual({
      stored: 0,
      duplicates: 0,
      failed: 0,
      tooLarge: 0,
    });

    const later = newId();
    const uid = await deliver(mailbox, email(later));
    await expect(poller.pollOnce()).resolves.toEqual({
      stored: 1,
      duplicates: 0,
      failed: 0,
      tooLarge: 0,
    });
    expect(await rows(later)).toHaveLength(1);
    expect((await flagsIn(mailbox)).get(uid)).toContain(STORED_KEYWORD);
  });

  it('leaves a message it could not store unmarked, and stores it on a later poll', async () => {
    const mailbox = await newMailbox();
    const unlucky = newId();
    const lucky = newId();
    const unluckyUid = await deliver(mailbox, email(unlucky));
    const luckyUid = await deliver(mailbox, email(lucky));
    const flaky = failingStore(store, 1);
    const poller = new ImapPoller({ url: dovecot.url(mailbox), log }, flaky);

    await expect(poller.pollOnce()).resolves.toEqual({
      stored: 1,
      duplicates: 0,
      failed: 1,
      tooLarge: 0,
    });
    expect(await rows(unlucky)).toHaveLength(0);
    let flags = await flagsIn(mailbox);
    expect(flags.get(unluckyUid)).not.toContain(STORED_KEYWORD);
    expect(flags.get(luckyUid)).toContain(STORED_KEYWORD);
    expect(entries()).toContainEqual(
      expect.objectContaining({
        event: 'imap.store-failed',
        uid: unluckyUid,
        error: expect.stringMatching(/^Error/),
      }),
    );

    await expect(poller.pollOnce()).resolves.toEqual({
      stored: 1,
      duplicates: 0,
      failed: 0,
      tooLarge: 0,
    });
    expect(await rows(unlucky)).toHaveLength(1);
    flags = await flagsIn(mailbox);
    expect(flags.get(unluckyUid)).toContain(STORED_KEYWORD);
    expect(flaky.calls).toBe(3);
  });

  it('makes one stored message of the same Message-ID delivered twice, and marks both', async () => {
    const mailbox = await newMailbox();
    const twice = newId();
    const uids = [
      await deliver(mailbox, email(twice)),
      await deliver(mailbox, email(twice, 'Case: Child A\r\nAgency: School (resent)')),
    ];
    const poller = new ImapPoller({ url: dovecot.url(mailbox), log }, store);

    await expect(poller.pollOnce()).resolves.toEqual({
      stored: 1,
      duplicates: 1,
      failed: 0,
      tooLarge: 0,
    });
    expect(await rows(twice)).toHaveLength(1);
    const flags = await flagsIn(mailbox);
    for (const uid of uids) expect(flags.get(uid)).toContain(STORED_KEYWORD);
  });

  it('after the connection drops between storing and marking, stores it again as a duplicate', async () => {
    const mailbox = await newMailbox();
    const messageId = newId();
    const uid = await deliver(mailbox, email(messageId));
    const network = await relay();
    try {
      let cutOnce = true;
      const cuttingStore = {
        store: async (raw: Buffer, envelope: Parameters<InboundStore['store']>[1]) => {
          const stored = await store.store(raw, envelope);
          // Committed, and then the connection goes before the mark can be set.
          if (cutOnce) network.cut();
          cutOnce = false;
          return stored;
        },
      };
      const poller = new ImapPoller({ url: network.url(mailbox).toString(), log }, cuttingStore);

      await expect(poller.pollOnce()).rejects.toThrow();
      expect(await rows(messageId)).toHaveLength(1);
      expect((await flagsIn(mailbox)).get(uid)).not.toContain(STORED_KEYWORD);

      await expect(poller.pollOnce()).resolves.toEqual({
        stored: 0,
        duplicates: 1,
        failed: 0,
        tooLarge: 0,
      });
      expect(await rows(messageId)).toHaveLength(1);
      expect((await flagsIn(mailbox)).get(uid)).toContain(STORED_KEYWORD);
    } finally {
      await network.close();
    }
  });

  it('fails a poll when the server cannot be reached or refuses the login, without logging either secret', async () => {
    const mailbox = await newMailbox();
    const closed = await relay();
    const unreachable = closed.url(mailbox).toString();
    await closed.close();
    await expect(new ImapPoller({ url: unreachable, log }, store).pollOnce()).rejects.toThrow();

    const network = await relay();
    try {
      const wrongPassword = network.url(mailbox);
      wrongPassword.password = 'not-the-password';
      const poller = new ImapPoller({ url: wrongPassword.toString(), log }, store);
      poller.start(60_000);
      await poller.stop();
    } finally {
      await network.close();
    }
    expect(entries()).toContainEqual(
      expect.objectContaining({
        level: 'warn',
        event: 'imap.poll-failed',
        error: 'Error AUTHENTICATIONFAILED',
      }),
    );
    expect(lines.join('\n')).not.toContain('not-the-password');
  });

  it('polls on its own once started, one poll at a time, until stopped', async () => {
    const mailbox = await newMailbox();
    const prefix = `started.${run}`;
    for (let n = 0; n < 3; n += 1)
      await deliver(mailbox, email(`${prefix}.${n}@school.example.org`));
    let inFlight = 0;
    let mostInFlight = 0;
    const slowStore = {
      store: async (raw: Buffer, envelope: Parameters<InboundStore['store']>[1]) => {
        inFlight += 1;
        mostInFlight = Math.max(mostInFlight, inFlight);
        try {
          await new Promise((resolve) => setTimeout(resolve, 20));
          return await store.store(raw, envelope);
        } finally {
          inFlight -= 1;
        }
      },
    };
    const poller = new ImapPoller({ url: dovecot.url(mailbox), log }, slowStore);
    poller.start(1);
    // A manual poll meanwhile waits its turn rather than running alongside.
    const manual = poller.pollOnce();
    const storedSoFar = () =>
      database.db
        .select({ id: messages.id })
        .from(messages)
        .where(like(messages.messageId, `${prefix}.%`));
    for (let waited = 0; (await storedSoFar()).length < 3; waited += 25) {
      if (waited > 10_000) throw new Error('the started poller did not store the messages');
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    const late = `${prefix}.late@school.example.org`;
    await deliver(mailbox, email(late));
    for (let waited = 0; (await rows(late)).length === 0; waited += 25) {
      if (waited > 10_000) throw new Error('the started poller did not pick up a later message');
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    await poller.stop();
    await manual;
    expect(mostInFlight).toBe(1);
    const flags = await flagsIn(mailbox);
    expect([...flags.values()].every((set) => set.has(STORED_KEYWORD))).toBe(true);
  });
});
