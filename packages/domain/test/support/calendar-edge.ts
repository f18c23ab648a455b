import { OutsideCalendarError } from '../../src/calendar/working-day-calendar';
import type { WorkingDayCalendar } from '../../src/calendar/working-day-calendar';
import { previewDeadlines } from '../../src/deadline/preview-deadlines';
import type { PolicyFile } from '../../src/policy/policy.schema';

/**
 * A preview at either edge of a calendar (issue 12, item 2): before its first year it is
 * refused naming the calendar's file; past its last, the stages inside keep their December
 * 2030 dates and those beyond say which year's holidays to add.
 */
export function expectPreviewAtCalendarEdge(
  policy: PolicyFile,
  calendar: WorkingDayCalendar,
  calendarId: string,
  raisedAt: string,
): void {
  const at = new Date(raisedAt);
  if (at.getUTCFullYear() < 2018) {
    expect(() => previewDeadlines(policy, calendar, at)).toThrow(OutsideCalendarError);
    expect(() => previewDeadlines(policy, calendar, at)).toThrow(
      `policies/calendars/${calendarId}.yaml`,
    );
    return;
  }
  const previews = previewDeadlines(policy, calendar, at);
  const inside = previews.filter((p) => !p.beyondCalendar);
  const beyond = previews.filter((p) => p.beyondCalendar);
  expect(beyond.length).toBeGreaterThan(0);
  expect(previews).toEqual([...inside, ...beyond]);
  for (const p of inside) expect(p.deadline?.dueDate).toMatch(/^2030-12-/);
  for (const p of beyond) {
    expect(p.deadline).toBeNull();
    expect(p.beyondCalendar).toEqual({
      calendar: calendarId,
      year: 2031,
      message: `beyond the ${calendarId} calendar: add 2031's holidays`,
    });
  }
}
