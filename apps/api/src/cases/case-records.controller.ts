import { Controller, Get, Param, StreamableFile } from '@nestjs/common';
import { caseData, ReadsCaseData } from '../access-log/reads-case-data';
import type { Caller } from '../auth/authenticated-request';
import { CurrentCaller } from '../auth/current-caller';
import { CaseRecordsService } from './case-records.service';

/**
 * The records a policy asks for, on demand (issue 11): the case's chronology as UK
 * safeguarding chronologies are kept, and its record forms as the partnership lays them out.
 */
@Controller('api/v1')
export class CaseRecordsController {
  constructor(private readonly records: CaseRecordsService) {}

  @Get('cases/:ref/chronology')
  @ReadsCaseData()
  async chronology(@Param('ref') ref: string, @CurrentCaller() caller: Caller) {
    const { ref: found, chronology } = await this.records.chronology(ref, caller);
    return caseData([found], chronology);
  }

  @Get('cases/:ref/chronology.pdf')
  @ReadsCaseData()
  async chronologyPdf(@Param('ref') ref: string, @CurrentCaller() caller: Caller) {
    const { ref: found, pdf } = await this.records.chronologyPdf(ref, caller);
    return caseData(
      [found],
      new StreamableFile(pdf, {
        type: 'application/pdf',
        disposition: `inline; filename="${found}-chronology.pdf"`,
      }),
    );
  }

  @Get('cases/:ref/records/:formId.pdf')
  @ReadsCaseData()
  async form(
    @Param('ref') ref: string,
    @Param('formId') formId: string,
    @CurrentCaller() caller: Caller,
  ) {
    const { ref: found, pdf, id } = await this.records.formPdf(ref, formId, caller);
    return caseData(
      [found],
      new StreamableFile(pdf, {
        type: 'application/pdf',
        disposition: `inline; filename="${found}-${id}.pdf"`,
      }),
    );
  }
}
