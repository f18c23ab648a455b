import { formatTable, type PolicyLibrary } from '@escalations/domain';
import { describeKind } from './deadlines.command';

/** `npm run policies`: each policy in force and the timescale of each stage. */
export function showPoliciesCommand(library: PolicyLibrary): string {
  const sections = [...library.policies.values()].map((policy) => {
    const calendar = library.calendars.get(policy.calendar);
    const rows = policy.stages.map((stage) => [
      stage.number,
      stage.title,
      stage.deadline ? stage.deadline.workingDays : '-',
      stage.notices.map((notice) => `${notice.on} → ${notice.to}`).join('; ') || '-',
    ]);
    const limit = policy.overallLimit
      ? `; overall limit ${policy.overallLimit.workingDays} working days`
      : '';
    return [
      `${policy.id}: ${policy.title}`,
      `  ${policy.partnership}; ${policy.serves.join(' and ')}; calendar ${calendar?.title ?? policy.calendar}`,
      `  timescale: ${describeKind(policy.timescale.kind)}${limit}; on breach: ${policy.breach.rule}`,
      '',
      formatTable(['stage', 'title', 'working days', 'notices'], rows),
    ].join('\n');
  });
  return `${library.policies.size} policies in force\n\n${sections.join('\n\n')}`;
}
