import { Body, Controller, HttpCode, Inject, Param, Post } from '@nestjs/common';
import { CaseErasure } from '@escalations/casework';
import type { Caller } from '../auth/authenticated-request';
import { CurrentCaller } from '../auth/current-caller';
import { Roles } from '../auth/roles.decorator';
import { inScope } from '../auth/scope';
import { ApiError } from '../common/api-error';
import { ZodPipe } from '../common/zod.pipe';
import { ErasureBodySchema, type ErasureBody } from './erasure.dto';

/**
 * An administrator erases a case's personal data before its retention period ends (a
 * request for erasure, data sent to the wrong place): the same redaction the daily job makes.
 */
@Controller('api/v1')
export class ErasureController {
  constructor(@Inject(CaseErasure) private readonly erasure: CaseErasure) {}

  @Post('cases/:ref/erasure')
  @Roles('admin')
  @HttpCode(200)
  async erase(
    @Param('ref') ref: string,
    @Body(new ZodPipe(ErasureBodySchema)) body: ErasureBody,
    @CurrentCaller() caller: Caller,
  ) {
    const result = await this.erasure.erase(ref, body.reason, `api-key:${caller.label}`, (policy) =>
      inScope(caller, policy),
    );
    if (result.ok) return { ref: result.ref, erasedAt: result.erasedAt };
    if (result.code === 'already-erased')
      throw ApiError.conflict('already-erased', `case ${ref} has already been erased`);
    if (result.code === 'open')
      throw ApiError.conflict(
        'case-open',
        `case ${ref} is open: close it (resolve or withdraw) before erasing its personal data`,
      );
    throw ApiError.notFound(`case ${ref}`);
  }
}
