import { createHash, randomBytes } from 'node:crypto';
import { attachments, cases, events, messages, outbox } from '@escalations/db';
import { testEngines } from '@escalations/db/testing';
import { ServiceMetrics } from '@escalations/casework';
import { and, eq, inArray } from 'drizzle-orm';
import type Mail from 'nodemailer/lib/mailer';
import { startMailHarness, type MailHarness } from '../testing/mail-harness';
import type { MessageProcessor } from './message-processor';

const MINUTE = 60_000;
const NEL = 'nel@escalations.localhost';

/** A complete escalation form naming the raiser's manager and the other practitioner. */
function form(options: { caseName?: string; manager: string; other: string }): string {
  return [
    `Case: ${options.caseName ?? 'Child A (PID 12345)'}`,
    'Agency: Grange Primary School',
    'Other agency: Childrens Services',
    'Disagreement: The referral was closed without an assessment.',
    'Category: referral thresholds',
    `Manager: Dan Reed <${options.manager}>`,
    `Other practitioner: Sam Cole <${options.other}>`,
  ].join('\n');
}

describe.each(testEngines())('the message processor on %s', (engine) => {
  let mail: MailHarness;

  beforeAll(async () => {
    mail = await startMailHarness(engine, { answersPerHour: 2 });
  }, 60_000);
  afterAll(() => mail.close());

  const db = () => mail.database.db;
  const later = (ms: number) => {
    mail.clock.now = new Date(mail.clock.now.getTime() + ms);
  };

  async function sendAll(): Promise<void> {
    while ((await mail.sender.runOnce()).sent > 0);
  }

  async function inbound(messageId: string) {
    const [row] = await db()
      .select()
      .from(messages)
      .where(and(eq(messages.direction, 'inbound'), eq(messages.messageId, messageId)));
    expect(row).toBeDefined();
    return row!;
  }

  async function outboxSize(): Promise<number> {
    return (await db().select({ id: outbox.id }).from(outbox)).length;
  }

  async function caseCount(): Promise<number> {
    return (await db().select({ id: cases.id }).from(cases)).length;
  }

  /** Raise a case by email and return its reference, as its acknowledgement names it. */
  async function raise(raiser: string, people: { manager: string; other: string }, id: string) {
    await mail.deliver({
      from: raiser,
      to: NEL,
      subject: 'Escalation',
      text: form(people),
      messageId: `<${id}>`,
    });
    await mail.drain();
    const ack = mail.world.inbox(raiser).at(-1)!;
    const ref = /\[(NEL-\d{4}-\d{4})\]/.exec(ack.parsed.subject ?? '')![1]!;
    const row = await inbound(id);
    return { ack, ref, caseId: row.caseId! };
  }

  async function eventsOf(caseId: string) {
    return db().select().from(events).where(eq(events.caseId, caseId)).orderBy(events.seq);
  }

  async function statusOf(caseId: string) {
    const [row] = await db()
      .select({ status: cases.status })
      .from(cases)
      .where(eq(cases.id, caseId));
    return row!.status;
  }

  describe('answers', () => {
    it('answers a sender at most twice an hour, tells them once when answers resume, keeps and processes the rest, and answers again an hour later', async () => {
      const sender = 'chatty@school.example.org';
      for (const n of [1, 2, 3, 4]) {
        await mail.deliver({
          from: sender,
          to: NEL,
          subject: 'help',
          text: `Case: Child ${n}`,
          messageId: `<limit-${n}@school.example.org>`,
        });
      }
      await mail.drain();
      // Two answers, then one final answer saying the limit is reached, then nothing.
      expect(mail.world.inbox(sender)).toHaveLength(3);
      for (const n of [1, 2]) {
        expect(await inbound(`limit-${n}@school.example.org`)).toMatchObject({
          status: 'processed',
          kind: 'escalation',
          error: 'form with problems',
        });
      }
      const told = mail.world.inbox(sender)[2]!;
      expect(told.parsed.inReplyTo).toBe('<limit-3@school.example.org>');
      expect(told.parsed.subject).toBe('Your emails are kept, but for now not answered');
      expect(told.parsed.text).toContain(
        'You have had 2 answers from this mailbox in the last hour',
      );
      // The first answer went at the harness's clock; answers resume an hour after it.
      // 10:00 GMT on 24 November 2026 is the harness's clock.
      expect(mail.clock.now.toISOString()).toBe('2026-11-24T10:00:00.000Z');
      const resumes = 'Tuesday, 24 November 2026 at 11:00 GMT';
      expect(told.parsed.text).toContain(`until ${resumes} they will not be answered`);
      for (const n of [3, 4]) {
        const row = await inbound(`limit-${n}@school.example.org`);
        expect(row).toMatchObject({ status: 'processed', kind: 'escalation', attempts: 1 });
        expect(row.error).toMatch(/not answered: answer limit reached/);
        expect(row.raw.toString('utf8')).toContain(`Case: Child ${n}`);
      }

      later(60 * MINUTE + 1_000);
      await mail.deliver({
        from: sender,
        to: NEL,
        subject: 'help',
        text: 'Case: Child 5',
        messageId: '<limit-5@school.example.org>',
      });
      await mail.drain();
      expect(mail.world.inbox(sender)).toHaveLength(4);
      expect(mail.world.inbox(sender)[3]!.parsed.inReplyTo).toBe('<limit-5@school.example.org>');
      expect((await inbound('limit-5@school.example.org')).error).toBe('form with problems');
    });

    const automatic: [string, (id: string, body: string) => Mail.Options, RegExp][] = [
      [
        'an auto-reply (Auto-Submitted: auto-replied)',
        (id, body) => ({
          from: 'Sam Away <sam.away@council.example.gov.uk>',
          to: NEL,
          subject: 'Automatic reply: Escalation',
          text: body,
          messageId: `<${id}>`,
          headers: { 'Auto-Submitted': 'auto-replied' },
        }),
        /^auto-reply: Auto-Submitted: auto-replied/,
      ],
      [
        'bulk mail (Precedence: bulk)',
        (id, body) => ({
          from: 'newsletter@partnership-news.example.org',
          to: NEL,
          subject: 'Escalation',
          text: body,
          messageId: `<${id}>`,
          headers: { Precedence: 'bulk' },
        }),
        /^bulk: Precedence: bulk/,
      ],
      [
        'a message from MAILER-DAEMON with an empty Return-Path',
        (id, body) => ({
          envelope: { from: '', to: [NEL] },
          raw: [
            'Return-Path: <>',
            'From: MAILER-DAEMON@mx.school.example.org',
            `To: ${NEL}`,
            'Subject: Escalation',
            `Message-ID: <${id}>`,
            '',
            body,
            '',
          ].join('\r\n'),
        }),
        /^bounce: From MAILER-DAEMON@mx\.school\.example\.org/,
      ],
    ];

    it.each(automatic)('records %s and never answers it', async (_name, build, note) => {
      const id = `auto-${randomBytes(6).toString('hex')}@example.org`;
      // A complete form: were it taken for a person's mail, it would open a case.
      const body = form({
        manager: 'auto.manager@school.example.org',
        other: 'auto.other@council.example.gov.uk',
      });
      const sentBefore = mail.world.received.length;
      const queuedBefore = await outboxSize();
      const casesBefore = await caseCount();
      await mail.deliver(build(id, body));
      await mail.drain();
      const row = await inbound(id);
      expect(row).toMatchObject({ status: 'processed', kind: 'automatic', caseId: null });
      expect(row.error).toMatch(note);
      expect(await caseCount()).toBe(casesBefore);
      expect(await outboxSize()).toBe(queuedBefore);
      expect(mail.world.received.length).toBe(sentBefore);
    });
  });

  describe('failures', () => {
    it('retries a message that makes it throw, sets it aside after the last attempt, and goes on with the rest', async () => {
      const failing = mail.processorWith(
        {},
        mail.caseworkFailingOn('POISON', 'the case store is unavailable'),
      );
      await mail.deliver({
        from: 'poison.raiser@school.example.org',
        to: NEL,
        subject: 'Escalation',
        text: form({
          caseName: 'Child POISON',
          manager: 'poison.manager@school.example.org',
          other: 'poison.other@council.example.gov.uk',
        }),
        messageId: '<poison@school.example.org>',
      });
      await mail.deliver({
        from: 'behind.raiser@school.example.org',
        to: NEL,
        subject: 'Escalation',
        text: form({
          manager: 'behind.manager@school.example.org',
          other: 'behind.other@council.example.gov.uk',
        }),
        messageId: '<behind@school.example.org>',
      });

      const start = mail.clock.now.getTime();
      expect(await failing.runOnce(1)).toBe(1);
      expect(await inbound('poison@school.example.org')).toMatchObject({
        status: 'failed',
        attempts: 1,
        caseId: null,
        error: 'Error: the case store is unavailable',
        nextAttemptAt: new Date(start + MINUTE),
      });
      // The queue is not blocked: the next message is taken while the first waits its turn.
      expect(await failing.runOnce(1)).toBe(1);
      expect(await inbound('behind@school.example.org')).toMatchObject({
        status: 'processed',
        kind: 'escalation',
        attempts: 1,
      });
      expect(await failing.runOnce()).toBe(0);

      later(MINUTE);
      expect(await failing.runOnce()).toBe(1);
      expect(await inbound('poison@school.example.org')).toMatchObject({
        status: 'failed',
        attempts: 2,
        nextAttemptAt: new Date(start + MINUTE + 5 * MINUTE),
      });
      later(4 * MINUTE);
      expect(await failing.runOnce()).toBe(0);

      later(MINUTE);
      expect(await failing.runOnce()).toBe(1);
      const setAside = await inbound('poison@school.example.org');
      expect(setAside).toMatchObject({
        status: 'set-aside',
        attempts: 3,
        caseId: null,
        nextAttemptAt: null,
        error: 'Error: the case store is unavailable',
      });
      expect(setAside.raw.toString('utf8')).toContain('Child POISON');

      later(24 * 60 * MINUTE);
      expect(await failing.runOnce()).toBe(0);
      expect(await mail.processor.runOnce()).toBe(0);
      await sendAll();
      expect(mail.world.inbox('behind.raiser@school.example.org')).toHaveLength(1);
      expect(mail.world.inbox('poison.raiser@school.example.org')).toHaveLength(0);
    });
  });

  describe('leases', () => {
    /** `count` escalations from raisers named `<prefix>.raiser<n>`; their Message-IDs */
    async function deliverEscalations(prefix: string, count: number): Promise<string[]> {
      const ids = Array.from({ length: count }, (_, n) => `${prefix}-${n}@school.example.org`);
      for (const [n, id] of ids.entries()) {
        await mail.deliver({
          from: `${prefix}.raiser${n}@school.example.org`,
          to: NEL,
          subject: 'Escalation',
          text: form({
            caseName: `Child ${prefix} ${n}`,
            manager: `${prefix}.manager${n}@school.example.org`,
            other: `${prefix}.other${n}@council.example.gov.uk`,
          }),
          messageId: `<${id}>`,
        });
      }
      return ids;
    }

    it('makes 20 cases of 20 escalations with two processors at work at the same time', async () => {
      const casesBefore = await caseCount();
      const ids = await deliverEscalations('lease', 20);
      const raisers = ids.map((_, n) => `lease.raiser${n}@school.example.org`);
      const work = async (worker: MessageProcessor) => {
        let taken = 0;
        for (let batch = await worker.runOnce(3); batch > 0; batch = await worker.runOnce(3))
          taken += batch;
        return taken;
      };
      const taken = await Promise.all([work(mail.processor), work(mail.processorWith())]);
      expect(taken[0] + taken[1]).toBe(20);

      const rows = await db()
        .select()
        .from(messages)
        .where(and(eq(messages.direction, 'inbound'), inArray(messages.messageId, ids)));
      expect(rows).toHaveLength(20);
      for (const row of rows) {
        expect(row).toMatchObject({ status: 'processed', kind: 'escalation', attempts: 1 });
        expect(row.caseId).not.toBeNull();
      }
      expect(new Set(rows.map((row) => row.caseId)).size).toBe(20);
      expect(await caseCount()).toBe(casesBefore + 20);
      const refs = await db()
        .select({ ref: cases.ref })
        .from(cases)
        .where(
          inArray(
            cases.id,
            rows.map((row) => row.caseId!),
          ),
        );
      expect(new Set(refs.map((row) => row.ref)).size).toBe(20);

      await sendAll();
      for (const raiser of raisers) expect(mail.world.inbox(raiser)).toHaveLength(1);
    });

    it('takes no more mail at once than its byte budget, the oldest message always', async () => {
      const ids = await deliverEscalations('budget', 2);
      // a budget of one byte: each message is over it alone, and each is still taken in turn
      expect(await mail.processor.runOnce(20, 1)).toBe(1);
      expect(await inbound(ids[0]!)).toMatchObject({ status: 'processed' });
      expect(await inbound(ids[1]!)).toMatchObject({ status: 'received' });
      expect(await mail.processor.runOnce(20, 1)).toBe(1);
      expect(await inbound(ids[1]!)).toMatchObject({ status: 'processed' });
      expect(await mail.processor.runOnce(20, 1)).toBe(0);
    });

    /** The references of the cases the messages opened, in the order the messages arrived. */
    async function refsInArrivalOrder(ids: readonly string[]): Promise<string[]> {
      const rows = await db()
        .select({ ref: cases.ref, arrival: messages.arrival })
        .from(messages)
        .innerJoin(cases, eq(cases.id, messages.caseId))
        .where(and(eq(messages.direction, 'inbound'), inArray(messages.messageId, ids)));
      expect(rows).toHaveLength(ids.length);
      return rows.sort((a, b) => a.arrival - b.arrival).map((row) => row.ref);
    }

    it('takes lease after lease while the queue is full, acting on them in arrival order', async () => {
      const ids = await deliverEscalations('ahead', 7);
      // leases of two: each full, so the next is taken while the one before is acted on
      expect(await mail.processor.runLeases(2)).toBe(7);
      for (const id of ids) expect(await inbound(id)).toMatchObject({ status: 'processed' });
      // references are reserved as each case is opened: in arrival order only if the acts were
      const refs = await refsInArrivalOrder(ids);
      expect(refs).toEqual([...refs].sort());
      expect(new Set(refs).size).toBe(7);
      expect(await mail.processor.runLeases(2)).toBe(0);
    });

    it('stops after so many leases, and takes none early when one holds half its byte budget', async () => {
      const ids = await deliverEscalations('bounded', 5);
      expect(await mail.processor.runLeases(2, 32 * 1024 * 1024, 2)).toBe(4);
      expect(await inbound(ids[3]!)).toMatchObject({ status: 'processed' });
      expect(await inbound(ids[4]!)).toMatchObject({ status: 'received' });
      const more = await deliverEscalations('halved', 2);
      // a full lease (one message) over half a one-byte budget: nothing is taken with it
      expect(await mail.processor.runLeases(1, 1)).toBe(1);
      expect(await inbound(ids[4]!)).toMatchObject({ status: 'processed' });
      expect(await inbound(more[0]!)).toMatchObject({ status: 'received' });
      expect(await mail.processor.runLeases()).toBe(2);
    });

    it('acts on a lease taken early even when the one before it throws, then throws', async () => {
      const ids = await deliverEscalations('throwing', 4);
      /** metrics whose first count throws: the only part of acting on a lease not caught */
      class MetricsThrowingOnce extends ServiceMetrics {
        private thrown = false;
        override inboundHandled(...args: Parameters<ServiceMetrics['inboundHandled']>): void {
          if (!this.thrown) {
            this.thrown = true;
            throw new Error('metrics unavailable');
          }
          super.inboundHandled(...args);
        }
      }
      const processor = mail.processorWith({ metrics: new MetricsThrowingOnce() });
      await expect(processor.runLeases(2)).rejects.toThrow('metrics unavailable');
      // the second lease was taken while the first was acted on: left, it would wait 300 s
      for (const id of ids) expect(await inbound(id)).toMatchObject({ status: 'processed' });
    });

    it('throws when the next lease cannot be taken, after acting on the one in hand', async () => {
      const ids = await deliverEscalations('unleased', 3);
      let leases = 0;
      const holder = {
        get worker(): string {
          leases += 1;
          if (leases > 1) throw new Error('the lease failed');
          return 'processor-under-test';
        },
        incarnation: 'run-1',
      };
      const processor = mail.processorWith({ leaseHolder: holder });
      await expect(processor.runLeases(2)).rejects.toThrow('the lease failed');
      expect(await inbound(ids[0]!)).toMatchObject({ status: 'processed' });
      expect(await inbound(ids[1]!)).toMatchObject({ status: 'processed' });
      expect(await inbound(ids[2]!)).toMatchObject({ status: 'received' });
      expect(await mail.processor.runLeases()).toBe(1);
    });
  });

  // Sender checks, alignment and confirmation by reply: sender-verification.medium-spec.ts.

  describe('which case a reply is about', () => {
    it('finds the case by [REF] in the subject of mail to the plain policy mailbox', async () => {
      const manager = 'subject.manager@school.example.org';
      const { ref, caseId } = await raise(
        'subject.raiser@school.example.org',
        { manager, other: 'subject.other@council.example.gov.uk' },
        'subject-case@school.example.org',
      );
      await mail.deliver({
        from: manager,
        to: NEL,
        subject: `Re: [${ref}] an update`,
        text: 'NOTE\nSpoke to the social worker this morning.',
        messageId: '<by-subject@school.example.org>',
      });
      await mail.drain();
      expect(await inbound('by-subject@school.example.org')).toMatchObject({
        kind: 'reply',
        caseId,
      });
      const noted = (await eventsOf(caseId)).filter((event) => event.type === 'noted');
      expect(noted).toHaveLength(1);
      expect(noted[0]).toMatchObject({ actor: manager });
      expect(JSON.stringify(noted[0]!.data)).toContain('Spoke to the social worker this morning.');
    });

    it('finds the case by In-Reply-To naming a message the service sent', async () => {
      const manager = 'thread.manager@school.example.org';
      const { ack, caseId } = await raise(
        'thread.raiser@school.example.org',
        { manager, other: 'thread.other@council.example.gov.uk' },
        'thread-case@school.example.org',
      );
      await mail.deliver({
        from: manager,
        to: NEL,
        subject: 'Re: your email',
        inReplyTo: ack.parsed.messageId,
        text: 'NOTE\nThe strategy meeting is on Friday.',
        messageId: '<by-thread@school.example.org>',
      });
      await mail.drain();
      expect(await inbound('by-thread@school.example.org')).toMatchObject({
        kind: 'reply',
        caseId,
      });
      const noted = (await eventsOf(caseId)).filter((event) => event.type === 'noted');
      expect(noted).toHaveLength(1);
      expect(JSON.stringify(noted[0]!.data)).toContain('The strategy meeting is on Friday.');
    });

    it('acts on replies to one case in the order they arrived', async () => {
      const manager = 'order.manager@school.example.org';
      const { ack, caseId } = await raise(
        'order.raiser@school.example.org',
        { manager, other: 'order.other@council.example.gov.uk' },
        'order-case@school.example.org',
      );
      const replyTo = ack.parsed.replyTo!.value[0]!.address!;
      const notes = [1, 2, 3, 4, 5, 6].map((n) => `Update number ${n}.`);
      for (const [n, note] of notes.entries()) {
        await mail.deliver({
          from: manager,
          to: replyTo,
          subject: `Re: ${ack.parsed.subject}`,
          text: `NOTE\n${note}`,
          messageId: `<order-${n}@school.example.org>`,
        });
      }
      await mail.drain();
      const noted = (await eventsOf(caseId)).filter((event) => event.type === 'noted');
      expect(noted.map((event) => (event.data as { note?: string }).note)).toEqual(notes);
    });

    it('does not take a reply address with a forged token as the case', async () => {
      const manager = 'forged.manager@school.example.org';
      const { ack, ref, caseId } = await raise(
        'forged.raiser@school.example.org',
        { manager, other: 'forged.other@council.example.gov.uk' },
        'forged-case@school.example.org',
      );
      const genuine = ack.parsed.replyTo!.value[0]!.address!;
      const forged = genuine.replace(/\.([a-z2-7]+)@/, '.aaaaaaaaaaaaaaaa@');
      expect(forged).not.toBe(genuine);
      const eventsBefore = (await eventsOf(caseId)).length;

      await mail.deliver({
        from: manager,
        to: forged,
        subject: 'closing',
        text: 'RESOLVED\nAll sorted.',
        messageId: '<forged@school.example.org>',
      });
      await mail.drain();

      expect(await statusOf(caseId)).toBe('open');
      expect(await eventsOf(caseId)).toHaveLength(eventsBefore);
      expect(await inbound('forged@school.example.org')).toMatchObject({
        status: 'processed',
        kind: 'unrecognised',
        caseId: null,
      });
      const answer = mail.world.inbox(manager).at(-1)!;
      expect(answer.parsed.subject).toBe('Your reply did not change the case');
      expect(answer.parsed.subject).not.toContain(ref);
      expect(answer.parsed.text).toContain('does not name a case of ours');
      expect(answer.parsed.text).not.toContain(ref);
    });
  });

  describe('attachments', () => {
    it('lists every attachment, keeps those within the limit, and makes their names safe', async () => {
      const raiser = 'attach.raiser@school.example.org';
      const small = Buffer.from('root:x:0:0:root:/root:/bin/bash\n');
      const big = randomBytes(300 * 1024);
      await mail.deliver({
        from: raiser,
        to: NEL,
        subject: 'Escalation',
        text: form({
          manager: 'attach.manager@school.example.org',
          other: 'attach.other@council.example.gov.uk',
        }),
        messageId: '<attachments@school.example.org>',
        attachments: [
          { filename: '../../etc/passwd', content: small, contentType: 'text/plain' },
          { filename: 'chronology.pdf', content: big, contentType: 'application/pdf' },
        ],
      });
      await mail.drain();
      const row = await inbound('attachments@school.example.org');
      expect(row).toMatchObject({ status: 'processed', kind: 'escalation' });
      expect(row.caseId).not.toBeNull();
      expect(mail.world.inbox(raiser)).toHaveLength(1);

      const kept = await db()
        .select()
        .from(attachments)
        .where(eq(attachments.messageId, row.id))
        .orderBy(attachments.size);
      expect(kept).toHaveLength(2);
      const [passwd, chronology] = kept as [(typeof kept)[0], (typeof kept)[0]];
      expect(passwd.filename).not.toMatch(/[/\\]/);
      expect(passwd.filename).not.toMatch(/^\./);
      expect(passwd.filename).toBe('_.._etc_passwd');
      expect(passwd).toMatchObject({
        contentType: 'text/plain',
        size: small.length,
        sha256: createHash('sha256').update(small).digest('hex'),
      });
      expect(passwd.content?.equals(small)).toBe(true);
      expect(chronology).toMatchObject({
        filename: 'chronology.pdf',
        contentType: 'application/pdf',
        size: big.length,
        sha256: createHash('sha256').update(big).digest('hex'),
        content: null,
      });
    });
  });
});
