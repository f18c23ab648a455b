import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { connect, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { InboundStore } from '@escalations/casework';
import { messages } from '@escalations/db';
import {
  createTestDatabase,
  memoryLog,
  testEngines,
  type TestDatabase,
} from '@escalations/db/testing';
import { eq } from 'drizzle-orm';
import nodemailer from 'nodemailer';
import type SMTPTransport from 'nodemailer/lib/smtp-transport';
import { SmtpIntake } from './smtp-intake';

const routes = { domain: 'escalations.localhost', policyIds: ['nel', 'kirklees'] };
const credentials = { user: 'relay', pass: 'a long relay password' };

const message = (messageId: string) => ({
  from: 'Asha Patel <asha.patel@school.example.org>',
  to: 'nel@escalations.localhost',
  subject: 'Escalation',
  text: 'Case: Child A\nAgency: School\nOther agency: CSC\nDisagreement: threshold',
  messageId: `<${messageId}>`,
});

function client(address: AddressInfo, options: Partial<SMTPTransport.Options> = {}) {
  return nodemailer.createTransport({
    host: '127.0.0.1',
    port: address.port,
    secure: false,
    ignoreTLS: true,
    ...options,
  });
}

async function send(
  address: AddressInfo,
  messageId: string,
  options: Partial<SMTPTransport.Options> = {},
): Promise<SMTPTransport.SentMessageInfo> {
  const transport = client(address, options);
  try {
    return await transport.sendMail(message(messageId));
  } finally {
    transport.close();
  }
}

/** The intake's answer to EHLO, read off a plain socket. */
function ehloLines(address: AddressInfo): Promise<string[]> {
  return new Promise((resolve, reject) => {
    const socket = connect(address.port, '127.0.0.1');
    let buffer = '';
    let greeted = false;
    socket.setEncoding('utf8');
    socket.on('error', reject);
    socket.on('data', (chunk: string) => {
      buffer += chunk;
      const lines = buffer.split('\r\n');
      if (!greeted && lines.some((line) => /^220 /.test(line))) {
        greeted = true;
        buffer = '';
        socket.write('EHLO client.example.org\r\n');
        return;
      }
      if (greeted && lines.some((line) => /^250 /.test(line))) {
        socket.end('QUIT\r\n');
        resolve(lines.filter((line) => line !== ''));
      }
    });
  });
}

/** A self-signed certificate for localhost, made with openssl when it is installed. */
function selfSignedCertificate(): { dir: string; keyFile: string; certFile: string } | null {
  if (spawnSync('openssl', ['version']).status !== 0) return null;
  const dir = mkdtempSync(join(tmpdir(), 'intake-tls-'));
  const keyFile = join(dir, 'key.pem');
  const certFile = join(dir, 'cert.pem');
  execFileSync(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-subj',
      '/CN=localhost',
      '-days',
      '1',
      '-keyout',
      keyFile,
      '-out',
      certFile,
    ],
    { stdio: 'ignore' },
  );
  return { dir, keyFile, certFile };
}

const tls = selfSignedCertificate();
if (!tls) {
  // eslint-disable-next-line no-console -- the one notice that a group of tests did not run
  console.warn('openssl is not on PATH: the SMTP intake STARTTLS tests are not run');
}
afterAll(() => {
  if (tls) rmSync(tls.dir, { recursive: true, force: true });
});

describe.each(testEngines())('SMTP intake with AUTH on %s', (engine) => {
  let database: TestDatabase;
  let intake: SmtpIntake;
  let address: AddressInfo;
  let woken = 0;

  beforeAll(async () => {
    database = await createTestDatabase(engine);
    intake = new SmtpIntake(
      {
        host: '127.0.0.1',
        port: 0,
        maxMessageBytes: 64 * 1024,
        routes,
        log: memoryLog('mail').log,
        auth: credentials,
        onStored: () => {
          woken += 1;
        },
      },
      new InboundStore(database.db),
    );
    address = await intake.start();
  }, 60_000);
  afterAll(async () => {
    await intake.stop();
    await database.destroy();
  });

  const stored = (messageId: string) =>
    database.db.select().from(messages).where(eq(messages.messageId, messageId));

  it('refuses a client that does not authenticate, and keeps nothing', async () => {
    await expect(send(address, 'no-auth@school.example.org')).rejects.toMatchObject({
      responseCode: 530,
    });
    expect(await stored('no-auth@school.example.org')).toHaveLength(0);
  });

  it('refuses wrong credentials with 535, and keeps nothing', async () => {
    await expect(
      send(address, 'wrong@school.example.org', {
        auth: { user: credentials.user, pass: 'not the password' },
      }),
    ).rejects.toMatchObject({ responseCode: 535 });
    await expect(
      send(address, 'wrong-user@school.example.org', {
        auth: { user: 'someone', pass: credentials.pass },
      }),
    ).rejects.toMatchObject({ responseCode: 535 });
    expect(await stored('wrong@school.example.org')).toHaveLength(0);
    expect(await stored('wrong-user@school.example.org')).toHaveLength(0);
  });

  it('takes a message from a client with the right credentials, and wakes the processor', async () => {
    const before = woken;
    const info = await send(address, 'right@school.example.org', { auth: credentials });
    expect(info.response).toMatch(/^250 /);
    const [row] = await stored('right@school.example.org');
    expect(row).toMatchObject({ direction: 'inbound', status: 'received' });
    expect(woken).toBe(before + 1);
    // A second delivery of the same message is the one already stored: nothing new to do.
    await send(address, 'right@school.example.org', { auth: credentials });
    expect(await stored('right@school.example.org')).toHaveLength(1);
    expect(woken).toBe(before + 1);
  });

  it('does not offer STARTTLS when it has no certificate', async () => {
    const lines = await ehloLines(address);
    expect(lines.some((line) => /^250[- ]AUTH\b/.test(line))).toBe(true);
    expect(lines.some((line) => /STARTTLS/.test(line))).toBe(false);
  });

  if (tls) {
    describe('with a certificate', () => {
      let secured: SmtpIntake;
      let securedAddress: AddressInfo;

      beforeAll(async () => {
        secured = new SmtpIntake(
          {
            host: '127.0.0.1',
            port: 0,
            maxMessageBytes: 64 * 1024,
            routes,
            log: memoryLog('mail').log,
            tls: { keyFile: tls.keyFile, certFile: tls.certFile },
            auth: credentials,
          },
          new InboundStore(database.db),
        );
        securedAddress = await secured.start();
      });
      afterAll(() => secured.stop());

      it('offers STARTTLS', async () => {
        const lines = await ehloLines(securedAddress);
        expect(lines).toContain('250-STARTTLS');
      });

      it('takes a message over STARTTLS with the right credentials', async () => {
        const info = await send(securedAddress, 'tls@school.example.org', {
          ignoreTLS: false,
          requireTLS: true,
          tls: { rejectUnauthorized: false },
          auth: credentials,
        });
        expect(info.response).toMatch(/^250 /);
        expect(await stored('tls@school.example.org')).toHaveLength(1);
      });

      it('will not take credentials before STARTTLS', async () => {
        await expect(
          send(securedAddress, 'plain@school.example.org', { auth: credentials }),
        ).rejects.toMatchObject({ responseCode: 538 });
        expect(await stored('plain@school.example.org')).toHaveLength(0);
      });
    });
  }
});
