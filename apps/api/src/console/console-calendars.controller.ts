import { Controller, Get, Inject, Query, Res, UseFilters, UseGuards } from '@nestjs/common';
import type { Response } from 'express';
import {
  allowedCalendars,
  calendarsRunningOut,
  closedDaysBetween,
  dayNumberOfParts,
  isoDateOf,
  listWorkingDays,
  localMomentOf,
  type PolicyLibrary,
  MONTH_NAMES,
} from '@escalations/domain';
import { Public } from '../auth/roles.decorator';
import { inScope } from '../auth/scope';
import { CLOCK, POLICY_LIBRARY, type Clock } from '../common/tokens';
import { ConsoleErrorFilter } from './console-error.filter';
import { CurrentSession } from './console-request';
import { ConsoleSessionGuard } from './console-session.guard';
import type { ConsoleSession } from './console-session.service';
import { renderPage } from './page';

/**
 * The calendars of the partnerships in scope, read from the library the deadlines are
 * counted with (as GET /api/v1/calendars/:id/working-days reads it): a year's working days
 * and closed days, and the warning a year before a calendar runs out.
 */
@Controller('console/calendars')
@Public()
@UseGuards(ConsoleSessionGuard)
@UseFilters(ConsoleErrorFilter)
export class ConsoleCalendarsController {
  constructor(
    @Inject(POLICY_LIBRARY) private readonly library: PolicyLibrary,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Get()
  page(
    @CurrentSession() session: ConsoleSession,
    @Res() response: Response,
    @Query('calendar') calendarId?: string,
    @Query('year') yearText?: string,
  ): void {
    const policies = [...this.library.policies.values()].filter((p) =>
      inScope(session.caller, p.id),
    );
    const usedBy = new Map<string, string[]>();
    for (const policy of policies)
      for (const id of allowedCalendars(policy))
        usedBy.set(id, [...(usedBy.get(id) ?? []), policy.partnership]);
    const ids = [...usedBy.keys()].sort();
    const now = this.clock();
    const selected = this.library.calendars.get(
      calendarId && usedBy.has(calendarId) ? calendarId : (ids[0] ?? ''),
    );
    const today = selected ? localMomentOf(now, selected.zone).day : 0;
    const thisYear = Number(isoDateOf(today).slice(0, 4));
    const firstYear = selected ? Number(isoDateOf(selected.firstDay).slice(0, 4)) : thisYear;
    const lastYear = selected ? Number(isoDateOf(selected.lastDay).slice(0, 4)) : thisYear;
    const asked = Number(yearText);
    const year =
      Number.isInteger(asked) && asked >= firstYear && asked <= lastYear
        ? asked
        : Math.min(Math.max(thisYear, firstYear), lastYear);
    const clip = (day: number) =>
      selected ? Math.min(Math.max(day, selected.firstDay), selected.lastDay) : day;
    response.send(
      renderPage(
        response,
        'calendars.njk',
        {
          title: 'Calendars',
          section: 'calendars',
          warnings: calendarsRunningOut(this.library, now)
            .filter((w) => usedBy.has(w.calendar))
            .map((w) => w.message.charAt(0).toUpperCase() + w.message.slice(1) + '.'),
          calendarRows: ids.map((id) => {
            const calendar = this.library.calendars.get(id)!;
            return [
              {
                html: `<a class="govuk-link" href="/console/calendars?calendar=${encodeURIComponent(id)}">${escapeHtml(calendar.title)}</a>`,
              },
              { text: usedBy.get(id)!.join('; ') },
              { text: calendar.zone },
              { text: isoDateOf(calendar.firstDay) },
              { text: isoDateOf(calendar.lastDay) },
            ];
          }),
          selected: selected && { id: selected.id, title: selected.title },
          year,
          previousYear: year > firstYear ? year - 1 : null,
          nextYear: year < lastYear ? year + 1 : null,
          months: selected
            ? MONTH_NAMES.map((name, i) => {
                const from = clip(dayNumberOfParts(year, i + 1, 1));
                const to = clip(
                  dayNumberOfParts(i === 11 ? year + 1 : year, i === 11 ? 1 : i + 2, 1) - 1,
                );
                return [
                  { text: name },
                  { text: String(listWorkingDays(selected, from, to).length), format: 'numeric' },
                ];
              })
            : [],
          closed: selected
            ? closedDaysBetween(
                selected,
                clip(dayNumberOfParts(year, 1, 1)),
                clip(dayNumberOfParts(year, 12, 31)),
              ).map((day) => [{ text: day.date }, { text: day.name }])
            : [],
        },
        session,
      ),
    );
  }
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
