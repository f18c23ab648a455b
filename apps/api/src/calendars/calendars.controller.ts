import { Controller, Get, HttpCode, HttpStatus, Inject, Param, Post, Query } from '@nestjs/common';
import type { Caller } from '../auth/authenticated-request';
import { CurrentCaller } from '../auth/current-caller';
import { isOperator } from '../auth/scope';
import { reloadCalendar } from '@escalations/domain/files';
import {
  closedDaysBetween,
  dayNumberOf,
  listWorkingDays,
  HolidayFileError,
  InvalidFileError,
  isoDateOf,
  OutsideCalendarError,
  type PolicyLibrary,
} from '@escalations/domain';
import { Roles } from '../auth/roles.decorator';
import { CalendarChangesService } from '../scheduler/calendar-changes.service';
import { ApiError } from '../common/api-error';
import { POLICIES_DIR, POLICY_LIBRARY } from '../common/tokens';
import { ZodPipe } from '../common/zod.pipe';
import { WorkingDaysQuerySchema, type WorkingDaysQuery } from './calendars.dto';

/** The working-day calendars the deadlines are counted in. */
@Controller('api/v1')
export class CalendarsController {
  constructor(
    @Inject(POLICY_LIBRARY) private readonly library: PolicyLibrary,
    @Inject(POLICIES_DIR) private readonly policiesDir: string,
    private readonly calendarChanges: CalendarChangesService,
  ) {}

  /**
   * Read `policies/calendars/<id>.yaml` again (after `npm run calendars -- import`, or an
   * edit adding a closure day): the service counts with it from now on, and the open stages
   * not yet due that depend on it get their dates again, each change an event on its case
   * told to its participants. A file with problems changes nothing and says what is wrong.
   */
  @Post('calendars/:id/reload')
  @Roles('admin')
  @HttpCode(200)
  async reload(@Param('id') id: string, @CurrentCaller() caller: Caller) {
    // A calendar counts for every partnership in it: the operator's alone.
    if (!isOperator(caller))
      throw new ApiError(
        HttpStatus.FORBIDDEN,
        'forbidden',
        "a calendar counts for every partnership in it: reloading it needs the operator's admin key (*)",
      );
    if (!this.library.calendars.has(id))
      throw ApiError.notFound(
        `calendar "${id}" (the calendars are ${[...this.library.calendars.keys()].join(', ')})`,
      );
    let loaded;
    try {
      loaded = reloadCalendar(this.library, this.policiesDir, id);
    } catch (error) {
      if (error instanceof InvalidFileError || error instanceof HolidayFileError)
        throw ApiError.badRequest(error.message);
      throw error;
    }
    const report = await this.calendarChanges.takeUpReload(id);
    return {
      calendar: id,
      firstDay: isoDateOf(loaded.after.firstDay),
      lastDay: isoDateOf(loaded.after.lastDay),
      previousLastDay: loaded.before ? isoDateOf(loaded.before.lastDay) : null,
      casesChanged: report.changed,
      casesFailed: report.failed,
    };
  }

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
