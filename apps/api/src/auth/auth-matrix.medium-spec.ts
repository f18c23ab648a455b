import { createHash, randomBytes } from 'node:crypto';
import request, { type Response } from 'supertest';
import { count, eq, sql } from 'drizzle-orm';
import {
  accessLog,
  agencies,
  AgencyRepository,
  apiKeys,
  cases,
  events,
  messages,
  notices,
  partnershipContacts,
} from '@escalations/db';
import { testEngines } from '@escalations/db/testing';
import { API_ROUTES, type ApiRoute } from '../openapi/api-routes';
import { startApiHarness, type ApiHarness } from '../testing/api-harness';
import { ApiKeyService } from './api-key.service';

/** What one call of a route sends: real ids and valid bodies, so an allowed caller gets a 2xx. */
interface Sample {
  path: string;
  query?: Record<string, string>;
  body?: Record<string, unknown>;
  /** a body that is not JSON, e.g. a raw message */
  raw?: { type: string; bytes: Buffer };
}

interface Fixtures {
  api: ApiHarness;
  ref: string;
  messageId: string;
  /** an agency of nel's directory */
  agencyId: string;
}

const NEL_AGENCY = 'Matrix Community Health Trust';

/** A closed case of nel's of its own, for a route that may act on a case once (an erasure). */
async function freshCase(f: Fixtures): Promise<string> {
  const opened = await request(f.api.server)
    .post('/api/v1/cases')
    .set('Authorization', `Bearer ${f.api.adminKey}`)
    .send(caseForm)
    .expect(201);
  const ref = (opened.body as { ref: string }).ref;
  await request(f.api.server)
    .post(`/api/v1/cases/${ref}/actions`)
    .set('Authorization', `Bearer ${f.api.adminKey}`)
    .send({ action: 'resolve', text: 'Agreed' })
    .expect(200);
  return ref;
}

const caseForm = {
  policy: 'nel',
  caseName: 'Child M',
  agency: 'Riverside Primary School',
  otherAgency: "Children's Services",
  disagreement: 'Whether the referral meets the threshold for an assessment',
  raisedBy: { name: 'Asha Patel', email: 'asha.patel@riverside.example.org' },
};

/**
 * One sample per route of API_ROUTES, keyed `method path`. A route added to API_ROUTES
 * without a sample here fails the first test below, so the matrix cannot fall behind.
 */
