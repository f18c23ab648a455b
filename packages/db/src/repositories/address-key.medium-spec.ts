import { createTestDatabase, testEngines, type TestDatabase } from '../testing';
import { AgencyRepository } from './agency.repository';
import { ParticipantRepository } from './participant.repository';
import { PartnershipContactRepository } from './partnership-contact.repository';
import { SenderAnswerRepository } from './sender-answer.repository';

// An address as a header or a form may give it: spaces, angle brackets, capitals. The
// repositories store and look it up by the domain's addressKey, as the rest of the service does.
const AS_WRITTEN = '  <Jane.Smith@Council.GOV.uk> ';
const KEY = 'jane.smith@council.gov.uk';

describe.each(testEngines())('addresses stored by their key on %s', (engine) => {
  let database: TestDatabase;

  beforeAll(async () => {
    database = await createTestDatabase(engine);
  }, 60_000);
  afterAll(() => database.destroy());

  it("counts the answers sent to a sender whichever way the sender's address was written", async () => {
    const answers = new SenderAnswerRepository();
    const at = new Date('2026-03-02T09:00:00Z');
    await answers.record(database.db, AS_WRITTEN, at);
    expect(await answers.since(database.db, KEY, at)).toHaveLength(1);
    expect(await answers.since(database.db, 'JANE.SMITH@council.gov.uk', at)).toHaveLength(1);
  });

  it("keeps a partnership role's addresses by their key", async () => {
    const contacts = new PartnershipContactRepository();
    await contacts.replace(database.db, 'nel', { chair: [AS_WRITTEN] }, new Date());
    expect((await contacts.all(database.db)).nel).toEqual({ chair: [KEY] });
  });

  it("keeps an agency's contacts by their key, once per stage, and finds their agency by it", async () => {
    const agencies = new AgencyRepository();
    const id = await agencies.insert(database.db, {
      policyId: 'nel',
      name: 'Council',
      aliases: [],
      type: null,
      contacts: [
        { email: AS_WRITTEN, stage: 1 },
        { email: KEY, stage: 1 },
      ],
    });
    expect((await agencies.findById(database.db, id))!.contacts).toEqual([
      expect.objectContaining({ email: KEY, stage: 1 }),
    ]);
    const participants = new ParticipantRepository();
    expect(
      await participants.agenciesOfDirectoryContact(database.db, 'nel', ['Council'], AS_WRITTEN),
    ).toEqual(['Council']);
  });
});
