import { generateKeyPairSync } from 'node:crypto';
import { InboundStore, type OpenCaseInput } from '@escalations/casework';
import { cases, events, heldCommands, messages } from '@escalations/db';
import { testEngines } from '@escalations/db/testing';
import type { Actor } from '@escalations/domain';
import { signReplyAddress } from '@escalations/email';
import { and, eq } from 'drizzle-orm';
import type Mail from 'nodemailer/lib/mailer';
import { createDnsResolver } from './dns-resolver';
import { policyLibrary, startMailHarness, type MailHarness } from '../testing/mail-harness';
import { LOOPBACK_SPF } from '../testing/test-dns-server';
import { MessageProcessor } from './message-processor';

/**
 * The sender checks end to end (issue 9, "Forged"): mail over SMTP from loopback, checked by
 * mailauth against a DNS server on loopback holding real SPF, DKIM and DMARC records.
 *
 * - signed.example.org: SPF for loopback, a DKIM key, DMARC p=reject
 * - reject.example.org: SPF for another network only, DMARC p=reject
 * - bare.example.org: publishes nothing
 * - dead.example.org: its lookups never answer
 * - attacker.example: SPF for loopback and a DKIM key of its own
 */
const HOUR = 3_600_000;
const NEL_MAILBOX = 'nel@escalations.localhost';
const ADMIN: Actor = { kind: 'admin', id: 'api-key:test', verified: true };
const TRUSTED = 'mx.partnership.example.org';

function dkimKey() {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  return {
    privateKey: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    record: `v=DKIM1; k=rsa; p=${publicKey.export({ type: 'spki', format: 'der' }).toString('base64')}`,
  };
}
const SIGNED_KEY = dkimKey();
const ATTACKER_KEY = dkimKey();

const ZONE = {
  txt: {
    'signed.example.org': [LOOPBACK_SPF],
    'sel._domainkey.signed.example.org': [SIGNED_KEY.record],
    '_dmarc.signed.example.org': ['v=DMARC1; p=reject'],
    'reject.example.org': ['v=spf1 ip4:192.0.2.0/24 -all'],
    '_dmarc.reject.example.org': ['v=DMARC1; p=reject'],
    'attacker.example': [LOOPBACK_SPF],
    'sel._domainkey.attacker.example': [ATTACKER_KEY.record],
  },
  silent: ['dead.example.org', '_dmarc.dead.example.org'],
};

