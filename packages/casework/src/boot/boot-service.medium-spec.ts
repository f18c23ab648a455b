import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ServiceConfigSchema } from '../config/service-config';
import { bootService } from './boot-service';

/** Issue 12, item 2: from 12 months before a calendar in use ends, start-up warns. */
describe('bootService and calendars that run out (PGlite in a temporary folder)', () => {
  let dataDir: string;
  beforeEach(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'boot-'));
  });
  afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

  async function warningsAt(now: string): Promise<string[]> {
    const lines: string[] = [];
    const config = ServiceConfigSchema.parse({ DATA_DIR: dataDir });
    const foundation = await bootService(config, (line) => lines.push(line), new Date(now));
    await foundation.database.close();
    return lines;
  }

  it('says nothing more than 12 months ahead', async () => {
    expect(await warningsAt('2029-12-30T12:00:00Z')).toEqual([]);
  }, 60_000);

  it('warns once per calendar in use, naming it and its last day', async () => {
    expect(await warningsAt('2030-03-01T12:00:00Z')).toEqual([
      expect.stringMatching(/^Warning: the alderney calendar ends on 2030-12-31/),
      expect.stringMatching(
        /^Warning: the england-and-wales calendar ends on 2030-12-31: add 2031's holidays/,
      ),
      expect.stringMatching(/^Warning: the guernsey calendar ends on 2030-12-31/),
    ]);
  }, 60_000);
});
