import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { asc, sql } from 'drizzle-orm';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import type { PgliteDatabase } from 'drizzle-orm/pglite';
import { migrate as migratePostgres } from 'drizzle-orm/postgres-js/migrator';
import type { PostgresJsDatabase } from 'drizzle-orm/postgres-js';
import { randomBytes } from 'node:crypto';
import postgres from 'postgres';
import { openDatabase, MIGRATIONS_FOLDER } from './open-database';
import type { DatabaseHandle } from './database';
import { accessLog } from './schema';
import { testEngines } from './testing';

/** The committed migrations before `tag`: the schema a deployment had before it. */
function migrationsBefore(tag: string): string {
  const folder = mkdtempSync(join(tmpdir(), 'migrations-'));
  cpSync(MIGRATIONS_FOLDER, folder, { recursive: true });
  const journalFile = join(folder, 'meta', '_journal.json');
  const journal = JSON.parse(readFileSync(journalFile, 'utf8')) as {
    entries: { idx: number; tag: string }[];
  };
  const at = journal.entries.findIndex((entry) => entry.tag === tag);
  if (at < 0) throw new Error(`no migration ${tag}`);
  journal.entries = journal.entries.slice(0, at);
  writeFileSync(journalFile, JSON.stringify(journal));
  return folder;
}

async function blankDatabase(engine: 'pglite' | 'postgres') {
  if (engine === 'pglite') {
    const handle = await openDatabase({ dataDir: 'memory://' });
    return { handle, destroy: () => handle.close() };
  }
  const server = process.env.DATABASE_URL!;
  const name = `migration_${Date.now().toString(36)}_${randomBytes(4).toString('hex')}`;
  const admin = postgres(server, { max: 1, onnotice: () => undefined });
  await admin.unsafe(`create database "${name}"`);
  const url = new URL(server);
  url.pathname = `/${name}`;
  const handle = await openDatabase({ url: url.toString(), poolSize: 1 });
  return {
    handle,
    destroy: async () => {
      await handle.close();
      await admin.unsafe(`drop database if exists "${name}" with (force)`);
      await admin.end();
    },
  };
}

function migrateFrom(handle: DatabaseHandle, folder: string): Promise<void> {
  return handle.kind === 'pglite'
    ? migratePglite(handle.db as unknown as PgliteDatabase, { migrationsFolder: folder })
    : migratePostgres(handle.db as unknown as PostgresJsDatabase, { migrationsFolder: folder });
}

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