const SAMPLES: Record<string, (f: Fixtures) => Sample | Promise<Sample>> = {
  'get /api/v1/policies': () => ({ path: '/api/v1/policies' }),
  'get /api/v1/policies/{id}': () => ({ path: '/api/v1/policies/nel' }),
  'post /api/v1/policies/{id}/preview': () => ({
    path: '/api/v1/policies/nel/preview',
    body: { raisedAt: '2026-10-01T09:00:00Z' },
  }),
  'get /api/v1/calendars/{id}/working-days': () => ({
    path: '/api/v1/calendars/england-and-wales/working-days',
    query: { from: '2026-12-21', to: '2026-12-31' },
  }),
  'post /api/v1/calendars/{id}/reload': () => ({
    path: '/api/v1/calendars/england-and-wales/reload',
  }),
  'get /api/v1/cases': () => ({ path: '/api/v1/cases', query: { policy: 'nel' } }),
  'post /api/v1/cases': () => ({ path: '/api/v1/cases', body: caseForm }),
  'get /api/v1/cases.csv': () => ({ path: '/api/v1/cases.csv', query: { policy: 'nel' } }),
  'get /api/v1/cases/{ref}': (f) => ({ path: `/api/v1/cases/${f.ref}` }),
  'get /api/v1/cases/{ref}/events': (f) => ({ path: `/api/v1/cases/${f.ref}/events` }),
  'post /api/v1/cases/{ref}/actions': (f) => ({
    path: `/api/v1/cases/${f.ref}/actions`,
    body: { action: 'note', text: 'Strategy discussion booked for Thursday' },
  }),
  'get /api/v1/cases/{ref}/messages': (f) => ({ path: `/api/v1/cases/${f.ref}/messages` }),
  'get /api/v1/cases/{ref}/export.zip': (f) => ({ path: `/api/v1/cases/${f.ref}/export.zip` }),
  'post /api/v1/cases/{ref}/erasure': async (f) => ({
    path: `/api/v1/cases/${await freshCase(f)}/erasure`,
    body: { reason: 'Request for erasure' },
  }),
  'get /api/v1/policies/{id}/contacts': () => ({ path: '/api/v1/policies/nel/contacts' }),
  'put /api/v1/policies/{id}/contacts': () => ({
    path: '/api/v1/policies/nel/contacts',
    body: { businessManager: ['business.manager@nel.example.org'] },
  }),
  'get /api/v1/agencies': () => ({ path: '/api/v1/agencies', query: { policy: 'nel' } }),
  'post /api/v1/agencies': () => ({
    path: '/api/v1/agencies',
    body: { policy: 'nel', name: `Agency ${randomBytes(4).toString('hex')}`, type: 'health' },
  }),
  'patch /api/v1/agencies/{id}': (f) => ({
    path: `/api/v1/agencies/${f.agencyId}`,
    body: { aliases: ['MCHT'] },
  }),
  // An agency of its own each time: deleting it must succeed for an admin.
  'delete /api/v1/agencies/{id}': async (f) => {
    const id = await new AgencyRepository().insert(f.api.database.db, {
      policyId: 'nel',
      name: `To delete ${randomBytes(4).toString('hex')}`,
      aliases: [],
      type: null,
      contacts: [],
    });
    return { path: `/api/v1/agencies/${id}` };
  },
  'get /api/v1/cases/{ref}/chronology': (f) => ({ path: `/api/v1/cases/${f.ref}/chronology` }),
  'get /api/v1/cases/{ref}/chronology.pdf': (f) => ({
    path: `/api/v1/cases/${f.ref}/chronology.pdf`,
  }),
  'get /api/v1/cases/{ref}/records/{formId}.pdf': (f) => ({
    path: `/api/v1/cases/${f.ref}/records/recording-template.pdf`,
  }),
  'get /api/v1/messages': () => ({ path: '/api/v1/messages', query: { status: 'set-aside' } }),
  'get /api/v1/messages/{id}/raw': (f) => ({ path: `/api/v1/messages/${f.messageId}/raw` }),
  'get /api/v1/access-log': () => ({ path: '/api/v1/access-log', query: { from: '2026-01-01' } }),
  'get /api/v1/reports/timeliness': () => ({
    path: '/api/v1/reports/timeliness',
    query: { policy: 'nel', from: '2026-01-01', to: '2026-12-31' },
  }),
  'get /api/v1/reports/annual': () => ({
    path: '/api/v1/reports/annual',
    query: { policy: 'nel', year: '2026' },
  }),
  'get /api/v1/reports/learning': () => ({
    path: '/api/v1/reports/learning',
    query: { policy: 'nel', from: '2026-01-01', to: '2026-12-31' },
  }),
  'post /api/v1/api-keys': () => ({
    path: '/api/v1/api-keys',
    body: { role: 'auditor', label: 'Matrix' },
  }),
  'get /api/v1/api-keys': () => ({ path: '/api/v1/api-keys' }),
  'post /api/v1/scheduler/run': () => ({ path: '/api/v1/scheduler/run' }),
  'post /api/v1/inbound': () => ({
    path: '/api/v1/inbound',
    raw: {
      type: 'message/rfc822',
      bytes: Buffer.from(
        `From: asha.patel@riverside.example.org\r\nMessage-ID: <${randomBytes(8).toString('hex')}@riverside.example.org>\r\nSubject: note\r\n\r\nHi\r\n`,
      ),
    },
  }),
  // A key of its own each time: revoking it must succeed for an admin.
  'delete /api/v1/api-keys/{id}': async (f) => {
    const { id } = await f.api.app.get(ApiKeyService).create('auditor', 'to revoke');
    return { path: `/api/v1/api-keys/${id}` };
  },
};

/**
 * What a key of another partnership gets from each route, about a case of nel's. A route
 * added to API_ROUTES without an entry here fails its scoped test.
 */
