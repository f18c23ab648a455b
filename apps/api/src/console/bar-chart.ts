/** One bar: its label, its value, and how the value is written beside it. */
export interface Bar {
  label: string;
  value: number;
  text: string;
}

const WIDTH = 560;
const LABEL_WIDTH = 220;
const BAR_HEIGHT = 22;
const GAP = 10;

/**
 * A horizontal bar chart as SVG, drawn on the server: no script, readable when printed, and
 * described for screen readers by its title (the figures are in the table beside it).
 * Every text is escaped: labels come from policies and cases.
 */
export function barChart(title: string, bars: readonly Bar[], max?: number): string {
  const top = Math.max(max ?? 0, ...bars.map((bar) => bar.value), 1);
  const plot = WIDTH - LABEL_WIDTH - 60;
  const height = bars.length * (BAR_HEIGHT + GAP) + GAP;
  const rows = bars.map((bar, i) => {
    const y = GAP + i * (BAR_HEIGHT + GAP);
    const width = Math.round((Math.max(bar.value, 0) / top) * plot);
    return (
      `<text x="${LABEL_WIDTH - 8}" y="${y + 16}" text-anchor="end">${escape(shorten(bar.label))}</text>` +
      `<rect x="${LABEL_WIDTH}" y="${y}" width="${width}" height="${BAR_HEIGHT}" fill="#1d70b8"></rect>` +
      `<text x="${LABEL_WIDTH + width + 6}" y="${y + 16}">${escape(bar.text)}</text>`
    );
  });
  return (
    `<svg class="console-chart" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${WIDTH} ${height}" width="100%" role="img" aria-label="${escape(title)}" font-family="arial, sans-serif" font-size="14" fill="#0b0c0c">` +
    `<title>${escape(title)}</title>${rows.join('')}</svg>`
  );
}

function shorten(label: string): string {
  return label.length > 30 ? `${label.slice(0, 29)}…` : label;
}

function escape(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
