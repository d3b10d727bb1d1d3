/** A header and rows of cells, as commands print them for people and for job summaries. */

/** Columns padded to their widest cell, two spaces apart; one line per row, ending in a newline. */
export function formatTextTable(header: readonly string[], rows: readonly string[][]): string {
  // A loop, not Math.max(...rows): a table of 300,000 rows would overflow the call stack.
  const widths = header.map((title, column) => rows.reduce((widest, row) => Math.max(widest, row[column]!.length), title.length));
  const line = (cells: readonly string[]) =>
    cells
      .map((cell, column) => cell.padEnd(widths[column]!))
      .join('  ')
      .trimEnd();
  return `${[line(header), ...rows.map(line)].join('\n')}\n`;
}

/** A GitHub-flavoured Markdown table (no newline after the last row); each cell shows as text (markdownCell). */
export function formatMarkdownTable(header: readonly string[], rows: readonly string[][]): string {
  const row = (cells: readonly string[]) => `| ${cells.map(markdownCell).join(' | ')} |`;
  return [row(header), row(header.map(() => '---')), ...rows.map(row)].join('\n');
}

/**
 * Text for a Markdown table cell that shows as the text itself, whoever wrote it: HTML's `& < >` as
 * entities, the marks of emphasis, code, links, strikethrough and math backslash-escaped, a pipe
 * kept inside its cell, line breaks (which would end the table) as spaces, and a word joiner after
 * each `@` of a handle, so a comment quoting `@alice` or `@org/team` notifies nobody.
 */
export function markdownCell(text: string): string {
  return text
    .replace(/[\\`*_[\]~$|]/g, '\\$&')
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replace(/\r\n?|\n/g, ' ')
    .replace(MENTION, MENTION_BROKEN);
}

/** The `@` of a GitHub handle (`@alice`, `@org/team`), and what it becomes so that it notifies nobody: `@` and a word joiner. */
export const MENTION = /@(?=[A-Za-z0-9])/g;
export const MENTION_BROKEN = '@\u2060';

/**
 * Text as a code span in a Markdown table cell. Nothing is markup inside a code span (so no
 * escapes, which would show), but a backtick would end it: backticks become quotes. Pipes are
 * escaped for the table, and line breaks are spaces.
 */
export function markdownCodeCell(text: string): string {
  return `\`${text
    .replaceAll('`', "'")
    .replaceAll('|', '\\|')
    .replace(/\r\n?|\n/g, ' ')}\``;
}