describe.each(testEngines())('sender verification on %s', (engine) => {
  let mail: MailHarness;

  beforeAll(async () => {
    mail = await startMailHarness(engine, { dns: ZONE, answersPerHour: 100 });
  }, 60_000);
  afterAll(() => mail.close());

  const db = () => mail.database.db;
  let cases_ = 0;

  /** A case whose manager writes from `managerDomain`, opened through the API's door. */
  async function openCase(managerDomain: string) {
    cases_ += 1;
    const manager = `manager${cases_}@${managerDomain}`;
    const input: OpenCaseInput = {
      policyId: 'nel',
      raisedAt: mail.clock.now,
      raisedBy: { name: 'Asha Patel', email: `raiser${cases_}@signed.example.org` },
      caseName: 'Child A',
      agency: 'Grange Primary School',
      otherAgency: "Children's Services",
      disagreement: 'Referral closed without assessment',
      category: 'other',
      risk: 'standard',
      startStage: 1,
      manager: { name: 'Dan Reed', email: manager },
      otherPractitioner: { email: `other${cases_}@signed.example.org` },
    };
    const opened = await mail.casework.open(input, ADMIN);
    if (!opened.ok) throw new Error(opened.refusal.message);
    await mail.drain();
    const replyAddress = signReplyAddress(mail.settings.replySecret, mail.settings.domain, {
      policyId: 'nel',
      ref: opened.ref,
    });
    return { ref: opened.ref, caseId: opened.caseId, manager, replyAddress };
  }

  async function status(caseId: string) {
    const [row] = await db()
      .select({ status: cases.status })
      .from(cases)
      .where(eq(cases.id, caseId));
    return row!.status;
  }

  async function eventTypes(caseId: string) {
    const rows = await db()
      .select()
      .from(events)
      .where(eq(events.caseId, caseId))
      .orderBy(events.seq);
    return rows;
  }

  async function inbound(messageId: string) {
    const [row] = await db()
      .select()
      .from(messages)
      .where(and(eq(messages.direction, 'inbound'), eq(messages.messageId, messageId)));
    return row!;
  }

  async function send(options: Mail.Options) {
    await mail.deliver(options);
    await mail.drain();
  }

  function strictProcessor() {
    return new MessageProcessor(
      {
        database: db(),
        library: policyLibrary(),
        casework: mail.casework,
        mail: mail.settings,
        clock: () => mail.clock.now,
      },
      {
        routes: { domain: mail.settings.domain, policyIds: [...policyLibrary().policies.keys()] },
        senderChecks: 'strict',
        senderCheckOptions: { mta: 'mx.escalations.localhost', resolver: mail.resolver },
        maxAttempts: 3,
        maxAttachmentBytes: 256 * 1024,
        answersPerHour: 100,
      },
    );
  }

  describe('a pass counts only when aligned with From', () => {
    it("the attacker's own SPF pass does not verify a participant: the command is held, not applied", async () => {
      const { caseId, manager, replyAddress } = await openCase('bare.example.org');
      await send({
        from: manager,
        to: replyAddress,
        envelope: { from: 'bounce@attacker.example', to: [replyAddress] },
        subject: 'Re: the case',
        text: 'RESOLVED\nclosing it',
        messageId: '<spf-forged@attacker.example>',
      });
      expect(await status(caseId)).toBe('open');
      const row = await inbound('spf-forged@attacker.example');
      expect(row.authentication).toMatchObject({
        spf: { result: 'pass', domain: 'attacker.example' },
        verdict: { status: 'unverified', verified: false, cause: 'not-aligned' },
      });
      expect(row.error).toMatch(/^held/);
    });

    it('in strict mode the same forgery is refused and says why', async () => {
      const { caseId, manager, replyAddress } = await openCase('bare.example.org');
      await mail.deliver({
        from: manager,
        to: replyAddress,
        envelope: { from: 'bounce@attacker.example', to: [replyAddress] },
        subject: 'Re: the case',
        text: 'RESOLVED\nclosing it',
        messageId: '<spf-forged-strict@attacker.example>',
      });
      const strict = strictProcessor();
      while ((await strict.runOnce()) > 0);
      await mail.drain();
      expect(await status(caseId)).toBe('open');
      expect(await inbound('spf-forged-strict@attacker.example')).toMatchObject({
        error: 'sender checks failed',
      });
      expect(mail.world.inbox(manager).at(-1)!.parsed.text).toContain(
        "passes SPF, DKIM or DMARC for the sender's own domain",
      );
    });

    it('a DKIM signature of attacker.example does not verify a participant', async () => {
      const { caseId, manager, replyAddress } = await openCase('bare.example.org');
      await send({
        from: manager,
        to: replyAddress,
        subject: 'Re: the case',
        text: 'RESOLVED\nclosing it',
        messageId: '<dkim-forged@attacker.example>',
        dkim: {
          domainName: 'attacker.example',
          keySelector: 'sel',
          privateKey: ATTACKER_KEY.privateKey,
        },
      });
      expect(await status(caseId)).toBe('open');
      expect((await inbound('dkim-forged@attacker.example')).authentication).toMatchObject({
        dkim: [{ result: 'pass', domain: 'attacker.example' }],
        verdict: { status: 'unverified', cause: 'not-aligned' },
      });
    });

    it('an aligned DKIM signature verifies, whatever the envelope sender, and acts at once', async () => {
      const { caseId, manager, replyAddress } = await openCase('signed.example.org');
      await send({
        from: manager,
        to: replyAddress,
        envelope: { from: 'bounce@attacker.example', to: [replyAddress] },
        subject: 'Re: the case',
        text: 'RESOLVED\nA strategy discussion is booked.',
        messageId: '<dkim-aligned@signed.example.org>',
        dkim: {
          domainName: 'signed.example.org',
          keySelector: 'sel',
          privateKey: SIGNED_KEY.privateKey,
        },
      });
      expect(await status(caseId)).toBe('resolved');
      const resolved = (await eventTypes(caseId)).find((event) => event.type === 'resolved');
      expect(resolved).toMatchObject({ actor: manager, verified: true });
    });

    it('DMARC p=reject with failing SPF changes nothing', async () => {
      const { caseId, manager, replyAddress } = await openCase('reject.example.org');
      await send({
        from: manager,
        to: replyAddress,
        subject: 'Re: the case',
        text: 'RESOLVED\nclosing it',
        messageId: '<dmarc-fail@reject.example.org>',
      });
      expect(await status(caseId)).toBe('open');
      expect(mail.world.inbox(manager).at(-1)!.parsed.text).toMatch(/DMARC fail/);
    });
  });

  describe('one author', () => {
    const raw = (fromLines: string[], to: string, id: string) =>
      [
        ...fromLines,
        `To: ${to}`,
        'Subject: Re: the case',
        `Message-ID: <${id}>`,
        'Date: Tue, 24 Nov 2026 10:00:00 +0000',
        'MIME-Version: 1.0',
        'Content-Type: text/plain; charset=utf-8',
        '',
        'RESOLVED',
        'closing it',
        '',
      ].join('\r\n');

    it.each([
      ['one From naming two addresses', (p: string) => [`From: ${p}, attacker@attacker.example`]],
      ['two From headers', (p: string) => [`From: ${p}`, 'From: attacker@attacker.example']],
    ])('%s: changes nothing, answers once, records why', async (label, fromLines) => {
      const { caseId, manager, replyAddress } = await openCase('reject.example.org');
      const id = `two-authors-${label.length}@attacker.example`;
      const before = mail.world.received.length;
      await send({
        envelope: { from: 'bounce@attacker.example', to: [replyAddress] },
        raw: raw(fromLines(manager), replyAddress, id),
      });
      expect(await status(caseId)).toBe('open');
      expect(await inbound(id)).toMatchObject({
        status: 'processed',
        error: 'more than one author',
      });
      const answers = mail.world.received.slice(before);
      expect(answers).toHaveLength(1);
      expect(answers[0]!.parsed.text).toContain('names 2 authors');
    });
  });

  describe('a sender that could not be verified confirms from their own mailbox', () => {
    it('holds the command, asks the participant (never the Reply-To), and applies it on CONFIRM', async () => {
      const { caseId, manager, replyAddress, ref } = await openCase('bare.example.org');
      const before = mail.world.received.length;
      await send({
        from: manager,
        to: replyAddress,
        replyTo: 'attacker@attacker.example',
        subject: 'Re: the case',
        text: 'RESOLVED\nThe assessment will go ahead on Thursday.',
        messageId: '<unverified-resolve@bare.example.org>',
      });
      expect(await status(caseId)).toBe('open');
      const sent = mail.world.received.slice(before);
      expect(sent).toHaveLength(1);
      expect(sent[0]!.to).toEqual([manager]);
      expect(mail.world.inbox('attacker@attacker.example')).toHaveLength(0);
      const request = sent[0]!.parsed;
      expect(request.subject).toBe(`[${ref}] Please confirm your email before it changes the case`);
      expect(request.text).toContain('publishes no SPF, DKIM or DMARC');
      expect(request.text).toContain('The assessment will go ahead on Thursday.');
      const confirmAddress = request.replyTo!.value[0]!.address!;
      expect(confirmAddress).toMatch(/^nel\+confirm\.[a-z2-7]{16}\.[a-z2-7]{16}@/);

      // Without CONFIRM nothing happens, and the request still stands.
      await send({
        from: manager,
        to: confirmAddress,
        subject: `Re: ${request.subject}`,
        text: 'yes that was me',
        messageId: '<confirm-without-word@bare.example.org>',
      });
      expect(await status(caseId)).toBe('open');
      expect(mail.world.inbox(manager).at(-1)!.parsed.text).toContain('CONFIRM as the first line');

      // Someone else cannot confirm it.
      await send({
        from: 'attacker@attacker.example',
        to: confirmAddress,
        subject: `Re: ${request.subject}`,
        text: 'CONFIRM',
        messageId: '<confirm-by-attacker@attacker.example>',
      });
      expect(await status(caseId)).toBe('open');

      await send({
        from: manager,
        to: confirmAddress,
        subject: `Re: ${request.subject}`,
        text: 'CONFIRM\n\n> quoted request',
        messageId: '<confirm@bare.example.org>',
      });
      expect(await status(caseId)).toBe('resolved');
      const resolved = (await eventTypes(caseId)).find((event) => event.type === 'resolved')!;
      expect(resolved).toMatchObject({ actor: manager, verified: false });
      expect(resolved.data).toMatchObject({ confirmedBy: 'reply' });
      const confirmation = mail.world.latestBesidesLearningRequest(manager)!.parsed;
      expect(confirmation.text).toContain('confirmed by reply from that address');
      const [held] = await db().select().from(heldCommands).where(eq(heldCommands.caseId, caseId));
      expect(held).toMatchObject({ status: 'confirmed' });

      // Once only.
      await send({
        from: manager,
        to: confirmAddress,
        subject: `Re: ${request.subject}`,
        text: 'CONFIRM',
        messageId: '<confirm-again@bare.example.org>',
      });
      expect(mail.world.inbox(manager).at(-1)!.parsed.text).toContain('confirmed already');
      expect((await eventTypes(caseId)).filter((e) => e.type === 'resolved')).toHaveLength(1);
    });

    it('a confirmation after 72 hours changes nothing', async () => {
      const { caseId, manager, replyAddress } = await openCase('bare.example.org');
      await send({
        from: manager,
        to: replyAddress,
        subject: 'Re: the case',
        text: 'NOTE\nspoke to the school',
        messageId: '<unverified-note@bare.example.org>',
      });
      const request = mail.world.inbox(manager).at(-1)!.parsed;
      mail.clock.now = new Date(mail.clock.now.getTime() + 73 * HOUR);
      await send({
        from: manager,
        to: request.replyTo!.value[0]!.address!,
        subject: `Re: ${request.subject}`,
        text: 'CONFIRM',
        messageId: '<confirm-late@bare.example.org>',
      });
      expect((await eventTypes(caseId)).map((e) => e.type)).not.toContain('noted');
      expect(mail.world.inbox(manager).at(-1)!.parsed.text).toContain(
        '72 hours to confirm have passed',
      );
    });

    it('says the check could not be made when DNS did not answer, never "publishes nothing"', async () => {
      const { caseId, manager, replyAddress } = await openCase('dead.example.org');
      await send({
        from: manager,
        to: replyAddress,
        subject: 'Re: the case',
        text: 'NOTE\nspoke to the school',
        messageId: '<dns-dead@dead.example.org>',
      });
      expect((await eventTypes(caseId)).map((e) => e.type)).not.toContain('noted');
      const request = mail.world.inbox(manager).at(-1)!.parsed;
      expect(request.text).toContain('the check could not be made');
      expect(request.text).not.toContain('publishes no');
    });

    it('a new escalation from an unverifiable sender is opened, and its acknowledgement says so plainly', async () => {
      const raiser = 'new.raiser@bare.example.org';
      await send({
        from: raiser,
        to: NEL_MAILBOX,
        subject: 'Escalation',
        text: [
          'Case: Child B',
          'Agency: Grange Primary School',
          'Other agency: Childrens Services',
          'Disagreement: The referral was closed without an assessment.',
        ].join('\n'),
        messageId: '<unverified-raise@bare.example.org>',
      });
      const ack = mail.world.inbox(raiser).at(-1)!.parsed;
      expect(ack.subject).toMatch(/Escalation received/);
      expect(ack.text).toContain(`We could not verify that this email came from ${raiser}`);
      expect(ack.text).toContain('publishes no SPF, DKIM or DMARC');
    });
  });

  describe('the acknowledgement says what the checks found (issue 10, item 14)', () => {
    it('says the check could not be made when DNS did not answer, never "publishes no SPF"', async () => {
      const raiser = 'dead.raiser@dead.example.org';
      await send({
        from: raiser,
        to: NEL_MAILBOX,
        subject: 'Escalation',
        text: [
          'Case: Child D',
          'Agency: Grange Primary School',
          'Other agency: Childrens Services',
          'Disagreement: The referral was closed without an assessment.',
        ].join('\n'),
        messageId: '<unverified-raise@dead.example.org>',
      });
      const ack = mail.world.inbox(raiser).at(-1)!.parsed;
      expect(ack.subject).toMatch(/Escalation received/);
      expect(ack.text).toContain(`We could not verify that this email came from ${raiser}`);
      expect(ack.text).toContain('the check could not be made');
      expect(ack.text).not.toContain('publishes no');
    });
  });

  describe("only our receiving server's topmost Authentication-Results count (IMAP, webhook)", () => {
    function fetched(authenticationResults: string[], from: string, to: string, id: string) {
      return Buffer.from(
        [
          ...authenticationResults.map((header) => `Authentication-Results: ${header}`),
          `From: ${from}`,
          `To: ${to}`,
          'Subject: Re: the case',
          `Message-ID: <${id}>`,
          'Date: Tue, 24 Nov 2026 10:00:00 +0000',
          '',
          'NOTE',
          'from the hosted mailbox',
          '',
        ].join('\r\n'),
      );
    }

    function imapProcessor() {
      return new MessageProcessor(
        {
          database: db(),
          library: policyLibrary(),
          casework: mail.casework,
          mail: mail.settings,
          clock: () => mail.clock.now,
        },
        {
          routes: { domain: mail.settings.domain, policyIds: [...policyLibrary().policies.keys()] },
          senderChecks: 'relaxed',
          senderCheckOptions: {
            mta: 'mx.escalations.localhost',
            trustedAuthservId: TRUSTED,
            resolver: createDnsResolver([], 100),
          },
          maxAttempts: 3,
          maxAttachmentBytes: 256 * 1024,
          answersPerHour: 100,
        },
      );
    }

    async function arrive(raw: Buffer) {
      await new InboundStore(db(), () => mail.clock.now).store(raw, {
        via: 'imap',
        mailFrom: null,
        rcptTo: [],
        remoteAddress: null,
        helo: null,
      });
      const processor = imapProcessor();
      while ((await processor.runOnce()) > 0);
      await mail.drain();
    }

    it('ignores a second header with our id, written by the sender', async () => {
      const { caseId, manager, replyAddress } = await openCase('bare.example.org');
      const domain = 'bare.example.org';
      await arrive(
        fetched(
          [
            `${TRUSTED}; spf=none smtp.mailfrom=${domain}; dkim=none; dmarc=none header.from=${domain}`,
            `${TRUSTED}; spf=pass smtp.mailfrom=${domain}; dkim=pass header.d=${domain}; dmarc=pass header.from=${domain}`,
          ],
          manager,
          replyAddress,
          'imap-forged-results@bare.example.org',
        ),
      );
      expect((await eventTypes(caseId)).map((e) => e.type)).not.toContain('noted');
      expect((await inbound('imap-forged-results@bare.example.org')).authentication).toMatchObject({
        dmarc: { result: 'none' },
        verdict: { status: 'unverified' },
      });
    });

    it('acts on the topmost trusted pass', async () => {
      const { caseId, manager, replyAddress } = await openCase('bare.example.org');
      const domain = 'bare.example.org';
      await arrive(
        fetched(
          [
            `${TRUSTED}; spf=pass smtp.mailfrom=${domain}; dkim=pass header.d=${domain}; dmarc=pass header.from=${domain}`,
          ],
          manager,
          replyAddress,
          'imap-trusted@bare.example.org',
        ),
      );
      expect((await eventTypes(caseId)).find((e) => e.type === 'noted')).toMatchObject({
        verified: true,
      });
    });

    it('with no header from our server the sender is unverified, not "publishes nothing"', async () => {
      const { caseId, manager, replyAddress } = await openCase('bare.example.org');
      await arrive(
        fetched(
          ['mx.attacker.example; spf=pass; dkim=pass; dmarc=pass'],
          manager,
          replyAddress,
          'imap-untrusted@bare.example.org',
        ),
      );
      expect((await eventTypes(caseId)).map((e) => e.type)).not.toContain('noted');
      const request = mail.world.inbox(manager).at(-1)!.parsed;
      expect(request.text).toContain('recorded no sender checks');
      expect(request.text).not.toContain('publishes no');
    });
  });
});
