import { addWorkingDays } from '../../calendar/add-working-days';
import { isWorkingDay } from '../../calendar/is-working-day';
import { dayNumberOf, isIsoDate, isoDateOf, type IsoDate } from '../../time/local-date';
import { instantAt, localMomentOf } from '../../time/zoned-time';
import type { CaseChange } from '../case-change';
import { currentStage } from '../case-state';
import { refuse } from '../refusal';

export type ExtensionRequest = { workingDays: number } | { until: IsoDate };

/**
 * EXTEND: an agreed new due date for the current stage. `EXTEND n` adds n working days to
 * the date in force; `EXTEND TO` names the date, which may also be earlier where the child
 * or adult needs it (islands stage 4: "or a timescale necessary to protect the adult at
 * risk or child (whichever is less)"). The original stays on record and the stage's
 * reminder moves with it.
 */
export function extendStage(change: CaseChange, request: ExtensionRequest, reason: string): void {
  const { policy, calendar, now } = change.context;
  const stage = currentStage(change.state);
  if (!stage.dueDate || !stage.dueAt) {
    refuse('no-deadline', `${policy.title} sets no timescales, so there is no due date to extend.`);
  }
  const current = dayNumberOf(stage.dueDate);
  let due: number;
  if ('workingDays' in request) {
    if (!Number.isInteger(request.workingDays) || request.workingDays < 1) {
      refuse(
        'bad-extension',
        `EXTEND needs a whole number of working days from 1, not ${request.workingDays}.`,
      );
    }
    due = addWorkingDays(calendar, current, request.workingDays);
  } else {
    if (!isIsoDate(request.until))
      refuse('bad-extension', `${request.until} is not a date (yyyy-mm-dd).`);
    due = dayNumberOf(request.until);
    // A past date is named as past, not answered with a "next working day" that has passed too.
    if (due < localMomentOf(now, calendar.zone).day) {
      refuse('bad-extension', `${request.until} has already passed; agree a date from today on.`);
    }
    if (!isWorkingDay(calendar, due)) {
      const name = calendar.closedDays.get(due);
      refuse(
        'bad-extension',
        `${request.until} is not a working day${name ? ` (${name})` : ''}; the next working day is ${isoDateOf(addWorkingDays(calendar, due, 1))}.`,
      );
    }
    if (due === current)
      refuse('bad-extension', `${request.until} is already the stage's due date.`);
  }
  const dueAt = instantAt(due, policy.closeOfBusiness, calendar.zone);
  if (dueAt.getTime() <= now.getTime()) {
    refuse('bad-extension', `${isoDateOf(due)} has already passed; agree a date from today on.`);
  }
  const dueDate = isoDateOf(due);
  stage.extensions.push({
    agreedAt: change.now,
    agreedBy: change.actor.id,
    fromDueDate: stage.dueDate,
    dueDate,
    dueAt: dueAt.toISOString(),
    reason,
  });
  change.event('extended', stage.number, {
    fromDueDate: stage.dueDate,
    dueDate,
    dueAt: dueAt.toISOString(),
    reason,
  });
  stage.dueDate = dueDate;
  stage.dueAt = dueAt.toISOString();
  stage.remindedAt = null;
  change.confirm(stage.number, { action: 'extend', dueDate, reason, text: reason });
}
