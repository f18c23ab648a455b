import { appendFileSync, cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MIGRATIONS_FOLDER } from '../open-database';
import { migrationsHash } from './migration-set';

describe('migrationsHash', () => {
  let copy: string;
  beforeEach(() => {
    copy = mkdtempSync(join(tmpdir(), 'migrations-hash-'));
    cpSync(MIGRATIONS_FOLDER, copy, { recursive: true });
  });
  afterEach(() => rmSync(copy, { recursive: true, force: true }));

  it('is the same for the same files wherever they are', () => {
    expect(migrationsHash(copy)).toBe(migrationsHash(MIGRATIONS_FOLDER));
  });

  it('changes when a migration changes', () => {
    appendFileSync(join(copy, '0000_init.sql'), '\n-- edited');
    expect(migrationsHash(copy)).not.toBe(migrationsHash(MIGRATIONS_FOLDER));
  });

  it('changes when a migration is added, in a subfolder too', () => {
    writeFileSync(join(copy, 'meta', 'extra.json'), '{}');
    expect(migrationsHash(copy)).not.toBe(migrationsHash(MIGRATIONS_FOLDER));
  });
});
