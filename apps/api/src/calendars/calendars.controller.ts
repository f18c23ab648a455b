import { Controller, Get, Inject, Param, Query } from '@nestjs/common';
import {
  closedDaysBetween,
  dayNumberOf,
  listWorkingDays,
  OutsideCalendarError,
  type PolicyLibrary,
} from '@escalations/domain';
import { ApiError } from '../common/api-error';
import { POLICY_LIBRARY } from '../common/tokens';
import { ZodPipe } from '../common/zod.pipe';
import { WorkingDaysQuerySchema, type WorkingDaysQuery } from './calendars.dto';

/** The working-day calendars the deadlines are counted in. */
@Controller('api/v1')
export class CalendarsController {
  constructor(@Inject(POLICY_LIBRARY) private readonly library: PolicyLibrary) {}

  @Get('calendars/:id/working-days')
  workingDays(
    @Param('id') id: string,
    @Query(new ZodPipe(WorkingDaysQuerySchema)) query: WorkingDaysQuery,
  ) {
    const calendar = this.library.calendars.get(id);
    if (!calendar)
      throw ApiError.notFound(
        `calendar "${id}" (the calendars are ${[...this.library.calendars.keys()].join(', ')})`,
      );
    const from = dayNumberOf(query.from);
    const to = dayNumberOf(query.to);
    try {
      const workingDays = listWorkingDays(calendar, from, to);
      return {
        calendar: id,
        zone: calendar.zone,
        from: query.from,
        to: query.to,
        count: workingDays.length,
        workingDays,
        closedDays: closedDaysBetween(calendar, from, to),
      };
    } catch (error) {
      if (error instanceof OutsideCalendarError)
        throw ApiError.badRequest(error.message, [{ field: 'from', message: error.message }]);
      throw error;
    }
  }
}
