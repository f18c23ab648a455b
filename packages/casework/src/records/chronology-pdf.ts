import type { Chronology } from '@escalations/domain';
import { renderPdf } from './pdf-document';

/** `14/12/2026 15:04` in the case's zone: how a chronology dates its entries. */
export function chronologyTime(instant: string, zone: string): string {
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone: zone,
    day: '2-digit',
    month: '2-digit',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).format(new Date(instant));
  return parts.replace(',', '');
}

/** The chronology as UK safeguarding chronologies are kept: a dated table, oldest first. */
export async function chronologyPdf(
  chronology: Chronology,
  zone: string,
  account?: string,
): Promise<Buffer> {
  const header = ['Date and time', 'Who', 'What', 'Stage (due)'].map((text) => ({
    text,
    style: 'label',
  }));
  const rows = chronology.entries.map((entry) => [
    chronologyTime(entry.at, zone),
    entry.who,
    entry.what,
    entry.stage === null
      ? ''
      : `${entry.stage}${entry.stageDueDate ? ` (${entry.stageDueDate})` : ''}`,
  ]);
  return renderPdf({
    title: `Chronology ${chronology.ref}`,
    content: [
      { text: `Chronology of ${chronology.ref}`, style: 'title' },
      {
        text: `${chronology.policyTitle}, ${chronology.partnership}\nCase: ${chronology.caseName}\nStatus: ${chronology.status}`,
        style: 'subtitle',
      },
      ...(account ? [{ text: account, margin: [0, 0, 0, 12] }] : []),
      {
        table: { headerRows: 1, widths: [70, 90, '*', 50], body: [header, ...rows] },
        fontSize: 8,
      },
    ],
  });
}
