/** The words the console uses for the domain's codes: the policies' and plain English. */
export const STATUS_TEXT: Readonly<Record<string, string>> = {
  open: 'Open',
  resolved: 'Resolved',
  withdrawn: 'Withdrawn',
  decided: 'Decided',
};

export function outcomeText(outcome: string | null): string {
  return outcome ? outcome.charAt(0).toUpperCase() + outcome.slice(1).replaceAll('-', ' ') : '';
}

/** "Tue 24 Nov 2026, 10:00" in the case calendar's zone: the time the people on it kept. */
export function dateTimeIn(instant: string, zone: string): string {
  return new Intl.DateTimeFormat('en-GB', {
    timeZone: zone,
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
  }).format(new Date(instant));
}
