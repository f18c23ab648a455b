import { createHash, randomUUID } from 'node:crypto';
import { accessLog, apiKeys, cases, messages } from '@escalations/db';
import { testEngines } from '@escalations/db/testing';
import { asc, desc, eq, gt } from 'drizzle-orm';
import request from 'supertest';
import { hashApiKey } from '../auth/api-key';
import { API_ROUTES } from '../openapi/api-routes';
import { policyLibrary, startApiHarness, type ApiHarness } from '../testing/api-harness';

/** The keyed GET routes that hold no case data: the policies, the calendars, the keys. */
const NO_CASE_DATA = [
  '/api/v1/policies',
  '/api/v1/policies/{id}',
  '/api/v1/calendars/{id}/working-days',
  '/api/v1/api-keys',
  // the partnership's directory: who holds its roles, its agencies
  '/api/v1/policies/{id}/contacts',
  '/api/v1/agencies',
];

interface Fixtures {
  /** open at stage 1, with a message */
  first: string;
  /** escalated to the final stage, so the annual report names it */
  last: string;
  messageId: string;
}

/**
 * Each case-data route: a read that finds something and the references its answer holds;
 * where it has a path parameter, a read that finds nothing; where it has a query, one the
 * query check refuses. A GET route added to API_ROUTES must be listed here or above.
 */
const READS: Record<
  string,
  (f: Fixtures) => {
    found: string;
    refs: string[];
    missing?: string;
    refused?: string;
    /** read by an administrator: the route is theirs alone */
    admin?: boolean;
  }
> = {
  '/api/v1/cases': (f) => ({
    found: '/api/v1/cases?policy=nel',
    refs: [f.last, f.first],
    refused: '/api/v1/cases?stage=zero',
  }),
  '/api/v1/cases.csv': (f) => ({
    found: '/api/v1/cases.csv?policy=nel',
    refs: [f.last, f.first],
    refused: '/api/v1/cases.csv?policy=nel%00',
  }),
  '/api/v1/cases/{ref}': (f) => ({
    found: `/api/v1/cases/${f.first}`,
    refs: [f.first],
    missing: '/api/v1/cases/NEL-2099-9999',
  }),
  '/api/v1/cases/{ref}/events': (f) => ({
    found: `/api/v1/cases/${f.first}/events`,
    refs: [f.first],
    missing: '/api/v1/cases/NEL-2099-9999/events',
  }),
  '/api/v1/cases/{ref}/messages': (f) => ({
    found: `/api/v1/cases/${f.first}/messages`,
    refs: [f.first],
    missing: '/api/v1/cases/NEL-2099-9999/messages',
  }),
  '/api/v1/cases/{ref}/export.zip': (f) => ({
    found: `/api/v1/cases/${f.first}/export.zip`,
    refs: [f.first],
    missing: '/api/v1/cases/NEL-2099-9999/export.zip',
    admin: true,
  }),
  '/api/v1/cases/{ref}/chronology': (f) => ({
    found: `/api/v1/cases/${f.first}/chronology`,
    refs: [f.first],
    missing: '/api/v1/cases/NEL-2099-9999/chronology',
  }),
  '/api/v1/cases/{ref}/chronology.pdf': (f) => ({
    found: `/api/v1/cases/${f.first}/chronology.pdf`,
    refs: [f.first],
    missing: '/api/v1/cases/NEL-2099-9999/chronology.pdf',
  }),
  '/api/v1/cases/{ref}/records/{formId}.pdf': (f) => ({
    found: `/api/v1/cases/${f.first}/records/recording-template.pdf`,
    refs: [f.first],
    missing: `/api/v1/cases/${f.first}/records/monitoring-form.pdf`,
  }),
  '/api/v1/messages': (f) => ({
    found: '/api/v1/messages?status=set-aside',
    refs: [f.first],
    refused: '/api/v1/messages?status=lost',
  }),
  // reading the log is a read too: its answer names the cases of the reads it lists
  '/api/v1/access-log': (f) => ({
    found: `/api/v1/access-log?case=${f.first}&limit=1`,
    refs: [f.first],
    missing: '/api/v1/access-log?case=NEL-2099-9999',
    refused: '/api/v1/access-log?from=yesterday',
  }),
  '/api/v1/messages/{id}/raw': (f) => ({
    found: `/api/v1/messages/${f.messageId}/raw`,
    refs: [f.first],
    missing: `/api/v1/messages/${randomUUID()}/raw`,
  }),
  '/api/v1/reports/timeliness': () => ({
    // figures, no case named
    found: '/api/v1/reports/timeliness?policy=nel&from=2026-01-01&to=2026-12-31',
    refs: [],
    refused: '/api/v1/reports/timeliness?policy=nel&from=2026-12-31&to=2026-01-01',
  }),
  '/api/v1/reports/annual': (f) => ({
    found: '/api/v1/reports/annual?policy=nel&year=2026',
    refs: [f.last],
    refused: '/api/v1/reports/annual?policy=nel',
  }),
  '/api/v1/reports/learning': () => ({
    // no LEARNING on these cases: the cases it names are logged, here none
    found: '/api/v1/reports/learning?policy=nel&from=2026-01-01&to=2026-12-31',
    refs: [],
    refused: '/api/v1/reports/learning?policy=nel&from=2026-12-31&to=2026-01-01',
  }),
};

describe('the routes that read case data', () => {
  it('are every keyed GET route but the policies, calendars and keys', () => {
    const gets = API_ROUTES.filter((route) => route.method === 'get' && route.roles);
    expect(gets.map((route) => route.path).filter((path) => !NO_CASE_DATA.includes(path))).toEqual(
      Object.keys(READS),
    );
  });
});

