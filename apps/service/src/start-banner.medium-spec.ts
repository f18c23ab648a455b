import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadServiceConfig } from '@escalations/casework';
import { createTestDatabase, testEngines, type TestDatabase } from '@escalations/db/testing';
import { startService, type RunningService } from './start-service';

const ADMIN_KEY = 'banner-admin-key-0123456789abcdefghijklmnopqrstuvwxyz01';

/**
 * Issue 13, item 3: the start-up listing of partnership roles without an address reads the
 * partnership directory, so a contact an administrator set through the API is not listed
 * as missing at the next start (PARTNERSHIP_CONTACTS is only the directory's first seed).
 */
describe.each(testEngines())(
  'the start-up listing of roles without an address, on %s',
  (engine) => {
    let dataDir: string;
    let database: TestDatabase | null = null;
    let service: RunningService | null = null;

    beforeAll(async () => {
      dataDir = await mkdtemp(join(tmpdir(), 'escalations-banner-'));
      await writeFile(
        join(dataDir, 'contacts.yaml'),
        'nel:\n  businessManager: [bm@nel.example.org]\n',
      );
      if (engine === 'postgres') database = await createTestDatabase('postgres', { poolSize: 1 });
    });

    afterAll(async () => {
      await service?.stop();
      await database?.destroy();
      await rm(dataDir, { recursive: true, force: true });
    }, 60_000);

    const start = async () => {
      service = await startService(
        loadServiceConfig({
          ...(database?.url ? { DATABASE_URL: database.url } : {}),
          DATA_DIR: dataDir,
          API_HOST: '127.0.0.1',
          API_PORT: '0',
          MAIL_DOMAIN: 'escalations.localhost',
          ADMIN_API_KEY: ADMIN_KEY,
          PARTNERSHIP_CONTACTS: join(dataDir, 'contacts.yaml'),
        }),
        'api',
      );
      return service;
    };
    const stop = async () => {
      await service?.stop();
      service = null;
    };
    const nelLines = (banner: string[]) =>
      banner
        .filter((line) => /^ {2}nel +\S+ → /.test(line))
        .map((line) => line.trim().replace(/ +/g, ' '));

    it('leaves out a role whose contact was set through the API before the restart', async () => {
      const first = await start();
      expect(nelLines(first.banner)).toEqual(['nel chair → nel-chair@escalations.localhost']);
      const put = await fetch(`${first.apiUrl}/api/v1/policies/nel/contacts`, {
        method: 'PUT',
        headers: { Authorization: `Bearer ${ADMIN_KEY}`, 'Content-Type': 'application/json' },
        body: JSON.stringify({ chair: ['chair@nel.example.org'] }),
      });
      expect(put.status).toBe(200);
      await stop();

      const second = await start();
      expect(nelLines(second.banner)).toEqual([]);
      expect(second.banner.join('\n')).toContain('Partnership roles without an address');
      await stop();
    }, 120_000);
  },
);
