export interface LabelLine {
  /** the label lower-cased, hyphens, underscores and runs of spaces as one space */
  label: string;
  /** the label as typed, for messages */
  typed: string;
  /** the text after the colon, trimmed */
  value: string;
}

/**
 * `Label: value`, tolerating what people and HTML-to-text conversion do to a label: bold or
 * italic marks around it (`*Case:*`, `**Case**:`, `_Case_:`), a list bullet before it
 * (`- Case:`, `• Case:`), spaces before the colon, hyphens or underscores for spaces, and a
 * parenthetical before the colon (`Case (NHS number): ...`). A label is letters and spaces
 * only, so a line such as `Case conference on 3 March: ...` is never taken for one.
 */
const LABEL_LINE = /^[\s*_]*(?:[-•·–]\s+)?[\s*_]*(\p{L}[\p{L} _-]*?)[\s*_-]*(?:\([^()]*\)[\s*_]*)?:(.*)$/u;

export function splitLabelLine(line: string): LabelLine | null {
  const match = LABEL_LINE.exec(line);
  if (!match) return null;
  const typed = (match[1] ?? '').trim();
  const label = typed.toLowerCase().replace(/[\s_-]+/g, ' ').trim();
  // A closing bold mark after the colon (`*Case:* x`) is decoration; `*x*` as a value is not.
  const value = (match[2] ?? '').replace(/^[*_]+(?=\s|$)/, '').trim();
  return { label, typed, value };
}
