import { Inject, Injectable } from '@nestjs/common';
import { caseChronology, chronologyPdf, recordFormPdf } from '@escalations/casework';
import { CaseRepository, type Database } from '@escalations/db';
import { calendarOf, fillRecordForm, type PolicyLibrary } from '@escalations/domain';
import type { Caller } from '../auth/authenticated-request';
import { assertInScope } from '../auth/scope';
import { ApiError } from '../common/api-error';
import { DATABASE, POLICY_LIBRARY } from '../common/tokens';

/** A case's records on demand: its chronology (JSON and PDF) and its policy's record forms. */
@Injectable()
export class CaseRecordsService {
  private readonly cases = new CaseRepository();

  constructor(
    @Inject(DATABASE) private readonly db: Database,
    @Inject(POLICY_LIBRARY) private readonly library: PolicyLibrary,
  ) {}

  private async load(ref: string, caller: Pick<Caller, 'policies'>) {
    const record = await this.cases.findByRef(this.db, ref);
    const policy = record && this.library.policies.get(record.state.policyId);
    if (!record || !policy) throw ApiError.notFound(`case ${ref}`);
    assertInScope(caller, policy.id, `case ${ref}`);
    const calendar = calendarOf(this.library, policy, record.state.calendarId);
    return { record, policy, calendar };
  }

  async chronology(ref: string, caller: Pick<Caller, 'policies'>) {
    const { record, policy, calendar } = await this.load(ref, caller);
    const chronology = await caseChronology(this.db, record.id, record.state, policy);
    return { ref: record.state.ref, chronology, zone: calendar.zone };
  }

  async chronologyPdf(ref: string, caller: Pick<Caller, 'policies'>) {
    const { ref: found, chronology, zone } = await this.chronology(ref, caller);
    return { ref: found, pdf: await chronologyPdf(chronology, zone) };
  }

  async formPdf(ref: string, formId: string, caller: Pick<Caller, 'policies'>) {
    const { record, policy, calendar } = await this.load(ref, caller);
    const form = policy.recordForms.find((f) => f.id === formId);
    if (!form) {
      const forms = policy.recordForms.map((f) => `${f.id}.pdf`);
      throw ApiError.notFound(
        `record form ${formId}.pdf of ${policy.id}` +
          (forms.length > 0 ? ` (its forms: ${forms.join(', ')})` : ' (it has no record forms)'),
      );
    }
    const filled = fillRecordForm(policy, form, record.state, calendar);
    return { ref: record.state.ref, id: form.id, pdf: await recordFormPdf(filled) };
  }
}
