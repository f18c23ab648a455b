import { rmSync } from 'node:fs';
import { asc, sql } from 'drizzle-orm';
import { MIGRATIONS_FOLDER } from './open-database';
import { apiKeys } from './schema';
import { testEngines } from './testing';
import { blankDatabase, migrateFrom, migrationsBefore } from './testing/earlier-migrations';

describe.each(testEngines())('migration 0010 (keys belong to partnerships) on %s', (engine) => {
  it('makes every existing key the operator’s (*), whatever its role or state', async () => {
    const { handle, destroy } = await blankDatabase(engine);
    const before = migrationsBefore('0010_api-key-scope');
    try {
      await migrateFrom(handle, before);
      await handle.db.execute(sql`
        insert into api_keys (id, label, role, prefix, hash, revoked_at)
          values ('00000000-0000-4000-8000-000000000001', 'admin', 'admin', 'esk_a', 'a', null),
            ('00000000-0000-4000-8000-000000000002', 'auditor', 'auditor', 'esk_b', 'b', null),
            ('00000000-0000-4000-8000-000000000003', 'webhook', 'inbound', 'esk_c', 'c', now())
      `);
      await migrateFrom(handle, MIGRATIONS_FOLDER);
      const rows = await handle.db
        .select({ label: apiKeys.label, policies: apiKeys.policies })
        .from(apiKeys)
        .orderBy(asc(apiKeys.id));
      expect(rows).toEqual([
        { label: 'admin', policies: ['*'] },
        { label: 'auditor', policies: ['*'] },
        { label: 'webhook', policies: ['*'] },
      ]);
    } finally {
      rmSync(before, { recursive: true, force: true });
      await destroy();
    }
  });
});
