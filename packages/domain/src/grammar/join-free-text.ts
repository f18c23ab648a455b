/**
 * Free text (a disagreement, an outcome, a note) from its lines: each line trimmed, blank
 * lines at either end dropped and runs of blank lines kept as one paragraph break, so that
 * the same words typed with different spacing are stored the same way.
 */
export function joinFreeText(lines: readonly string[]): string {
  const out: string[] = [];
  for (const raw of lines) {
    const line = raw.trim();
    if (line === '' && (out.length === 0 || out.at(-1) === '')) continue;
    out.push(line);
  }
  while (out.at(-1) === '') out.pop();
  return out.join('\n');
}
