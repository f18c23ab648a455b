import { Inject, Injectable } from '@nestjs/common';
import { chronologyPdf } from '@escalations/casework';
import { MessageRepository, type Database } from '@escalations/db';
import type { PolicyLibrary } from '@escalations/domain';
import type { Caller } from '../auth/authenticated-request';
import { CaseRecordsService } from '../cases/case-records.service';
import { CasesService } from '../cases/cases.service';
import { CLOCK, DATABASE, POLICY_LIBRARY, type Clock } from '../common/tokens';
import { zipArchive, type ZipEntry } from './zip-archive';

/**
 * Everything the service holds on one case, for a subject access request: the case as the
 * API shows it, its audit trail, its chronology (JSON and PDF), its policy's record forms as
 * filled, and every message in and out as the .eml it was.
 */
@Injectable()
export class CaseExportService {
  private readonly messages = new MessageRepository();

  constructor(
    private readonly cases: CasesService,
    private readonly records: CaseRecordsService,
    @Inject(DATABASE) private readonly db: Database,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(POLICY_LIBRARY) private readonly library: PolicyLibrary,
  ) {}

  async export(ref: string, caller: Pick<Caller, 'policies'>) {
    const { id, body: view } = await this.cases.get(ref, caller);
    const { body: events } = await this.cases.events(ref, caller);
    const listed = await this.messages.listForCase(this.db, id);
    const entries: ZipEntry[] = [
      { path: 'case.json', content: json(view) },
      { path: 'events.json', content: json(events) },
    ];
    const { chronology, zone } = await this.records.chronology(view.ref, caller);
    entries.push({ path: 'chronology.json', content: json(chronology) });
    entries.push({ path: 'chronology.pdf', content: await chronologyPdf(chronology, zone) });
    const policy = this.library.policies.get(view.policy);
    for (const form of policy?.recordForms ?? []) {
      const { pdf } = await this.records.formPdf(view.ref, form.id, caller);
      entries.push({ path: `forms/${form.id}.pdf`, content: pdf });
    }
    const width = String(listed.length).length;
    for (const [i, message] of listed.entries()) {
      const row = await this.messages.findById(this.db, message.id);
      if (!row) continue;
      const n = String(i + 1).padStart(width, '0');
      entries.push({ path: `messages/${n}-${message.direction}.eml`, content: row.raw });
    }
    return { ref: view.ref, archive: zipArchive(entries, this.clock()) };
  }
}

function json(value: unknown): Buffer {
  return Buffer.from(`${JSON.stringify(value, null, 2)}\n`, 'utf8');
}