describe.each(testEngines())('the access log on %s', (engine) => {
  let api: ApiHarness;
  let fixtures: Fixtures;
  let auditorId: string;
  let adminId: string;
  let inboundId: string;

  const open = async () => {
    const response = await request(api.server)
      .post('/api/v1/cases')
      .set('Authorization', `Bearer ${api.adminKey}`)
      .send({
        policy: 'nel',
        caseName: 'Child M',
        agency: 'Riverside Primary School',
        otherAgency: "Children's Services",
        disagreement: 'Threshold',
        raisedBy: { name: 'Asha Patel', email: 'asha.patel@riverside.example.org' },
      })
      .expect(201);
    return (response.body as { ref: string }).ref;
  };

  beforeAll(async () => {
    api = await startApiHarness(engine);
    const first = await open();
    api.clock.now = new Date('2026-11-24T11:00:00Z');
    const last = await open();
    // escalated stage by stage to the final one, so the annual report names it
    for (let stage = 1; stage < policyLibrary().policies.get('nel')!.stages.length; stage++) {
      await request(api.server)
        .post(`/api/v1/cases/${last}/actions`)
        .set('Authorization', `Bearer ${api.adminKey}`)
        .send({ action: 'escalate', text: 'We could not agree' })
        .expect(200);
    }
    const [row] = await api.database.db.select().from(cases).where(eq(cases.ref, first));
    const raw = Buffer.from('Subject: hello\r\n\r\nhello\r\n');
    const [message] = await api.database.db
      .insert(messages)
      .values({
        direction: 'inbound',
        messageId: 'access-log@riverside.example.org',
        sha256: createHash('sha256').update(raw).digest('hex'),
        raw,
        caseId: row!.id,
        status: 'processed',
      })
      .returning({ id: messages.id });
    await api.database.db.insert(messages).values({
      direction: 'inbound',
      messageId: 'set-aside@riverside.example.org',
      sha256: createHash('sha256').update('set aside').digest('hex'),
      raw: Buffer.from('set aside'),
      caseId: row!.id,
      status: 'set-aside',
    });
    fixtures = { first, last, messageId: message!.id };
    const [key] = await api.database.db
      .select({ id: apiKeys.id })
      .from(apiKeys)
      .where(eq(apiKeys.hash, hashApiKey(api.auditorKey)));
    auditorId = key!.id;
    const [adminKey] = await api.database.db
      .select({ id: apiKeys.id })
      .from(apiKeys)
      .where(eq(apiKeys.hash, hashApiKey(api.adminKey)));
    adminId = adminKey!.id;
    const [inbound] = await api.database.db
      .select({ id: apiKeys.id })
      .from(apiKeys)
      .where(eq(apiKeys.hash, hashApiKey(api.inboundKey)));
    inboundId = inbound!.id;
  }, 60_000);
  afterAll(() => api.close());

  /** A read (by the auditor unless another key is given), and the access-log rows it wrote. */
  async function read(path: string, key = api.auditorKey) {
    const [latest] = await api.database.db
      .select({ id: accessLog.id })
      .from(accessLog)
      .orderBy(desc(accessLog.id))
      .limit(1);
    const response = await request(api.server).get(path).set('Authorization', `Bearer ${key}`);
    const rows = await api.database.db
      .select()
      .from(accessLog)
      .where(gt(accessLog.id, latest?.id ?? 0))
      .orderBy(asc(accessLog.id));
    return {
      status: response.status,
      rows: rows.map((row) => ({
        apiKeyId: row.apiKeyId,
        method: row.method,
        path: row.path,
        status: row.status,
        caseRefs: row.caseRefs,
      })),
    };
  }

  const row = (path: string, status: number, caseRefs: string[], apiKeyId = auditorId) => ({
    apiKeyId,
    method: 'GET',
    path,
    status,
    caseRefs,
  });

  it.each(Object.keys(READS))(
    '%s: one row per read, with its status and the cases it returned',
    async (route) => {
      const { found, refs, missing, refused, admin } = READS[route]!(fixtures);
      const [key, keyId] = admin ? [api.adminKey, adminId] : [api.auditorKey, auditorId];
      await expect(read(found, key)).resolves.toEqual({
        status: 200,
        rows: [row(found, 200, refs, keyId)],
      });
      if (missing) {
        await expect(read(missing, key)).resolves.toEqual({
          status: 404,
          rows: [row(missing, 404, [], keyId)],
        });
      }
      if (refused) {
        await expect(read(refused, key)).resolves.toEqual({
          status: 400,
          rows: [row(refused, 400, [], keyId)],
        });
      }
      // a key whose role may not read it is turned away before the route, and recorded
      await expect(read(found, api.inboundKey)).resolves.toEqual({
        status: 403,
        rows: [row(found, 403, [], inboundId)],
      });
    },
  );

  it('writes nothing for a read without a valid key: there is no one to record', async () => {
    const before = await api.database.db.$count(accessLog);
    await request(api.server).get(`/api/v1/cases/${fixtures.first}`).expect(401);
    expect(await api.database.db.$count(accessLog)).toBe(before);
  });

  it('writes nothing for the routes that hold no case data', async () => {
    const before = await api.database.db.$count(accessLog);
    for (const path of ['/api/v1/policies', '/api/v1/policies/nel']) {
      await request(api.server)
        .get(path)
        .set('Authorization', `Bearer ${api.auditorKey}`)
        .expect(200);
    }
    expect(await api.database.db.$count(accessLog)).toBe(before);
  });
});