type ScopedOutcome =
  /** the 404 a missing case, message or policy gets, word for word */
  | 'not-found'
  /** 200, and nothing in the answer names the case (lists and logs leave it out) */
  | 'none-of-theirs'
  /** 200: the policies and calendars are published documents */
  | 'published'
  /** 403: the operator's (*) alone */
  | 'operator-only'
  /** 403: the webhook's route */
  | 'not-its-role'
  /** keys: 2xx, acting within its own scope only */
  | 'within-its-scope';

const SCOPED: Record<string, ScopedOutcome> = {
  'get /api/v1/policies': 'published',
  'get /api/v1/policies/{id}': 'published',
  'post /api/v1/policies/{id}/preview': 'published',
  'get /api/v1/calendars/{id}/working-days': 'published',
  // a calendar counts for every partnership in it: the operator's alone
  'post /api/v1/calendars/{id}/reload': 'operator-only',
  'get /api/v1/cases': 'none-of-theirs',
  'post /api/v1/cases': 'not-found',
  'get /api/v1/cases.csv': 'none-of-theirs',
  'get /api/v1/cases/{ref}': 'not-found',
  'get /api/v1/cases/{ref}/events': 'not-found',
  'post /api/v1/cases/{ref}/actions': 'not-found',
  'get /api/v1/cases/{ref}/messages': 'not-found',
  'get /api/v1/cases/{ref}/chronology': 'not-found',
  'get /api/v1/cases/{ref}/chronology.pdf': 'not-found',
  'get /api/v1/cases/{ref}/records/{formId}.pdf': 'not-found',
  'get /api/v1/messages': 'none-of-theirs',
  'get /api/v1/messages/{id}/raw': 'not-found',
  'get /api/v1/access-log': 'none-of-theirs',
  'get /api/v1/reports/timeliness': 'not-found',
  'get /api/v1/reports/annual': 'not-found',
  'get /api/v1/reports/learning': 'not-found',
  'post /api/v1/api-keys': 'within-its-scope',
  'get /api/v1/api-keys': 'within-its-scope',
  'delete /api/v1/api-keys/{id}': 'not-found',
  'post /api/v1/scheduler/run': 'operator-only',
  'post /api/v1/inbound': 'not-its-role',
  'get /api/v1/cases/{ref}/export.zip': 'not-found',
  'post /api/v1/cases/{ref}/erasure': 'not-found',
  'get /api/v1/policies/{id}/contacts': 'not-found',
  'put /api/v1/policies/{id}/contacts': 'not-found',
  'get /api/v1/agencies': 'none-of-theirs',
  'post /api/v1/agencies': 'not-found',
  'patch /api/v1/agencies/{id}': 'not-found',
  'delete /api/v1/agencies/{id}': 'not-found',
};

/**
 * The operator's version of a list call: the same route asked for everything (the samples
 * filter by policy nel, which a kirklees key may not name; messages by a state the fixture's
 * message is not in).
 */
function unfiltered(name: string, sample: Sample): Sample {
  if (name === 'get /api/v1/messages') return { path: sample.path };
  return sample;
}

const nameOf = (route: ApiRoute) => `${route.method} ${route.path}`;
const keyedRoutes = API_ROUTES.filter((route) => route.roles !== undefined);
const adminOnly = keyedRoutes.filter((route) => route.roles!.join() === 'admin');
const auditorReadable = keyedRoutes.filter((route) => route.roles!.includes('auditor'));
const adminCallable = keyedRoutes.filter((route) => route.roles!.includes('admin'));
const inboundOnly = keyedRoutes.filter((route) => route.roles!.includes('inbound'));
const notForInbound = keyedRoutes.filter((route) => !route.roles!.includes('inbound'));

describe('the route list', () => {
  it('has a sample request for every keyed route, and health and metrics are the only open ones', () => {
    expect(keyedRoutes.map(nameOf).sort()).toEqual(Object.keys(SAMPLES).sort());
    // /metrics takes no API key but METRICS_TOKEN (operations.medium-spec)
    expect(API_ROUTES.filter((route) => !route.roles).map(nameOf)).toEqual([
      'get /health',
      'get /health/live',
      'get /health/ready',
      'get /metrics',
    ]);
  });

  it('keeps writes and key management to admins, and every read open to auditors', () => {
    expect(adminOnly.map(nameOf).sort()).toEqual([
      'delete /api/v1/agencies/{id}',
      'delete /api/v1/api-keys/{id}',
      'get /api/v1/api-keys',
      'get /api/v1/cases/{ref}/export.zip',
      'patch /api/v1/agencies/{id}',
      'post /api/v1/agencies',
      'post /api/v1/api-keys',
      'post /api/v1/calendars/{id}/reload',
      'post /api/v1/cases',
      'post /api/v1/cases/{ref}/actions',
      'post /api/v1/cases/{ref}/erasure',
      'post /api/v1/scheduler/run',
      'put /api/v1/policies/{id}/contacts',
    ]);
  });

  it('gives the webhook key its one route, and that route to no other key', () => {
    expect(inboundOnly.map((route) => [nameOf(route), route.roles])).toEqual([
      ['post /api/v1/inbound', ['inbound']],
    ]);
  });
});

