import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { memoryLog } from '@escalations/db/testing';
import { ServiceConfigSchema } from '../config/service-config';
import { bootService } from './boot-service';

/** Issue 12, item 2: from 12 months before a calendar in use ends, start-up warns. */
describe('bootService and calendars that run out (PGlite in a temporary folder)', () => {
  let dataDir: string;
  beforeEach(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'boot-'));
  });
  afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

  async function warningsAt(now: string) {
    const { log, entries } = memoryLog('api');
    const config = ServiceConfigSchema.parse({ DATA_DIR: dataDir });
    const foundation = await bootService(config, log, new Date(now));
    await foundation.database.close();
    return entries().filter((entry) => entry.level === 'warn');
  }

  it('says nothing more than 12 months ahead', async () => {
    expect(await warningsAt('2029-12-30T12:00:00Z')).toEqual([]);
  }, 60_000);

  it('warns once per calendar in use, naming it, its last day and the days left', async () => {
    const event = { event: 'calendar.running-out', lastDay: '2030-12-31', daysLeft: 305 };
    expect(await warningsAt('2030-03-01T12:00:00Z')).toEqual([
      expect.objectContaining({ ...event, calendar: 'alderney' }),
      expect.objectContaining({ ...event, calendar: 'england-and-wales' }),
      expect.objectContaining({ ...event, calendar: 'guernsey' }),
    ]);
  }, 60_000);
});
