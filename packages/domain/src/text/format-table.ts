/**
 * A plain-text table for people reading a terminal: the deadlines command and the
 * benchmarks print these. Numbers are right-aligned, everything else left-aligned.
 */
export function formatTable(
  headers: readonly string[],
  rows: readonly (readonly (string | number)[])[],
): string {
  const cells = rows.map((row) => headers.map((_, i) => String(row[i] ?? '')));
  const widths = headers.map((header, i) =>
    Math.max(header.length, ...cells.map((row) => row[i]!.length)),
  );
  const numeric = headers.map(
    (_, i) => rows.length > 0 && rows.every((row) => typeof row[i] === 'number'),
  );
  const line = (values: readonly string[]) =>
    values
      .map((value, i) => (numeric[i] ? value.padStart(widths[i]!) : value.padEnd(widths[i]!)))
      .join('  ')
      .trimEnd();
  return [
    line(headers),
    widths.map((width) => '-'.repeat(width)).join('  '),
    ...cells.map(line),
  ].join('\n');
}
