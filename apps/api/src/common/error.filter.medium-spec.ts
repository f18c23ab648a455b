import { Logger, type LoggerService } from '@nestjs/common';
import { sql } from 'drizzle-orm';
import request from 'supertest';
import { testEngines } from '@escalations/db/testing';
import { startApiHarness, type ApiHarness } from '../testing/api-harness';

const CHILD = 'Zebedee Quill-Marchbanks';
const WORDS = 'the referral was closed although Zebedee disclosed twice';

/** Every line the API's loggers write, at every level. */
function captureLogs(): { lines: string[]; logger: LoggerService } {
  const lines: string[] = [];
  const keep =
    (level: string) =>
    (message: unknown, ...rest: unknown[]) =>
      lines.push([level, message, ...rest].map(String).join(' '));
  return {
    lines,
    logger: {
      log: keep('log'),
      error: keep('error'),
      warn: keep('warn'),
      debug: keep('debug'),
      verbose: keep('verbose'),
      fatal: keep('fatal'),
    },
  };
}

describe.each(testEngines())('an unexpected failure in the API, on %s', (engine) => {
  let api: ApiHarness;
  const captured = captureLogs();
  beforeAll(async () => {
    api = await startApiHarness(engine);
    // A failure the API cannot foresee, with the case's details in the failing query's
    // parameters: the database refuses this one child's name.
    await api.database.db.execute(
      sql.raw(`alter table cases add constraint refuses_one_name check (case_name <> '${CHILD}')`),
    );
    Logger.overrideLogger(captured.logger);
  }, 60_000);
  afterAll(async () => {
    Logger.overrideLogger(false);
    await api.close();
  });

  it('is logged by reference and codes, without the case name or the text sent', async () => {
    const response = await request(api.server)
      .post('/api/v1/cases')
      .set('Authorization', `Bearer ${api.adminKey}`)
      .send({
        policy: 'nel',
        caseName: CHILD,
        agency: 'Riverside Primary School',
        otherAgency: "Children's Services",
        disagreement: WORDS,
        raisedBy: { name: 'Asha Patel', email: 'asha.patel@riverside.example.org' },
      })
      .expect(500);
    const reference = /reference (\w+)\)$/.exec(
      (response.body as { error: { message: string } }).error.message,
    )?.[1];
    expect(reference).toBeDefined();

    const line = captured.lines.find((logged) => logged.includes(`unhandled error ${reference}`));
    expect(line).toMatch(/DrizzleQueryError \(insert into "cases"\) ← \w+ 23514 /);
    expect(line).toContain('constraint=refuses_one_name');
    for (const logged of captured.lines) {
      expect(logged).not.toContain(CHILD);
      expect(logged).not.toContain('disclosed twice');
      expect(logged).not.toContain('asha.patel');
    }
  });
});
