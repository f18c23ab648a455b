import { createTestDatabase, testEngines, type TestDatabase } from '../testing';
import { AgencyRepository } from './agency.repository';

// Every case opened asks the directory for both of its agencies' names; one statement
// answers both, as the two single lookups did: by name or alias, any case, spaces trimmed.
describe.each(testEngines())('agency names from the directory, on %s', (engine) => {
  let database: TestDatabase;
  const agencies = new AgencyRepository();

  beforeAll(async () => {
    database = await createTestDatabase(engine);
    const add = (policyId: string, name: string, aliases: string[], type: string | null) =>
      agencies.insert(database.db, { policyId, name, aliases, type, contacts: [] });
    await add('nel', 'Royal London Hospital', ['RLH', ' Barts Health '], 'health');
    await add('nel', "Children's Services", ['CSC'], 'local-authority');
    await add('south-glos', 'Royal London Hospital', ['RLH'], null);
  }, 180_000);
  afterAll(() => database.destroy());

  it.each([
    ['its name in other capitals', 'royal london hospital', 'Royal London Hospital'],
    ['an alias', 'rlh', 'Royal London Hospital'],
    ['an alias written with spaces around it', '  barts health', 'Royal London Hospital'],
    ['a second agency by alias', 'csc', "Children's Services"],
  ])('finds an agency by %s', async (_, words, name) => {
    const found = await agencies.findByAnyNames(database.db, 'nel', [words, 'Nowhere School']);
    expect(found.get(words)?.name).toBe(name);
    expect(found.has('Nowhere School')).toBe(false);
  });

  it('answers both of a form’s names at once, each as the form wrote it, within its policy', async () => {
    const found = await agencies.findByAnyNames(database.db, 'nel', ['RLH', 'csc']);
    expect(Object.fromEntries(found)).toEqual({
      RLH: { name: 'Royal London Hospital', type: 'health' },
      csc: { name: "Children's Services", type: 'local-authority' },
    });
    const elsewhere = await agencies.findByAnyNames(database.db, 'south-glos', ['csc', 'rlh']);
    expect(Object.fromEntries(elsewhere)).toEqual({
      rlh: { name: 'Royal London Hospital', type: null },
    });
  });

  it('gives the same agency for the same name written twice, and nothing for blanks', async () => {
    const found = await agencies.findByAnyNames(database.db, 'nel', ['RLH', 'RLH', '  ']);
    expect([...found.keys()]).toEqual(['RLH']);
    expect(await agencies.findByAnyName(database.db, 'nel', 'Barts Health')).toEqual({
      name: 'Royal London Hospital',
      type: 'health',
    });
  });
});
