import { CalendarFileSchema } from '../calendar/calendar.schema';
import { buildWorkingDayCalendar, type WorkingDayCalendar } from '../calendar/working-day-calendar';
import {
  InvalidFileError,
  parsePolicy,
  parseYamlFile,
  type FileProblem,
} from '../policy/parse-policy';
import type { PolicyFile } from '../policy/policy.schema';

export interface SourceFile {
  /** the path to name in errors, e.g. `policies/nel.yaml` */
  name: string;
  text: string;
}

/** The policies a deployment runs, each with the working-day calendar it counts in. */
export interface PolicyLibrary {
  policies: ReadonlyMap<string, PolicyFile>;
  calendars: ReadonlyMap<string, WorkingDayCalendar>;
}

/**
 * Parse and cross-check every policy and calendar file. Every problem in every file is
 * collected before failing, so one start-up shows everything that needs fixing.
 */
export function buildPolicyLibrary(
  policyFiles: SourceFile[],
  calendarFiles: SourceFile[],
): PolicyLibrary {
  const problems: FileProblem[] = [];
  const collect = <T>(parse: () => T): T | undefined => {
    try {
      return parse();
    } catch (error) {
      if (error instanceof InvalidFileError) {
        problems.push(...error.problems);
        return undefined;
      }
      throw error;
    }
  };

  const calendars = new Map<string, WorkingDayCalendar>();
  for (const file of calendarFiles) {
    const calendar = collect(() => parseYamlFile(CalendarFileSchema, file.text, file.name));
    if (!calendar) continue;
    if (`${calendar.id}.yaml` !== baseName(file.name)) {
      problems.push({
        file: file.name,
        path: 'id',
        message: `the id "${calendar.id}" must match the file name`,
      });
    }
    calendars.set(calendar.id, buildWorkingDayCalendar(calendar));
  }

  const policies = new Map<string, PolicyFile>();
  for (const file of policyFiles) {
    const policy = collect(() => parsePolicy(file.text, file.name));
    if (!policy) continue;
    if (`${policy.id}.yaml` !== baseName(file.name)) {
      problems.push({
        file: file.name,
        path: 'id',
        message: `the id "${policy.id}" must match the file name`,
      });
    }
    if (!calendars.has(policy.calendar)) {
      problems.push({
        file: file.name,
        path: 'calendar',
        message: `no calendar "${policy.calendar}" (known: ${[...calendars.keys()].join(', ') || 'none'})`,
      });
    }
    (policy.calendars ?? []).forEach((allowed, i) => {
      if (!calendars.has(allowed.id))
        problems.push({
          file: file.name,
          path: `calendars[${i}].id`,
          message: `no calendar "${allowed.id}" (known: ${[...calendars.keys()].join(', ') || 'none'})`,
        });
    });
    const clash = [...policies.values()].find((other) => other.code === policy.code);
    if (clash) {
      problems.push({
        file: file.name,
        path: 'code',
        message: `${policy.code} is already the code of ${clash.id}`,
      });
    }
    policies.set(policy.id, policy);
  }
  if (policyFiles.length === 0)
    problems.push({ file: '(policies)', path: '', message: 'no policy files found' });
  if (problems.length > 0) throw new InvalidFileError(problems);
  return { policies, calendars };
}

function baseName(path: string): string {
  return path.split(/[\\/]/).at(-1) ?? path;
}

/**
 * The calendar a policy counts its working days in: `calendarId` where the policy allows it
 * (a case's own calendar), else the policy's default.
 */
export function calendarOf(
  library: PolicyLibrary,
  policy: PolicyFile,
  calendarId?: string | null,
): WorkingDayCalendar {
  const id =
    calendarId && allowedCalendars(policy).includes(calendarId) ? calendarId : policy.calendar;
  const calendar = library.calendars.get(id);
  if (!calendar) throw new Error(`policy ${policy.id} refers to unknown calendar ${id}`);
  return calendar;
}

/** The ids of the calendars a policy's cases may count in, the default first. */
export function allowedCalendars(policy: PolicyFile): string[] {
  return policy.calendars?.map((calendar) => calendar.id) ?? [policy.calendar];
}

/** The calendars a policy allows, with their titles, for the escalation form. */
export function calendarChoices(
  library: PolicyLibrary,
  policy: PolicyFile,
): { id: string; title: string }[] {
  return allowedCalendars(policy).map((id) => ({
    id,
    title: library.calendars.get(id)?.title ?? id,
  }));
}
