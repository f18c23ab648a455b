import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * A PDF's text as pdftotext (poppler-utils) reads it, laid out: what a person or a records
 * system gets from the document. Fails with what to install when pdftotext is missing.
 */
export async function pdfText(pdf: Buffer): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'pdf-text-'));
  try {
    const file = join(dir, 'document.pdf');
    await writeFile(file, pdf);
    return await new Promise<string>((resolve, reject) => {
      execFile('pdftotext', ['-layout', '-enc', 'UTF-8', file, '-'], (error, stdout) => {
        if (error && (error as NodeJS.ErrnoException).code === 'ENOENT') {
          reject(
            new Error(
              'pdftotext is not installed: the tests that read PDFs need poppler-utils (bash packages/casework/scripts/install-poppler.sh, or apt-get install -y poppler-utils)',
            ),
          );
        } else if (error) reject(new Error(`pdftotext failed: ${error.message}`));
        else resolve(stdout);
      });
    });
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
