import { sanitizeFilename } from './sanitize-filename';

describe('sanitizeFilename', () => {
  it.each([
    ['report.pdf', 'report.pdf'],
    ['../../etc/passwd', '_.._etc_passwd'],
    ['C:\\Users\\sam\\notes.docx', 'C__Users_sam_notes.docx'],
    ['.htaccess', 'htaccess'],
    ['notes.txt. . ', 'notes.txt'],
    ['invoice\u202Efdp.exe', 'invoicefdp.exe'],
    ['tab\there\nnew\u0000line.txt', 'tabherenewline.txt'],
    ['a   b.txt', 'a b.txt'],
    ['what?<>|*".txt', 'what______.txt'],
    ['nul', '_nul'],
    ['LPT1.log', '_LPT1.log'],
  ])('%j becomes %j', (name, safe) => {
    expect(sanitizeFilename(name, 1, 'application/octet-stream')).toBe(safe);
  });

  it('falls back to a name from the position and the type', () => {
    expect(sanitizeFilename(undefined, 1, 'application/octet-stream')).toBe('attachment-1.bin');
    expect(sanitizeFilename('...', 2, 'application/PDF')).toBe('attachment-2.pdf');
    expect(sanitizeFilename('', 3, 'message/rfc822')).toBe('attachment-3.eml');
  });

  it('keeps a long name under 200 bytes with its extension, never splitting a character', () => {
    const safe = sanitizeFilename(`${'é'.repeat(300)}😀.pdf`, 1, 'application/pdf');
    expect(Buffer.byteLength(safe)).toBeLessThanOrEqual(200);
    expect(safe).toMatch(/^é+\.pdf$/);
    expect(sanitizeFilename('😀'.repeat(100), 1, 'image/png')).toBe('😀'.repeat(50));
  });
});
