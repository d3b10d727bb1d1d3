import { appendFile } from 'node:fs/promises';
import { formatFinding, toJsonFinding, type Finding } from '../core/findings.js';
import { formatAnnotation, formatSummary } from '../io/github/annotations.js';
import type { CommandContext, Format } from './context.js';

/**
 * Prints findings in a command's format: `text` lines on stdout; `json` as `{"findings": […]}` plus
 * `extra` keys; `github` as annotations on stdout, the text lines on stderr for the log, and a table
 * in the job summary ($GITHUB_STEP_SUMMARY).
 */
export async function reportFindings(command: string, format: Format, findings: readonly Finding[], context: CommandContext, extra: Record<string, unknown> = {}): Promise<void> {
  if (format === 'json') {
    context.stdout(`${JSON.stringify({ findings: findings.map(toJsonFinding), ...extra }, null, 2)}\n`);
    return;
  }
  if (format === 'github') {
    for (const finding of findings) context.stdout(`${formatAnnotation(finding)}\n`);
    const summaryFile = context.env.GITHUB_STEP_SUMMARY;
    if (summaryFile) await appendFile(summaryFile, formatSummary(`incidents ${command}`, findings));
  }
  for (const finding of findings) (format === 'text' ? context.stdout : context.stderr)(`${formatFinding(finding)}\n`);
  if (findings.length > 0) context.stderr(`${countOf(findings, 'error')}, ${countOf(findings, 'warning')}.\n`);
}

/** "2 errors", "1 warning". */
export function countOf(findings: readonly Finding[], severity: Finding['severity']): string {
  const count = findings.filter((finding) => finding.severity === severity).length;
  return `${count} ${severity}${count === 1 ? '' : 's'}`;
}
