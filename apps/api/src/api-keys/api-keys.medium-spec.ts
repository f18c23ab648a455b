import { createHash, randomUUID } from 'node:crypto';
import request, { type Response } from 'supertest';
import { eq } from 'drizzle-orm';
import { apiKeys } from '@escalations/db';
import { testEngines } from '@escalations/db/testing';
import { startApiHarness, type ApiHarness } from '../testing/api-harness';

interface KeyView {
  id: string;
  label: string;
  role: 'admin' | 'auditor';
  prefix: string;
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
}
type NewKey = KeyView & { key: string };
interface ErrorBody {
  error: { code: string; message: string; details?: { field: string; message: string }[] };
}

const START = new Date('2026-11-24T10:00:00Z');
const KEY_FIELDS = [
  'createdAt',
  'id',
  'label',
  'lastUsedAt',
  'policies',
  'prefix',
  'revokedAt',
  'role',
];

function keysApi(api: ApiHarness) {
  const as = (key: string) => ({ Authorization: `Bearer ${key}` });
  return {
    create: (body: unknown, key = api.adminKey) =>
      request(api.server)
        .post('/api/v1/api-keys')
        .set(as(key))
        .send(body as object),
    list: (key = api.adminKey) => request(api.server).get('/api/v1/api-keys').set(as(key)),
    revoke: (id: string, key = api.adminKey) =>
      request(api.server).delete(`/api/v1/api-keys/${id}`).set(as(key)),
    policies: (key: string) => request(api.server).get('/api/v1/policies').set(as(key)),
    async created(role: 'admin' | 'auditor' | 'inbound', label: string): Promise<NewKey> {
      const response = await this.create({ role, label }).expect(201);
      return response.body as NewKey;
    },
  };
}

function expectError(response: Response, status: number, code: string, message?: RegExp) {
  expect(response.status).toBe(status);
  expect((response.body as ErrorBody).error.code).toBe(code);
  if (message) expect((response.body as ErrorBody).error.message).toMatch(message);
}

