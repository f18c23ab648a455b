/** Most file systems allow 255 bytes; room is left for a suffix a store may add. */
const MAX_FILENAME_BYTES = 200;
const MAX_EXTENSION_CHARS = 16;

const EXTENSIONS: Readonly<Record<string, string>> = {
  'text/plain': 'txt',
  'text/html': 'html',
  'text/csv': 'csv',
  'text/calendar': 'ics',
  'text/rfc822-headers': 'txt',
  'message/rfc822': 'eml',
  'message/delivery-status': 'txt',
  'message/global-delivery-status': 'txt',
  'message/disposition-notification': 'txt',
  'application/pdf': 'pdf',
  'application/msword': 'doc',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': 'docx',
  'application/vnd.ms-excel': 'xls',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': 'xlsx',
  'application/rtf': 'rtf',
  'application/zip': 'zip',
  'image/png': 'png',
  'image/jpeg': 'jpg',
  'image/gif': 'gif',
  'image/webp': 'webp',
  'image/heic': 'heic',
};

const WINDOWS_DEVICE = /^(con|prn|aux|nul|com[0-9]|lpt[0-9])(\..*)?$/i;

/**
 * A file name safe to store, show and hand back for download, from the one a sender chose:
 * no path (separators become `_`), no control, bidirectional-override or zero-width
 * characters (they disguise `exe.pdf` as `fdp.exe`), no leading dots (hidden files, `..`),
 * no trailing dots or spaces (Windows drops them, changing the extension), no characters
 * Windows forbids, not a Windows device name, at most 200 UTF-8 bytes with the extension
 * kept. When nothing usable is left, `attachment-<position>.<extension for its type>`.
 */
export function sanitizeFilename(
  name: string | null | undefined,
  position: number,
  contentType: string,
): string {
  let safe = (name ?? '')
    .normalize('NFC')
    .replace(/[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/gu, '')
    .replace(/[/\\]/g, '_')
    .replace(/[<>:"|?*]/g, '_')
    .replace(/\s+/gu, ' ')
    .replace(/^[.\s]+/u, '')
    .replace(/[.\s]+$/u, '');
  if (WINDOWS_DEVICE.test(safe)) safe = `_${safe}`;
  safe = limitLength(safe);
  // Nothing but separators left (`///`, `...`): no name worth keeping.
  if (!/[^._\s-]/u.test(safe)) {
    const extension = EXTENSIONS[contentType.toLowerCase()] ?? 'bin';
    return `attachment-${position}.${extension}`;
  }
  return safe;
}

function limitLength(name: string): string {
  if (Buffer.byteLength(name) <= MAX_FILENAME_BYTES) return name;
  const dot = name.lastIndexOf('.');
  const extension = dot > 0 ? name.slice(dot) : '';
  const keepExtension =
    extension.length > 1 &&
    [...extension].length <= MAX_EXTENSION_CHARS + 1 &&
    /^\.[\p{L}\p{N}]+$/u.test(extension);
  const suffix = keepExtension ? extension : '';
  const base = keepExtension ? name.slice(0, dot) : name;
  let kept = '';
  // by code point, so a character outside the BMP is never cut in half
  for (const char of base) {
    if (Buffer.byteLength(kept + char + suffix) > MAX_FILENAME_BYTES) break;
    kept += char;
  }
  return kept.replace(/[.\s]+$/u, '') + suffix;
}
