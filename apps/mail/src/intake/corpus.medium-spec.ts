import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { messages } from '@escalations/db';
import { testEngines } from '@escalations/db/testing';
import { parseInboundEmail } from '@escalations/email';
import { and, eq } from 'drizzle-orm';
import type { CapturedMail } from '../testing/capture-smtp-server';
import { startMailHarness, type MailHarness } from '../testing/mail-harness';

const NEL = 'nel@escalations.localhost';
const FOLDERS = ['malformed', 'auto'] as const;

const corpusDir = resolve(
  process.env.CORPUS_DIR ?? join(__dirname, '../../../../../shared/corpus'),
);
const corpusFiles = FOLDERS.every((folder) => existsSync(join(corpusDir, folder)))
  ? FOLDERS.flatMap((folder) =>
      readdirSync(join(corpusDir, folder))
        .filter((name) => name.endsWith('.eml'))
        .sort()
        .map((name) => ({ folder, file: `${folder}/${name}` })),
    )
  : [];
if (corpusFiles.length === 0) {
  // eslint-disable-next-line no-console -- the one notice that a group of tests did not run
  console.warn(
    `The email corpus is not at ${corpusDir} (set CORPUS_DIR): its files are not delivered`,
  );
}

/**
 * A message as it crosses the wire: SMTP's DATA carries CRLF line endings only (a bare LF or
 * CR becomes CRLF) and ends with one, so these are the bytes a receiver gets and keeps.
 */
function onTheWire(bytes: Buffer): Buffer {
  const text = bytes.toString('latin1').replace(/\r\n|\r|\n/g, '\r\n');
  return Buffer.from(text.endsWith('\r\n') ? text : `${text}\r\n`, 'latin1');
}

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

describe.each(testEngines())('mail off the corpus, over SMTP, on %s', (engine) => {
  let mail: MailHarness;
  /** why delivering a file failed, by file; absent when it was delivered */
  const refused = new Map<string, string>();
  /** what the service sent while it processed each file */
  const sentFor = new Map<string, CapturedMail[]>();

  beforeAll(async () => {
    mail = await startMailHarness(engine);
    // One at a time, processed and sent before the next, so every answer is known to be
    // the answer to that file.
    for (const { file } of corpusFiles) {
      const before = mail.world.received.length;
      try {
        await mail.deliver({
          envelope: { from: 'postmaster@corpus.example.net', to: [NEL] },
          raw: readFileSync(join(corpusDir, file)),
        });
      } catch (error) {
        refused.set(file, error instanceof Error ? error.message : String(error));
      }
      await mail.drain();
      sentFor.set(file, mail.world.received.slice(before));
    }
  }, 120_000);
  afterAll(() => mail.close());

  async function storedAs(wire: Buffer) {
    return mail.database.db
      .select()
      .from(messages)
      .where(and(eq(messages.direction, 'inbound'), eq(messages.sha256, sha256(wire))));
  }

  it('keeps a message exactly as it crossed the wire, whatever its line endings', async () => {
    const raw = Buffer.from(
      [
        'From: Asha Patel <asha.patel@school.example.org>\n',
        `To: ${NEL}\r\n`,
        'Subject: mixed line endings\r',
        'Message-ID: <wire@school.example.org>\n',
        '\n',
        '.a line that starts with a dot\r\n',
        'Case: Child W\n',
        'no newline at the end',
      ].join(''),
    );
    await mail.deliver({ envelope: { from: 'asha.patel@school.example.org', to: [NEL] }, raw });
    const rows = await storedAs(onTheWire(raw));
    expect(rows).toHaveLength(1);
    expect(rows[0]!.raw.equals(onTheWire(raw))).toBe(true);
    expect(rows[0]!.messageId).toBe('wire@school.example.org');
  });

  if (corpusFiles.length > 0) {
    test.each(corpusFiles)(
      '$file is kept whole, processed, and answered at most once (never when automatic)',
      async ({ folder, file }) => {
        expect(refused.get(file)).toBeUndefined();
        const wire = onTheWire(readFileSync(join(corpusDir, file)));
        const rows = await storedAs(wire);
        expect(rows).toHaveLength(1);
        const row = rows[0]!;
        expect(row.raw.equals(wire)).toBe(true);
        // Processed at the first attempt: nothing in it made the processor throw.
        expect(row).toMatchObject({ status: 'processed', attempts: 1 });
        const sent = sentFor.get(file) ?? [];
        if (folder === 'auto') {
          expect(row.kind).toBe('automatic');
          expect(sent).toEqual([]);
          return;
        }
        expect(row.kind).not.toBe('automatic');
        const email = await parseInboundEmail(row.raw);
        const from = email.from?.address ?? null;
        // A person's mail that makes no case is answered once, saying why; never twice.
        const answerable = from !== null && !/answer limit reached/.test(row.error ?? '');
        expect(sent).toHaveLength(answerable ? 1 : 0);
        for (const answer of sent) {
          expect(answer.to).toEqual([from!.toLowerCase()]);
          expect(answer.parsed.inReplyTo).toBe(
            email.messageId === null ? undefined : `<${email.messageId}>`,
          );
          expect(answer.parsed.subject).toMatch(
            /^(?:Your escalation could not be recorded yet: please check the form|Your reply did not change the case)$/,
          );
        }
      },
    );
  }
});
