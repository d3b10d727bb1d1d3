import type { Finding } from '../../core/findings.js';

/** A workflow command that GitHub shows as an annotation on the file and line of a finding. */
export function formatAnnotation(finding: Finding): string {
  const command = finding.severity === 'error' ? 'error' : 'warning';
  const properties = [`file=${escapeProperty(finding.path)}`, `line=${finding.line}`, `col=${finding.column}`, `title=${escapeProperty(finding.rule)}`];
  return `::${command} ${properties.join(',')}::${escapeData(finding.message)}`;
}

/** A workflow error annotation that belongs to no file (bad inputs), its text escaped like any other. */
export function formatError(title: string, message: string): string {
  return `::error title=${escapeProperty(title)}::${escapeData(message)}`;
}

/** The job summary: every finding in a table, since GitHub shows only 10 annotations per step. */
export function formatSummary(title: string, findings: readonly Finding[]): string {
  if (findings.length === 0) return `### ${title}\n\nNo findings.\n`;
  const rows = findings.map((finding) =>
    `| \`${cell(finding.path)}:${finding.line}:${finding.column}\` | ${finding.severity} | ${cell(finding.message)} | \`${cell(finding.rule)}\` |`,
  );
  return [`### ${title}`, '', `${findings.length} finding${findings.length === 1 ? '' : 's'}.`, '', '| where | severity | message | rule |', '| --- | --- | --- | --- |', ...rows, ''].join('\n');
}

// Escaping as the Actions toolkit does for workflow commands.
function escapeData(text: string): string {
  return text.replaceAll('%', '%25').replaceAll('\r', '%0D').replaceAll('\n', '%0A');
}

function escapeProperty(text: string): string {
  return escapeData(text).replaceAll(':', '%3A').replaceAll(',', '%2C');
}

/** A Markdown table cell that shows user text as text: no HTML, no column breaks, no line breaks. */
function cell(text: string): string {
  return text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;').replaceAll('|', '\\|').replaceAll('`', "'").replace(/\r?\n/g, ' ');
}