describe.each(testEngines())('who may call what, on %s', (engine) => {
  let api: ApiHarness;
  let fixtures: Fixtures;
  let revokedKey: string;
  /** keys of kirklees, a partnership other than the fixture case's (nel) */
  const scoped = { admin: '', auditor: '' };

  beforeAll(async () => {
    api = await startApiHarness(engine);
    const opened = await request(api.server)
      .post('/api/v1/cases')
      .set('Authorization', `Bearer ${api.adminKey}`)
      .send(caseForm)
      .expect(201);
    const ref = (opened.body as { ref: string }).ref;
    const [row] = await api.database.db
      .select({ id: cases.id })
      .from(cases)
      .where(eq(cases.ref, ref));
    const raw = Buffer.from(
      'From: asha.patel@riverside.example.org\r\nSubject: note\r\n\r\nHi\r\n',
    );
    const [message] = await api.database.db
      .insert(messages)
      .values({
        direction: 'inbound',
        messageId: 'matrix@riverside.example.org',
        sha256: createHash('sha256').update(raw).digest('hex'),
        raw,
        caseId: row!.id,
        fromAddress: 'asha.patel@riverside.example.org',
        status: 'processed',
      })
      .returning({ id: messages.id });
    const agencyId = await new AgencyRepository().insert(api.database.db, {
      policyId: 'nel',
      name: NEL_AGENCY,
      aliases: [],
      type: 'health',
      contacts: [],
    });
    fixtures = { api, ref, messageId: message!.id, agencyId };
    const keys = api.app.get(ApiKeyService);
    const revoked = await keys.create('admin', 'revoked admin');
    await keys.revoke(revoked.id);
    revokedKey = revoked.key;
    scoped.admin = (await keys.create('admin', 'kirklees admin', ['kirklees'])).key;
    scoped.auditor = (await keys.create('auditor', 'kirklees auditor', ['kirklees'])).key;
  }, 60_000);

  afterAll(() => api.close());

  async function call(route: ApiRoute, key?: string): Promise<Response> {
    return send(route, await SAMPLES[nameOf(route)]!(fixtures), key);
  }

  async function send(route: ApiRoute, sample: Sample, key?: string): Promise<Response> {
    const agent = request(api.server);
    let pending =
      route.method === 'get'
        ? agent.get(sample.path)
        : route.method === 'post'
          ? agent.post(sample.path)
          : route.method === 'put'
            ? agent.put(sample.path)
            : route.method === 'patch'
              ? agent.patch(sample.path)
              : agent.delete(sample.path);
    if (sample.query) pending = pending.query(sample.query);
    if (key !== undefined) pending = pending.set('Authorization', `Bearer ${key}`);
    if (sample.raw) return pending.set('Content-Type', sample.raw.type).send(sample.raw.bytes);
    return sample.body ? pending.send(sample.body) : pending;
  }

  /** Everything a refused write could have touched (a key's last use is bookkeeping, not a change). */
  async function fingerprint() {
    const db = api.database.db;
    const total = async (
      table: typeof cases | typeof events | typeof notices | typeof accessLog | typeof messages,
    ) => (await db.select({ n: count() }).from(table))[0]!.n;
    return {
      cases: await total(cases),
      versions: (
        await db.select({ sum: sql<number>`coalesce(sum(${cases.version}), 0)::int` }).from(cases)
      )[0]!.sum,
      events: await total(events),
      notices: await total(notices),
      // a refused read of case data is itself recorded, naming no case
      accessLog: (
        await db
          .select({ n: count() })
          .from(accessLog)
          .where(sql`cardinality(${accessLog.caseRefs}) > 0`)
      )[0]!.n,
      messages: await total(messages),
      // the directory: a refused change leaves its agencies and contacts as they were
      agencies: await db
        .select({
          id: agencies.id,
          name: agencies.name,
          aliases: agencies.aliases,
          type: agencies.type,
        })
        .from(agencies)
        .orderBy(agencies.id),
      directory: await db
        .select({
          policyId: partnershipContacts.policyId,
          role: partnershipContacts.role,
          addresses: partnershipContacts.addresses,
        })
        .from(partnershipContacts)
        .orderBy(partnershipContacts.policyId, partnershipContacts.role),
      keys: await db
        .select({ id: apiKeys.id, role: apiKeys.role, revokedAt: apiKeys.revokedAt })
        .from(apiKeys)
        .orderBy(apiKeys.id),
    };
  }

  const expectUnauthorized = (response: Response, message: RegExp) => {
    expect(response.status).toBe(401);
    expect(response.body).toEqual({
      error: { code: 'unauthorized', message: expect.stringMatching(message) },
    });
  };

  it.each(keyedRoutes.map((route) => [nameOf(route), route] as const))(
    '%s: no key is 401',
    async (_, route) => {
      expectUnauthorized(await call(route), /Authorization: Bearer <key>/);
    },
  );

  it.each(keyedRoutes.map((route) => [nameOf(route), route] as const))(
    '%s: a made-up key is 401',
    async (_, route) => {
      const madeUp = `esk_${randomBytes(32).toString('base64url')}`;
      expectUnauthorized(await call(route, madeUp), /not valid or was revoked/);
    },
  );

  it.each(keyedRoutes.map((route) => [nameOf(route), route] as const))(
    '%s: a revoked key is 401',
    async (_, route) => {
      expectUnauthorized(await call(route, revokedKey), /not valid or was revoked/);
    },
  );

  it.each(adminOnly.map((route) => [nameOf(route), route] as const))(
    '%s: an auditor is 403 and nothing changes',
    async (_, route) => {
      const sample = await SAMPLES[nameOf(route)]!(fixtures);
      const before = await fingerprint();
      const response = await send(route, sample, api.auditorKey);
      expect(response.status).toBe(403);
      expect(response.body).toEqual({
        error: {
          code: 'forbidden',
          message: 'this needs the admin role; the key has auditor',
        },
      });
      expect(await fingerprint()).toEqual(before);
    },
  );

  it.each(notForInbound.map((route) => [nameOf(route), route] as const))(
    '%s: an inbound (webhook) key is 403 and nothing changes',
    async (_, route) => {
      const sample = await SAMPLES[nameOf(route)]!(fixtures);
      const before = await fingerprint();
      const response = await send(route, sample, api.inboundKey);
      expect(response.status).toBe(403);
      expect(response.body).toEqual({
        error: {
          code: 'forbidden',
          message: `this needs the ${route.roles!.join(' or ')} role; the key has inbound`,
        },
      });
      expect(await fingerprint()).toEqual(before);
    },
  );

  it.each(
    inboundOnly.flatMap((route) =>
      (['admin', 'auditor'] as const).map((role) => [nameOf(route), role, route] as const),
    ),
  )('%s: an %s key is 403 and nothing changes', async (_, role, route) => {
    const sample = await SAMPLES[nameOf(route)]!(fixtures);
    const before = await fingerprint();
    const response = await send(route, sample, role === 'admin' ? api.adminKey : api.auditorKey);
    expect(response.status).toBe(403);
    expect(response.body).toEqual({
      error: { code: 'forbidden', message: `this needs the inbound role; the key has ${role}` },
    });
    expect(await fingerprint()).toEqual(before);
  });

  it.each(inboundOnly.map((route) => [nameOf(route), route] as const))(
    '%s: an inbound key may call it',
    async (_, route) => {
      const response = await call(route, api.inboundKey);
      expect([nameOf(route), response.status]).toEqual([nameOf(route), 202]);
    },
  );

  it.each(auditorReadable.map((route) => [nameOf(route), route] as const))(
    '%s: an auditor may read it',
    async (_, route) => {
      const response = await call(route, api.auditorKey);
      expect([nameOf(route), response.status]).toEqual([nameOf(route), 200]);
    },
  );

  it.each(adminCallable.map((route) => [nameOf(route), route] as const))(
    '%s: an admin may call it',
    async (_, route) => {
      const response = await call(route, api.adminKey);
      expect(response.status).toBeGreaterThanOrEqual(200);
      expect(response.status).toBeLessThan(300);
    },
  );

  // ---- a key of another partnership (kirklees), on a case of nel's ----

  /** The same call about something that does not exist: another ref, message id or policy. */
  function missingOf(sample: Sample): { sample: Sample; back: (text: string) => string } {
    const swaps: [string, string][] = [
      [fixtures.ref, 'NEL-2099-9999'],
      [fixtures.messageId, '00000000-0000-4000-8000-000000000000'],
      ['"nel"', '"no-such-policy"'],
    ];
    const keyId = /api-keys\/([0-9a-f-]{36})/.exec(sample.path)?.[1];
    if (keyId) swaps.push([keyId, '00000000-0000-4000-8000-000000000001']);
    let text = JSON.stringify(sample);
    for (const [from, to] of swaps) text = text.split(from).join(to);
    const swapped = JSON.parse(text) as Sample;
    if (sample.raw) swapped.raw = sample.raw;
    return {
      sample: swapped,
      back: (answer) => {
        for (const [from, to] of swaps)
          answer = answer.split(to.replace(/"/g, '')).join(from.replace(/"/g, ''));
        return answer;
      },
    };
  }

  /**
   * Whether an answer names the nel case, its message or its people in any way; in the access
   * log, whether it shows a read of the case, or any read by a key not of kirklees (its own
   * refused tries, naming the reference it typed, are its own to see).
   */
  const namesTheCase = (response: Response, name: string) => {
    // the directory names no case: whether it lists nel's agency
    if (name === 'get /api/v1/agencies') return JSON.stringify(response.body).includes(NEL_AGENCY);
    if (name === 'get /api/v1/access-log') {
      const { entries } = response.body as {
        entries: { key: { label: string }; caseRefs: string[] }[];
      };
      return entries.some(
        (entry) => entry.caseRefs.includes(fixtures.ref) || !entry.key.label.startsWith('kirklees'),
      );
    }
    return [fixtures.ref, fixtures.messageId, 'Child M', 'asha.patel'].some((text) =>
      (response.text ?? JSON.stringify(response.body)).includes(text),
    );
  };

  it.each(keyedRoutes.map((route) => [nameOf(route), route] as const))(
    '%s: a key scoped to another partnership sees nothing of this one, and changes nothing',
    async (name, route) => {
      const outcome = SCOPED[name];
      if (outcome === undefined)
        throw new Error(`${name}: say in SCOPED what another partnership's key gets`);
      const sample = await SAMPLES[name]!(fixtures);
      const roles = route.roles!;
      const key = roles.includes('admin') ? scoped.admin : scoped.auditor;
      const before = await fingerprint();
      const response = await send(route, sample, key);
      switch (outcome) {
        case 'not-found': {
          // exactly the answer about something that does not exist at all
          const missing = missingOf(sample);
          const absent = await send(route, missing.sample, key);
          expect([name, response.status, absent.status]).toEqual([name, 404, 404]);
          expect(response.body).toEqual(JSON.parse(missing.back(JSON.stringify(absent.body))));
          expect(await fingerprint()).toEqual(before);
          break;
        }
        case 'none-of-theirs': {
          expect([name, response.status]).toEqual([name, 200]);
          expect([name, namesTheCase(response, name)]).toEqual([name, false]);
          // while the operator's key does see it, so the check above can fail
          const operator = await send(route, unfiltered(name, sample), api.adminKey);
          expect([name, namesTheCase(operator, name)]).toEqual([name, true]);
          break;
        }
        case 'published':
          expect([name, response.status]).toEqual([name, 200]);
          break;
        case 'operator-only':
          expect([name, response.status, response.body]).toEqual([
            name,
            403,
            { error: { code: 'forbidden', message: expect.stringContaining('(*)') } },
          ]);
          expect(await fingerprint()).toEqual(before);
          break;
        case 'not-its-role':
          expect([name, response.status]).toEqual([name, 403]);
          expect(await fingerprint()).toEqual(before);
          break;
        case 'within-its-scope':
          expect([name, response.status]).toEqual([name, route.method === 'post' ? 201 : 200]);
          expect([name, JSON.stringify(response.body)]).not.toEqual([
            name,
            expect.stringContaining('"*"'),
          ]);
          break;
      }
    },
  );

  it.each([
    ['an admin key', { role: 'admin', label: 'x', policies: ['kirklees'] }],
    ['a key of another partnership', { role: 'auditor', label: 'x', policies: ['nel'] }],
    ['an operator key', { role: 'auditor', label: 'x', policies: ['*'] }],
    ['an inbound key', { role: 'inbound', label: 'x' }],
  ])('a partnership admin may not create %s (403, nothing changes)', async (_, body) => {
    const before = await fingerprint();
    const response = await request(api.server)
      .post('/api/v1/api-keys')
      .set('Authorization', `Bearer ${scoped.admin}`)
      .send(body);
    expect(response.status).toBe(403);
    expect(await fingerprint()).toEqual(before);
  });

  it('a partnership admin creates auditor keys within its scope, and they see its cases only', async () => {
    const created = await request(api.server)
      .post('/api/v1/api-keys')
      .set('Authorization', `Bearer ${scoped.admin}`)
      .send({ role: 'auditor', label: 'Kirklees audit', policies: ['kirklees'] })
      .expect(201);
    expect(created.body).toMatchObject({ role: 'auditor', policies: ['kirklees'] });
    const key = (created.body as { key: string }).key;
    const list = await request(api.server)
      .get('/api/v1/cases')
      .set('Authorization', `Bearer ${key}`)
      .expect(200);
    expect((list.body as { items: unknown[] }).items).toEqual([]);
    const keys = await request(api.server)
      .get('/api/v1/api-keys')
      .set('Authorization', `Bearer ${scoped.admin}`)
      .expect(200);
    const listed = keys.body as { label: string; policies: string[] }[];
    expect(listed.map((row) => row.label)).toContain('Kirklees audit');
    expect(listed.every((row) => row.policies.join() === 'kirklees')).toBe(true);
  });

  it('a nel key sees the nel case, so the refusals above are about scope', async () => {
    const keys = api.app.get(ApiKeyService);
    const nel = (await keys.create('auditor', 'nel auditor', ['nel'])).key;
    await request(api.server)
      .get(`/api/v1/cases/${fixtures.ref}`)
      .set('Authorization', `Bearer ${nel}`)
      .expect(200);
    await request(api.server)
      .get(`/api/v1/messages/${fixtures.messageId}/raw`)
      .set('Authorization', `Bearer ${nel}`)
      .expect(200);
    const list = await request(api.server)
      .get('/api/v1/cases')
      .set('Authorization', `Bearer ${nel}`)
      .expect(200);
    expect((list.body as { items: { ref: string }[] }).items.map((item) => item.ref)).toContain(
      fixtures.ref,
    );
    // and a nel admin acts on it, and opens nel's cases
    const admin = (await keys.create('admin', 'nel admin', ['nel'])).key;
    await request(api.server)
      .post(`/api/v1/cases/${fixtures.ref}/actions`)
      .set('Authorization', `Bearer ${admin}`)
      .send({ action: 'note', text: 'Strategy discussion booked for Thursday' })
      .expect(200);
    await request(api.server)
      .post('/api/v1/cases')
      .set('Authorization', `Bearer ${admin}`)
      .send(caseForm)
      .expect(201);
  });

  it.each([
    ['another scheme', `Basic ${Buffer.from('admin:admin').toString('base64')}`],
    ['Bearer with nothing after it', 'Bearer '],
    ['two keys', 'Bearer esk_one esk_two'],
  ])('refuses an Authorization header with %s', async (_, header) => {
    const response = await request(api.server).get('/api/v1/policies').set('Authorization', header);
    expectUnauthorized(response, /Authorization: Bearer <key>/);
  });

  it('accepts the scheme in any case, as RFC 9110 has it', async () => {
    await request(api.server)
      .get('/api/v1/policies')
      .set('Authorization', `bearer ${api.auditorKey}`)
      .expect(200);
  });
});
