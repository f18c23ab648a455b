import { randomBytes } from 'node:crypto';
import request from 'supertest';
import { TEST_MAIL_DOMAIN as domain } from '@escalations/casework/testing';
import { InboundMessageRepository, messages, outbox } from '@escalations/db';
import { testEngines } from '@escalations/db/testing';
import { eq, isNull } from 'drizzle-orm';
import { simpleParser } from 'mailparser';
import { startApiHarness, type ApiHarness } from '../testing/api-harness';

/**
 * The weekly digest tells each partnership how many messages are set aside for an
 * administrator: those addressed to its own mailbox, and those no one can tell the owner of
 * (no policy mailbox among their recipients), which every partnership hears about.
 */
describe.each(testEngines())('set-aside messages in the weekly digest on %s', (engine) => {
  let api: ApiHarness;

  beforeAll(async () => {
    // Summer time: Monday 09:00 in London is 08:00Z.
    api = await startApiHarness(engine, new Date('2026-09-04T08:00:00Z'));
  }, 60_000);
  afterAll(() => api.close());

  async function setAside(rcptTo: string[]): Promise<void> {
    const inbound = new InboundMessageRepository();
    const raw = Buffer.from(`Message-ID: <${randomBytes(8).toString('hex')}@x>\r\n\r\nhi\r\n`);
    const { id } = await inbound.store(api.database.db, {
      raw,
      messageId: null,
      sha256: randomBytes(16).toString('hex'),
      fromAddress: null,
      envelope: { via: 'smtp', mailFrom: null, rcptTo, remoteAddress: null, helo: null },
    });
    await inbound.markFailed(api.database.db, id, 'Error: failed', null);
  }

  async function digestText(to: string): Promise<string> {
    const rows = await api.database.db
      .select({ raw: messages.raw, recipients: outbox.recipients })
      .from(outbox)
      .innerJoin(messages, eq(messages.id, outbox.messageId))
      .where(isNull(outbox.caseId));
    const row = rows.find((r) => r.recipients.some((address) => address.startsWith(to)));
    expect(row).toBeDefined();
    return (await simpleParser(row!.raw)).text ?? '';
  }

  it('counts the messages addressed to each policy, and those of no policy in every digest', async () => {
    await setAside([`nel@${domain}`]);
    await setAside([`nel+nel-2026-0001.abc@${domain}`]);
    await setAside([`someone@elsewhere.example`]);
    api.clock.now = new Date('2026-09-07T08:00:00Z');
    await request(api.server)
      .post('/api/v1/scheduler/run')
      .set('Authorization', `Bearer ${api.adminKey}`)
      .expect(200);

    expect(await digestText('nel-')).toContain(
      '3 messages set aside for an administrator, not processed after repeated attempts',
    );
    expect(await digestText('kirklees-')).toContain(
      '1 message set aside for an administrator, not processed after repeated attempts',
    );
  });
});
