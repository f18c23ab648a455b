import { createRequire } from 'node:module';

/**
 * pdfmake (ARCHITECTURE.md, "Decisions"): a document is described as data and laid out with
 * the Roboto it ships, so names in any European script print as written. Its documents may
 * name images by file or URL; ours never do, and the access policies refuse both but for
 * the font files themselves, so no case text can make the service read a file or fetch a URL.
 */
const load = createRequire(__filename);

interface PdfMake {
  setFonts(fonts: unknown): void;
  setUrlAccessPolicy(policy: (url: string) => boolean): void;
  setLocalAccessPolicy(policy: (path: string) => boolean): void;
  createPdf(definition: unknown): { getBuffer(): Promise<Buffer> };
}

export type PdfContent = Record<string, unknown> | string | PdfContent[];

export interface PdfDefinition {
  title: string;
  content: PdfContent[];
}

let ready: PdfMake | null = null;

function pdfmake(): PdfMake {
  if (ready) return ready;
  const make = load('pdfmake') as PdfMake;
  const fonts = load('pdfmake/fonts/Roboto.js') as { Roboto: Record<string, string> };
  const fontFiles = new Set(Object.values(fonts.Roboto));
  make.setFonts(fonts);
  make.setUrlAccessPolicy(() => false);
  make.setLocalAccessPolicy((path) => fontFiles.has(path));
  ready = make;
  return make;
}

/** Strings only ever reach a PDF as text: nothing in a case is read as an instruction. */
export async function renderPdf(definition: PdfDefinition): Promise<Buffer> {
  return pdfmake()
    .createPdf({
      info: { title: definition.title, creator: 'escalations service' },
      pageSize: 'A4',
      pageMargins: [40, 50, 40, 50],
      defaultStyle: { font: 'Roboto', fontSize: 10 },
      styles: {
        title: { fontSize: 16, bold: true, margin: [0, 0, 0, 4] },
        subtitle: { fontSize: 10, color: '#444444', margin: [0, 0, 0, 12] },
        label: { bold: true },
      },
      content: definition.content,
    })
    .getBuffer();
}
