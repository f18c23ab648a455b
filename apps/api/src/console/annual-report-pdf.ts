import { renderPdf } from '@escalations/casework';

/** What the annual report's PDF prints: the same figures and rows as its page. */
export interface AnnualReportPrint {
  partnership: string;
  year: number;
  figures: [string, string][];
  perStage: [string, string][];
  finalStage: number;
  reached: string[][];
  onTimeDefinition: string;
}

/** The annual report as a PDF, laid out by pdfmake as the chronology is (casework's renderPdf). */
export function annualReportPdf(print: AnnualReportPrint): Promise<Buffer> {
  const table = (head: string[], rows: string[][], widths: (number | string)[]) => ({
    table: {
      headerRows: 1,
      widths,
      body: [head.map((text) => ({ text, style: 'label' })), ...rows],
    },
    margin: [0, 0, 0, 12],
  });
  return renderPdf({
    title: `Escalations in ${print.year}: ${print.partnership}`,
    content: [
      { text: `Escalations in ${print.year}`, style: 'title' },
      { text: print.partnership, style: 'subtitle' },
      table(['Figure', 'Value'], print.figures, ['*', 120]),
      { text: print.onTimeDefinition, fontSize: 8, margin: [0, 0, 0, 12] },
      table(['Stage', 'Resolved'], print.perStage, ['*', 60]),
      {
        text: `Cases that reached stage ${print.finalStage}`,
        style: 'label',
        margin: [0, 0, 0, 4],
      },
      print.reached.length > 0
        ? table(['Case', 'Raised', 'Agencies', 'Category', 'Status', 'Outcome'], print.reached, [
            70,
            55,
            '*',
            60,
            50,
            55,
          ])
        : { text: 'None.' },
    ],
  });
}
