import { Controller, Get, Param, StreamableFile } from '@nestjs/common';
import { caseData, ReadsCaseData } from '../access-log/reads-case-data';
import type { Caller } from '../auth/authenticated-request';
import { CurrentCaller } from '../auth/current-caller';
import { Roles } from '../auth/roles.decorator';
import { CaseExportService } from './case-export.service';

@Controller('api/v1')
export class CaseExportController {
  constructor(private readonly exports: CaseExportService) {}

  /** For a subject access request: administrators only, and the read is logged. */
  @Get('cases/:ref/export.zip')
  @Roles('admin')
  @ReadsCaseData()
  async export(@Param('ref') ref: string, @CurrentCaller() caller: Caller) {
    const { ref: found, archive } = await this.exports.export(ref, caller);
    return caseData(
      [found],
      new StreamableFile(archive, {
        type: 'application/zip',
        disposition: `attachment; filename="${found}.zip"`,
      }),
    );
  }
}