describe.each(testEngines())('API keys on %s', (engine) => {
  let api: ApiHarness;
  let keys: ReturnType<typeof keysApi>;

  beforeAll(async () => {
    api = await startApiHarness(engine, START);
    keys = keysApi(api);
  }, 60_000);
  afterAll(() => api.close());

  it('creates a key and shows it once, with its id, role and label', async () => {
    const response = await keys.create({ role: 'auditor', label: '  Audit team  ' });
    expect(response.status).toBe(201);
    const created = response.body as NewKey;
    expect(created).toEqual({
      id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      label: 'Audit team',
      role: 'auditor',
      // no policies given: the creating key's scope, here the operator's
      policies: ['*'],
      key: expect.stringMatching(/^esk_[A-Za-z0-9_-]{43}$/),
      prefix: created.key.slice(0, 12),
      createdAt: expect.any(String),
      lastUsedAt: null,
      revokedAt: null,
    });

    const listed = (await keys.list().expect(200)).body as KeyView[];
    const entry = listed.find((key) => key.id === created.id);
    expect(entry).toEqual({
      id: created.id,
      label: 'Audit team',
      role: 'auditor',
      policies: ['*'],
      prefix: created.prefix,
      createdAt: created.createdAt,
      lastUsedAt: null,
      revokedAt: null,
    });
  });

  it('lists keys without the key or its hash', async () => {
    const created = await keys.created('admin', 'Listed');
    const listed = (await keys.list().expect(200)).body as KeyView[];
    expect(listed.map((key) => key.label)).toEqual(
      expect.arrayContaining(['test admin', 'test auditor', 'Listed']),
    );
    for (const key of listed) expect(Object.keys(key).sort()).toEqual(KEY_FIELDS);
    const text = JSON.stringify(listed);
    expect(text).not.toContain(created.key);
    expect(text).not.toContain(createHash('sha256').update(created.key).digest('hex'));
  });

  it('stores only the SHA-256 of a key: the key itself is nowhere in its row', async () => {
    const created = await keys.created('auditor', 'Stored');
    const [row] = await api.database.db.select().from(apiKeys).where(eq(apiKeys.id, created.id));
    expect(row!.hash).toBe(createHash('sha256').update(created.key, 'utf8').digest('hex'));
    expect(row!.hash).toMatch(/^[0-9a-f]{64}$/);
    for (const value of Object.values(row!)) {
      expect(String(value)).not.toContain(created.key);
    }
    // the prefix is what a person reads to tell keys apart, and far too short to use
    expect(row!.prefix).toHaveLength(12);
  });

  it('gives a new key exactly its role, and records when it is used', async () => {
    const auditor = await keys.created('auditor', 'Reader');
    await keys.policies(auditor.key).expect(200);
    expectError(await keys.create({ role: 'auditor', label: 'x' }, auditor.key), 403, 'forbidden');
    expectError(await keys.list(auditor.key), 403, 'forbidden');

    const admin = await keys.created('admin', 'Second admin');
    const made = await keys.create(
      { role: 'auditor', label: 'Made by the second admin' },
      admin.key,
    );
    expect(made.status).toBe(201);

    api.clock.now = new Date('2026-11-24T11:00:00Z');
    const reader = await keys.created('auditor', 'Used later');
    await keys.policies(reader.key).expect(200);
    const listed = (await keys.list().expect(200)).body as KeyView[];
    expect(listed.find((key) => key.id === reader.id)?.lastUsedAt).toBe('2026-11-24T11:00:00.000Z');
  });

  it('makes a key for a mail provider’s webhook that can post mail and nothing else', async () => {
    const webhook = await keys.created('inbound', 'Provider webhook');
    expect(webhook.role).toBe('inbound');
    await request(api.server)
      .post('/api/v1/inbound')
      .set('Authorization', `Bearer ${webhook.key}`)
      .set('Content-Type', 'message/rfc822')
      .send(Buffer.from('From: a@b.example.org\r\nSubject: x\r\n\r\nHi\r\n'))
      .expect(202);
    expectError(await keys.policies(webhook.key), 403, 'forbidden', /has inbound$/);
    expectError(await keys.list(webhook.key), 403, 'forbidden');
  });

  it('revokes a key: it stops working at once, and cannot be revoked twice', async () => {
    const doomed = await keys.created('auditor', 'Doomed');
    await keys.policies(doomed.key).expect(200);

    api.clock.now = new Date('2026-11-24T12:00:00Z');
    const revoked = (await keys.revoke(doomed.id).expect(200)).body as KeyView;
    expect(revoked).toMatchObject({ id: doomed.id, revokedAt: '2026-11-24T12:00:00.000Z' });
    expect(Object.keys(revoked).sort()).toEqual(KEY_FIELDS);

    const refused = await keys.policies(doomed.key);
    expectError(refused, 401, 'unauthorized', /not valid or was revoked/);
    expectError(
      await keys.revoke(doomed.id),
      404,
      'not-found',
      /an active API key with id .* was not found/,
    );
    const listed = (await keys.list().expect(200)).body as KeyView[];
    expect(listed.find((key) => key.id === doomed.id)?.revokedAt).toBe('2026-11-24T12:00:00.000Z');
  });

  it.each([
    ['an id no key has', randomUUID()],
    ['something that is not an id', 'not-a-key-id'],
  ])('answers revoking %s with 404', async (_, id) => {
    expectError(await keys.revoke(id), 404, 'not-found', /was not found/);
  });

  it.each([
    [
      'a bad role',
      { role: 'owner', label: 'x' },
      'role',
      /^role must be one of admin, auditor, inbound$/,
    ],
    ['no role', { label: 'x' }, 'role', /^role must be one of admin, auditor, inbound$/],
    ['an empty label', { role: 'auditor', label: '   ' }, 'label', /^label must not be empty$/],
    ['no label', { role: 'auditor' }, 'label', /^label is required$/],
    [
      'a label over 100 characters',
      { role: 'auditor', label: 'x'.repeat(101) },
      'label',
      /^label must be at most 100 characters$/,
    ],
    ['an unknown key', { role: 'auditor', label: 'x', key: 'esk_mine' }, '(body)', /"key"/],
  ])('refuses %s with a 400 naming the field', async (_, body, field, message) => {
    const before = ((await keys.list().expect(200)).body as KeyView[]).length;
    const response = await keys.create(body);
    expectError(response, 400, 'bad-request');
    const details = (response.body as ErrorBody).error.details!;
    expect(details.map((detail) => detail.field)).toEqual([field]);
    expect(details[0]!.message).toMatch(message);
    expect(((await keys.list().expect(200)).body as KeyView[]).length).toBe(before);
  });
});

describe.each(testEngines())('the last admin key on %s', (engine) => {
  let api: ApiHarness;

  beforeAll(async () => {
    api = await startApiHarness(engine, START);
  }, 60_000);
  afterAll(() => api.close());

  it('cannot be revoked, so someone can always manage keys', async () => {
    const keys = keysApi(api);
    const successor = await keys.created('admin', 'Successor');
    const listed = (await keys.list().expect(200)).body as KeyView[];
    const original = listed.find((key) => key.label === 'test admin')!;
    // with two admins, one may go
    await keys.revoke(original.id, successor.key).expect(200);

    expectError(
      await keys.revoke(successor.id, successor.key),
      409,
      'last-admin-key',
      /^this is the last active admin key: create another admin key first$/,
    );
    await keys.list(successor.key).expect(200);
    // auditors do not count: revoking them is always allowed
    const auditor = listed.find((key) => key.label === 'test auditor')!;
    await keys.revoke(auditor.id, successor.key).expect(200);
  });
});
