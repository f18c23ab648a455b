/**
 * Characters that mail clients and HTML-to-text conversion put where a person typed a space:
 * no-break spaces (Outlook pads labels with them), figure and narrow spaces, and the
 * fixed-width spaces of U+2000..U+200A.
 */
const SPACE_LOOKALIKES = /[\u00A0\u1680\u2000-\u200A\u202F\u205F\u3000\t\v\f]/g;

/** Invisible characters that would otherwise stop `Case:` being recognised as a label. */
const INVISIBLES = /[\u200B-\u200D\u2060\uFEFF\u00AD]/g;

/**
 * The lines of an email body as the grammar sees them: any line ending (CRLF, CR, LF,
 * U+2028/U+2029), space look-alikes as plain spaces, invisible characters (a leading BOM
 * among them) removed, and no trailing whitespace. Blank lines are kept: they separate
 * paragraphs.
 */
export function splitBodyLines(text: string): string[] {
  return text
    .replace(INVISIBLES, '')
    .replace(SPACE_LOOKALIKES, ' ')
    .split(/\r\n|[\r\n\u2028\u2029\u0085]/)
    .map((line) => line.trimEnd());
}
