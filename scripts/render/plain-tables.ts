/** A header and rows of cells, as commands print them for people and for job summaries. */

/** Columns padded to their widest cell, two spaces apart; one line per row, ending in a newline. */
export function formatTextTable(header: readonly string[], rows: readonly string[][]): string {
  const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => row[column]!.length)));
  const line = (cells: readonly string[]) => cells.map((cell, column) => cell.padEnd(widths[column]!)).join('  ').trimEnd();
  return `${[line(header), ...rows.map(line)].join('\n')}\n`;
}

/** A GitHub-flavoured Markdown table (no newline after the last row); pipes and line breaks in cells are escaped. */
export function formatMarkdownTable(header: readonly string[], rows: readonly string[][]): string {
  const cell = (text: string) => text.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
  const row = (cells: readonly string[]) => `| ${cells.map(cell).join(' | ')} |`;
  return [row(header), row(header.map(() => '---')), ...rows.map(row)].join('\n');
}
