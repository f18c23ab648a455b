import { Body, Controller, Get, HttpCode, Inject, Param, Post } from '@nestjs/common';
import {
  calendarOf,
  OutsideCalendarError,
  previewDeadlines,
  readTypedInstant,
  TypedTimeError,
  type PolicyLibrary,
} from '@escalations/domain';
import { ApiError } from '../common/api-error';
import { POLICY_LIBRARY } from '../common/tokens';
import { ZodPipe } from '../common/zod.pipe';
import { unknownPolicy } from '../cases/cases.service';
import { PreviewBodySchema, type PreviewBody } from './policies.dto';

/** The policies in force: pure reads of the policy library. */
@Controller('api/v1')
export class PoliciesController {
  constructor(@Inject(POLICY_LIBRARY) private readonly library: PolicyLibrary) {}

  @Get('policies')
  list() {
    return [...this.library.policies.values()];
  }

  @Get('policies/:id')
  get(@Param('id') id: string) {
    const policy = this.library.policies.get(id);
    if (!policy) throw unknownPolicy(id, this.library);
    return policy;
  }

  @Post('policies/:id/preview')
  @HttpCode(200)
  preview(@Param('id') id: string, @Body(new ZodPipe(PreviewBodySchema)) body: PreviewBody) {
    const policy = this.library.policies.get(id);
    if (!policy) throw unknownPolicy(id, this.library);
    try {
      const calendar = calendarOf(this.library, policy);
      return previewDeadlines(
        policy,
        calendar,
        readTypedInstant(body.raisedAt, calendar.zone),
        body.startStage,
      ).map((stage) => ({
        stage: stage.stage,
        title: stage.title,
        whoActs: stage.whoActs,
        startsAt: stage.startsAt?.toISOString() ?? null,
        startDate: stage.deadline?.startDate ?? null,
        dueDate: stage.deadline?.dueDate ?? null,
        dueAt: stage.deadline?.dueAt.toISOString() ?? null,
        workingDays: stage.deadline?.workingDays ?? null,
        ...(stage.beyondCalendar ? { beyondCalendar: stage.beyondCalendar.message } : {}),
        source: stage.source,
      }));
    } catch (error) {
      if (error instanceof RangeError)
        throw ApiError.badRequest(error.message, [
          {
            field:
              error instanceof OutsideCalendarError || error instanceof TypedTimeError
                ? 'raisedAt'
                : 'startStage',
            message: error.message,
          },
        ]);
      throw error;
    }
  }
}
