import { eq } from 'drizzle-orm';
import { loggableError, loggableFrames } from './loggable-error';
import { cases } from './schema';
import { createTestDatabase, testEngines, type TestDatabase } from './testing';

const CHILD = 'Zebedee Quill-Marchbanks';
const WORDS = 'disclosed at school on Tuesday';

const aCase = (ref: string) => ({
  ref,
  policyId: 'nel',
  status: 'open' as const,
  version: 1,
  raisedAt: new Date('2026-12-01T10:00:00Z'),
  caseName: CHILD,
  agency: 'Riverside Primary School',
  otherAgency: "Children's Services",
  disagreement: WORDS,
  category: 'other',
  risk: 'standard' as const,
  currentStage: 1,
});

/** The drivers' own error classes: PGlite's is minified, so it is named for what it is. */
const DRIVER_ERROR = { pglite: 'DatabaseError', postgres: 'PostgresError' };

async function failure(run: () => Promise<unknown>): Promise<Error> {
  const outcome: unknown = await run().then(
    () => new Error('the query was expected to fail'),
    (error: unknown) => error,
  );
  if (!(outcome instanceof Error)) throw new Error('not an Error');
  return outcome;
}

describe.each(testEngines())('a failed query in a log line, on %s', (engine) => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase(engine);
    await database.db.insert(cases).values(aCase('NEL-2026-0001'));
  }, 60_000);
  afterAll(() => database.destroy());

  it('names the statement, the code and the constraint, never the parameters', async () => {
    const error = await failure(() => database.db.insert(cases).values(aCase('NEL-2026-0001')));
    // what would have been logged before: the driver's message repeats the parameters
    expect(error.message).toContain(CHILD);
    expect(`${error.stack}`).toContain(WORDS);

    const line = loggableError(error);
    expect(line).not.toContain(CHILD);
    expect(line).not.toContain(WORDS);
    expect(line).not.toContain('NEL-2026-0001');
    expect(line).toBe(
      `DrizzleQueryError (insert into "cases") ← ${DRIVER_ERROR[engine]} 23505 constraint=cases_ref_unique table=cases`,
    );
    expect(loggableFrames(error)).not.toContain(CHILD);
  });

  it('leaves out the value a database message quotes', async () => {
    const error = await failure(() => database.db.select().from(cases).where(eq(cases.id, CHILD)));
    const cause = error.cause as Error;
    expect(cause.message).toContain(CHILD);
    const line = loggableError(error);
    expect(line).not.toContain(CHILD);
    expect(line).toBe(`DrizzleQueryError (select "cases") ← ${DRIVER_ERROR[engine]} 22P02`);
  });
});

describe('any other error in a log line', () => {
  it('keeps the kind and the codes, drops the message', () => {
    const refused = Object.assign(new Error(`550 <asha.patel@school.example.org> no such user`), {
      code: 'EENVELOPE',
      responseCode: 550,
    });
    expect(loggableError(refused)).toBe('Error EENVELOPE 550');
    expect(loggableError(new TypeError(`${CHILD} is not a function`))).toBe('TypeError');
    expect(loggableError(`${CHILD}`)).toBe('error');
    expect(loggableError({ message: CHILD })).toBe('non-error object');
    const wrapped = new Error('outer', { cause: Object.assign(new Error(CHILD), { code: 'X1' }) });
    expect(loggableError(wrapped)).toBe('Error ← Error X1');
  });
});
