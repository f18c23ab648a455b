import { messages } from '@escalations/db';
import { testEngines } from '@escalations/db/testing';
import { and, eq, sql } from 'drizzle-orm';
import request from 'supertest';
import { CaseFlow, escalationForm, mailbox, person } from './support/case-flow';
import { ADMIN_KEY, startService, type RunningService } from './support/service';
import { waitFor } from './support/wait-for';

/**
 * Seen, not leaked: the service's logs (every role, every level, stdout and stderr) carry
 * ids and codes, never what a case is about. A case goes through the service as in the
 * journeys (raised by email, replies with free text, a reminder and a breach, the API's
 * reads), and then fails where nobody expected, with the case's details in the failing
 * queries: the database is made to refuse one child's name, which is then raised through
 * the API and by email. Every line logged is then searched for every name, address and
 * piece of free text the traffic carried.
 */

const raiser = person('Priya Okonkwo-Lindqvist', 'priya.okonkwo@riverside-logs.example');
const manager = person('Tomasz Hartwell-Obi', 'tomasz.hartwell@riverside-logs.example');
const other = person('Benedikta Fordyce', 'benedikta.fordyce@council-logs.example');
const dsl = person('Ninian Wardrobe', 'ninian.wardrobe@riverside-logs.example');
const stranger = person('Stellan Outsider', 'stellan.outsider@elsewhere-logs.example');
const CHILD = 'Zebedee Quill-Marchbanks (NHS 401 023 2137)';
const REFUSED = 'Ottoline Refusedname';
const DISAGREEMENT = 'Referral closed although Zebedee disclosed bruising twice';
const OUTCOME = 'A strategy meeting about the bruising before Friday';
const REASON = 'We could not agree about the bruising with the social worker';
const NOTE = 'Grandmother Philippa now caring for Zebedee at weekends';

/** What must never be logged: every name, address and piece of free text above. */
const SECRETS = [
  CHILD,
  'Zebedee',
  REFUSED,
  'Refusedname',
  DISAGREEMENT,
  'bruising',
  OUTCOME,
  REASON,
  NOTE,
  'Philippa',
  ...[raiser, manager, other, dsl, stranger].flatMap((who) => [who.name, who.email]),
  'Okonkwo',
  'Hartwell',
  'Fordyce',
  'Wardrobe',
  'Outsider',
];

/** Everything written to stdout, stderr or the console while `run` goes on. */
async function capturingLogs(lines: string[], run: () => Promise<void>): Promise<void> {
  const streams = [process.stdout, process.stderr];
  const writes = streams.map((stream) => stream.write);
  for (const stream of streams) {
    const write = stream.write;
    stream.write = (chunk: unknown, ...rest: unknown[]) => {
      lines.push(Buffer.isBuffer(chunk) ? chunk.toString('utf8') : String(chunk));
      return (write as (...args: unknown[]) => boolean).call(stream, chunk, ...rest);
    };
  }
  const spies = (['log', 'info', 'warn', 'error', 'debug'] as const).map((level) =>
    jest.spyOn(console, level).mockImplementation((...args: unknown[]) => {
      lines.push(args.map(String).join(' '));
    }),
  );
  try {
    await run();
  } finally {
    streams.forEach((stream, i) => (stream.write = writes[i]!));
    for (const spy of spies) spy.mockRestore();
  }
}

