import { rmSync } from 'node:fs';
import { asc, sql } from 'drizzle-orm';
import { MIGRATIONS_FOLDER } from './open-database';
import { participants } from './schema';
import { testEngines } from './testing';
import { blankDatabase, migrateFrom, migrationsBefore } from './testing/earlier-migrations';

const CASE = '00000000-0000-4000-8000-0000000000c1';

describe.each(testEngines())('migration 0007 (sides of a disagreement) on %s', (engine) => {
  it("gives the people already on a case their sides: by role, by a contact's agency, and a next contact the side of whoever named them", async () => {
    const { handle, destroy } = await blankDatabase(engine);
    const before = migrationsBefore('0007_agreement-sides');
    try {
      await migrateFrom(handle, before);
      await handle.db.execute(sql`
        insert into cases (id, ref, policy_id, status, version, raised_at, case_name, agency,
            other_agency, disagreement, category, risk, current_stage)
          values (${CASE}, 'NEL-2026-0001', 'nel', 'open', 3, now(), 'Child A',
            'Grange School', 'Childrens Services', 'x', 'other', 'standard', 2)
      `);
      const people: [string, string, string | null][] = [
        ['raiser@school.example', 'raiser', 'Grange School'],
        ['manager@school.example', 'manager', 'Grange School'],
        ['other@council.example', 'other-practitioner', 'Childrens Services'],
        ['copied@school.example', 'copied', null],
        ['head@school.example', 'contact', 'Grange School'],
        ['duty@council.example', 'contact', 'Childrens Services'],
        ['staff@partnership.example', 'contact', null],
        ['named-by-manager@school.example', 'next-contact', null],
        ['named-by-other@council.example', 'next-contact', null],
      ];
      for (const [position, [email, role, agency]] of people.entries()) {
        await handle.db.execute(sql`
          insert into participants (case_id, email, role, agency, joined_at_stage, position)
            values (${CASE}, ${email}, ${role}, ${agency}, 1, ${position})
        `);
      }
      const named: [string, string][] = [
        ['named-by-manager@school.example', 'Manager@School.example'],
        ['named-by-other@council.example', 'other@council.example'],
      ];
      for (const [seq, [email, actor]] of named.entries()) {
        await handle.db.execute(sql`
          insert into events (case_id, seq, type, at, stage, actor, verified, data)
            values (${CASE}, ${seq + 1}, 'participant-added', now(), 2, ${actor}, true,
              ${JSON.stringify({ email, role: 'next-contact' })}::jsonb)
        `);
      }
      await migrateFrom(handle, MIGRATIONS_FOLDER);
      const rows = await handle.db
        .select({ email: participants.email, side: participants.side })
        .from(participants)
        .orderBy(asc(participants.position));
      expect(rows.map((row) => [row.email, row.side])).toEqual([
        ['raiser@school.example', 'raising'],
        ['manager@school.example', 'raising'],
        ['other@council.example', 'other'],
        ['copied@school.example', null],
        ['head@school.example', 'raising'],
        ['duty@council.example', 'other'],
        ['staff@partnership.example', null],
        ['named-by-manager@school.example', 'raising'],
        ['named-by-other@council.example', 'other'],
      ]);
    } finally {
      rmSync(before, { recursive: true, force: true });
      await destroy();
    }
  });
});
