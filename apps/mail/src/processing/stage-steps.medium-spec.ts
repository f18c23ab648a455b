import { CaseRepository, EventRepository, partnershipContacts } from '@escalations/db';
import { testEngines } from '@escalations/db/testing';
import { startMailHarness, type MailHarness } from '../testing/mail-harness';
import {
  oneLine,
  raiseByEmail,
  sampleEscalationForm,
  type RaisedCase,
} from '../testing/sample-case';

/*
 * Issue 11, item 6, over SMTP. NEL stage 5: "The Chair will make a recommendation of the most
 * appropriate way to proceed within 5 days of the notification", read as 5 working days. The
 * case enters stage 5 on Tue 24 Nov 2026 10:00 GMT (the harness's clock), so the
 * recommendation is due Wed 25 (1), Thu 26 (2), Fri 27 (3), Mon 30 (4), Tue 1 Dec (5). The
 * notification to the Business Manager and the confirmation to the participants say so;
 * RECOMMEND from the Chair records it, and is refused from either side of the disagreement.
 */

const ASHA = 'asha.patel@school.example.org';
const DAN = 'dan.reed@school.example.org';
const SAM = 'sam.cole@council.example.gov.uk';
const BUSINESS_MANAGER = 'business.manager@nelscp.example.org';
const CHAIR = 'chair@nelscp.example.org';
const RECOMMENDATION = "The Chair's recommendation of the most appropriate way to proceed";

describe.each(testEngines())(
  "the Chair's recommendation at NEL stage 5, over SMTP on %s",
  (engine) => {
    let mail: MailHarness;
    let raised: RaisedCase;

    beforeEach(async () => {
      mail = await startMailHarness(engine);
      await mail.database.db.insert(partnershipContacts).values([
        { policyId: 'nel', role: 'businessManager', addresses: [BUSINESS_MANAGER] },
        { policyId: 'nel', role: 'chair', addresses: [CHAIR] },
      ]);
      raised = await raiseByEmail(mail, {
        raiser: `Asha Patel <${ASHA}>`,
        mailbox: 'nel@escalations.localhost',
        form: sampleEscalationForm(),
        idPrefix: 'steps',
      });
      for (let stage = 1; stage < 5; stage++)
        await raised.reply(ASHA, `ESCALATE\nStill no agreement at stage ${stage}.`);
    }, 120_000);
    afterEach(() => mail.close());

    const stored = async () =>
      (await new CaseRepository().findByRef(mail.database.db, raised.ref))!;
    const lastTo = (address: string) => oneLine(mail.world.inbox(address).at(-1)!.parsed.text);

    it('is due on its own date, told to the Business Manager and to everyone on the case', async () => {
      const { state } = await stored();
      expect(state.stages.at(-1)!.steps).toMatchObject([
        { id: 'chair-recommendation', dueDate: '2026-12-01', completedAt: null },
      ]);
      const notification = mail.world
        .inbox(BUSINESS_MANAGER)
        .find((m) => (m.parsed.subject ?? '').includes('stage 5 notification'))!;
      expect(oneLine(notification.parsed.text)).toContain(
        `${RECOMMENDATION}: due by close of business on Tuesday 1 December 2026.`,
      );
      for (const person of [ASHA, DAN, SAM]) {
        const text = lastTo(person);
        expect(text).toContain('Now at stage 5');
        expect(text).toContain(
          `${RECOMMENDATION}: due by close of business on Tuesday 1 December 2026.`,
        );
        expect(text).toContain('DECISION, RECOMMEND)');
      }
    });

    it('RECOMMEND from the Chair records it, told to everyone; from a side of the disagreement it is refused', async () => {
      await raised.reply(ASHA, 'RECOMMEND\nThe assessment should go ahead.');
      expect(lastTo(ASHA)).toContain('RECOMMEND records the Chair');
      expect((await stored()).state.stages.at(-1)!.steps![0]!.completedAt).toBeNull();

      await raised.reply(
        CHAIR,
        'RECOMMEND\nConvene a resolution panel with both heads of service.',
      );
      const record = await stored();
      expect(record.state.stages.at(-1)!.steps![0]).toMatchObject({
        endedBy: 'reply',
        completedAt: '2026-11-24T10:00:00.000Z',
        checkAt: null,
      });
      expect(record.state.status).toBe('open');
      const events = await new EventRepository().listForCase(mail.database.db, record.id);
      expect(events.filter((e) => e.type === 'step-done').map((e) => [e.actor, e.data])).toEqual([
        [
          CHAIR,
          {
            step: 'chair-recommendation',
            title: RECOMMENDATION,
            text: 'Convene a resolution panel with both heads of service.',
            dueDate: '2026-12-01',
            late: false,
          },
        ],
      ]);
      for (const person of [ASHA, DAN, SAM, CHAIR]) {
        const confirmation = mail.world.inbox(person).at(-1)!;
        expect(confirmation.parsed.subject).toContain(`[${raised.ref}] Recommendation recorded`);
        const text = oneLine(confirmation.parsed.text);
        expect(text).toContain(
          'Recommendation: Convene a resolution panel with both heads of service.',
        );
        expect(text).toContain(
          `${RECOMMENDATION}, due by close of business on Tuesday 1 December 2026: recorded.`,
        );
        // nothing more is waited for: RECOMMEND is no longer offered
        expect(text).not.toContain('DECISION, RECOMMEND)');
      }
    });
  },
);