describe.each(testEngines())('what the service logs, on %s', (engine) => {
  let service: RunningService;
  const lines: string[] = [];
  let flowRef = '';

  afterAll(async () => {
    await service?.stop();
  });

  it('carries no case name, address or free text, in the journeys or in failure', async () => {
    await capturingLogs(lines, async () => {
      service = await startService(engine, new Date('2026-11-24T10:00:00Z'));
      const flow = new CaseFlow(service, 'nel', 'england-and-wales');
      await flow.raise(
        raiser,
        new Date('2026-11-24T10:00:00Z'),
        escalationForm({
          caseName: CHILD,
          agency: 'Riverside Primary School',
          otherAgency: "Children's Services",
          disagreement: DISAGREEMENT,
          category: 'referral thresholds',
          manager,
          otherPractitioner: other,
          outcomeSought: OUTCOME,
        }),
      );
      await flow.reply(
        manager,
        flow.at(1, '10:00'),
        `ESCALATE\n${REASON}\nNext contact: ${mailbox(dsl)}`,
      );
      await flow.reply(dsl, flow.at(2, '10:00'), `NOTE ${NOTE}`);
      await flow.write(stranger, flow.at(2, '11:00'), `[${flow.ref}] ${CHILD}`, NOTE);
      await flow.sweep(flow.at(6, '09:30'));
      await flow.sweep(flow.at(7, '17:01'));
      flowRef = flow.ref;
      const api = (path: string) =>
        request(service.apiUrl).get(path).set('Authorization', `Bearer ${ADMIN_KEY}`).expect(200);
      await api(`/api/v1/cases/${flow.ref}`);
      await api(`/api/v1/cases/${flow.ref}/events`);
      await api(`/api/v1/cases/${flow.ref}/messages`);
      await api('/api/v1/cases.csv?policy=nel');

      // Then the unforeseen: the database refuses one child's name.
      await service.db.execute(
        sql.raw(
          `alter table cases add constraint refuses_one_name check (case_name <> '${REFUSED}')`,
        ),
      );
      await request(service.apiUrl)
        .post('/api/v1/cases')
        .set('Authorization', `Bearer ${ADMIN_KEY}`)
        .send({
          policy: 'nel',
          caseName: REFUSED,
          agency: 'Riverside Primary School',
          otherAgency: "Children's Services",
          disagreement: DISAGREEMENT,
          raisedBy: { name: raiser.name, email: raiser.email },
        })
        .expect(500);
      service.clock.now = flow.at(8, '10:00');
      await service.deliver({
        from: mailbox(raiser),
        to: flow.mailboxAddress,
        subject: 'Professional disagreement',
        text: escalationForm({
          caseName: REFUSED,
          agency: 'Riverside Primary School',
          otherAgency: "Children's Services",
          disagreement: DISAGREEMENT,
          category: 'referral thresholds',
          manager,
          otherPractitioner: other,
          outcomeSought: OUTCOME,
        }),
      });
      await waitFor(
        async () =>
          (await service.db.$count(
            messages,
            and(eq(messages.direction, 'inbound'), eq(messages.status, 'failed')),
          )) > 0,
        'the refused raise to fail',
      );
    });

    // Every line the service logged is one JSON object with its level, time and role.
    const entries = service.log.map((line) => JSON.parse(line) as Record<string, unknown>);
    for (const entry of entries) {
      expect(entry).toEqual(
        expect.objectContaining({
          level: expect.stringMatching(/^(fatal|error|warn|info|debug|trace)$/),
          time: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/),
          role: expect.stringMatching(/^(api|mail|scheduler)$/),
          event: expect.any(String),
          msg: expect.any(String),
        }),
      );
    }
    // The failures were logged, so the search below searched what matters: by the ids and
    // codes that let an operator find the rest.
    const logged = [...lines, ...service.log];
    expect(entries).toContainEqual(
      expect.objectContaining({
        level: 'error',
        role: 'api',
        event: 'http.unhandled-error',
        requestId: expect.any(String),
        error: expect.stringMatching(/^DrizzleQueryError /),
      }),
    );
    expect(entries).toContainEqual(
      expect.objectContaining({
        level: 'error',
        role: 'mail',
        event: 'processor.failed',
        messageId: expect.any(String),
      }),
    );
    expect(entries).toContainEqual(
      expect.objectContaining({
        role: 'mail',
        event: 'smtp.stored',
        messageId: expect.any(String),
      }),
    );
    expect(entries).toContainEqual(
      expect.objectContaining({
        role: 'api',
        event: 'http.request',
        route: '/api/v1/cases/:ref',
        caseRef: flowRef,
        status: 200,
      }),
    );
    expect(entries).toContainEqual(
      expect.objectContaining({ role: 'scheduler', event: 'scheduler.sweep' }),
    );
    const leaks = logged.flatMap((line) =>
      SECRETS.filter((secret) => line.toLowerCase().includes(secret.toLowerCase())).map(
        (secret) => `${secret} in: ${line.slice(0, 300)}`,
      ),
    );
    expect(leaks).toEqual([]);
  }, 120_000);
});
