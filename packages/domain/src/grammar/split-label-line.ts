export interface LabelLine {
  /** the label lower-cased, hyphens, underscores and runs of spaces as one space */
  label: string;
  /** the label as typed, for messages */
  typed: string;
  /** the text after the colon, trimmed */
  value: string;
}

/** Labels are short; looking no further keeps every pattern below cheap on any line. */
const MAX_LABEL_PART = 80;
const LABEL = /^\p{L}[\p{L} _-]*$/u;

/**
 * `Label: value`, tolerating what people and HTML-to-text conversion do to a label: bold or
 * italic marks around it (`*Case:*`, `**Case**:`, `_Case_:`), a list bullet before it
 * (`- Case:`, `• Case:`), spaces before the colon, hyphens or underscores for spaces, and a
 * parenthetical before the colon (`Case (NHS number): ...`). A label is letters and spaces
 * only, so a line such as `Case conference on 3 March: ...` is never taken for one. Whether
 * the label is one the caller knows is the caller's business.
 */
export function splitLabelLine(line: string): LabelLine | null {
  const colon = labelColon(line);
  if (colon === -1) return null;
  const typed = line
    .slice(0, colon)
    .replace(/^[\s*_]*/, '')
    .replace(/^[-•·–]\s+/, '')
    .replace(/^[\s*_]*/, '')
    .replace(/\s*\([^()]*\)[\s*_]*$/, '')
    .replace(/[\s*_-]*$/, '');
  if (!LABEL.test(typed)) return null;
  const label = typed.toLowerCase().replace(/[\s_-]+/g, ' ');
  // A closing bold mark after the colon (`*Case:* x`) is decoration; `*x*` as a value is not.
  const value = line
    .slice(colon + 1)
    .replace(/^[*_]+(?=\s|$)/, '')
    .trim();
  return { label, typed, value };
}

/** The first colon outside parentheses, within reach of the start of the line; -1 if none. */
function labelColon(line: string): number {
  let depth = 0;
  for (let i = 0; i < Math.min(line.length, MAX_LABEL_PART); i++) {
    const char = line[i];
    if (char === '(') depth++;
    else if (char === ')') depth--;
    else if (char === ':' && depth === 0) return i;
  }
  return -1;
}
