import { rmSync } from 'node:fs';
import { asc, sql } from 'drizzle-orm';
import { MIGRATIONS_FOLDER } from './open-database';
import { accessLog } from './schema';
import { testEngines } from './testing';
import { blankDatabase, migrateFrom, migrationsBefore } from './testing/earlier-migrations';

describe.each(testEngines())('migration 0004 (the access log per request) on %s', (engine) => {
  it('keeps the case each earlier row named, as its reference', async () => {
    const { handle, destroy } = await blankDatabase(engine);
    const before = migrationsBefore('0004_access-log-per-request');
    try {
      await migrateFrom(handle, before);
      await handle.db.execute(sql`
        insert into api_keys (id, label, role, prefix, hash)
          values ('00000000-0000-4000-8000-000000000001', 'auditor', 'auditor', 'esk_x', 'h')
      `);
      await handle.db.execute(sql`
        insert into cases (id, ref, policy_id, status, version, raised_at, case_name, agency,
            other_agency, disagreement, category, risk, current_stage)
          values ('00000000-0000-4000-8000-000000000002', 'NEL-2026-0001', 'nel', 'open', 1,
            now(), 'Child A', 'School', 'CSC', 'x', 'other', 'standard', 1)
      `);
      await handle.db.execute(sql`
        insert into access_log (api_key_id, case_id, method, path)
          values ('00000000-0000-4000-8000-000000000001', '00000000-0000-4000-8000-000000000002',
              'GET', '/api/v1/cases/NEL-2026-0001'),
            ('00000000-0000-4000-8000-000000000001', null, 'GET', '/api/v1/cases.csv')
      `);
      await migrateFrom(handle, MIGRATIONS_FOLDER);
      const rows = await handle.db
        .select({ path: accessLog.path, caseRefs: accessLog.caseRefs })
        .from(accessLog)
        .orderBy(asc(accessLog.id));
      expect(rows).toEqual([
        { path: '/api/v1/cases/NEL-2026-0001', caseRefs: ['NEL-2026-0001'] },
        { path: '/api/v1/cases.csv', caseRefs: [] },
      ]);
    } finally {
      rmSync(before, { recursive: true, force: true });
      await destroy();
    }
  });
});
