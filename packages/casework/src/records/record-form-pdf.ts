import type { FilledForm } from '@escalations/domain';
import { renderPdf } from './pdf-document';

/** `[X] chosen   [ ] other`: ticked boxes that read the same in print and in pdftotext. */
export function choiceLine(choices: readonly string[], chosen: string | null): string {
  return choices.map((choice) => `${choice === chosen ? '[X]' : '[ ]'} ${choice}`).join('    ');
}

/**
 * The partnership's form, laid out as the document prints it: its title, the case
 * reference as the form's ID, then each field in the document's order with its value, the
 * choices with the chosen one marked, and the required fields still empty named at the end.
 */
export async function recordFormPdf(form: FilledForm): Promise<Buffer> {
  const rows = form.fields.map((field) => [
    { text: field.label + (field.required ? ' *' : ''), style: 'label' },
    field.choices
      ? choiceLine(field.choices, field.value)
      : { text: field.value ?? '', color: field.value ? '#000000' : '#888888' },
  ]);
  return renderPdf({
    title: `${form.title} ${form.ref}`,
    content: [
      { text: form.title, style: 'title' },
      { text: `${form.partnership}\nForm ID: ${form.ref}`, style: 'subtitle' },
      {
        table: { widths: ['38%', '*'], body: rows, dontBreakRows: true },
        layout: { hLineColor: '#999999', vLineColor: '#999999' },
      },
      form.missing.length > 0
        ? {
            text: ['Required fields still empty: ', form.missing.join('; ')],
            margin: [0, 12, 0, 0],
          }
        : { text: 'Every required field (*) is filled in.', margin: [0, 12, 0, 0] },
    ],
  });
}

export function recordFormFilename(form: FilledForm): string {
  return `${form.ref}-${form.id}.pdf`;
}
