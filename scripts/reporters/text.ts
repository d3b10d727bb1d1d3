import { formatFinding, type Finding } from '../core/findings.js';
import { countOf } from '../render/findings.js';
import type { WriteReport } from './report.js';

/** `text`, for people: the tables or the finding lines on stdout, the count and the all-clear on stderr. */
export const writeText: WriteReport = async (report, context) => {
  if (report.text !== undefined) context.stdout(report.text);
  else writeFindingLines(report.findings ?? [], context.stdout, context.stderr);
  if (report.clean !== undefined && (report.findings ?? []).length === 0) context.stderr(`${report.clean}\n`);
};

/** `path:line:col: message (rule)` lines, then "2 errors, 1 warning." when there are any. */
export function writeFindingLines(findings: readonly Finding[], lines: (text: string) => void, count: (text: string) => void): void {
  for (const finding of findings) lines(`${formatFinding(finding)}\n`);
  if (findings.length > 0) count(`${countOf(findings, 'error')}, ${countOf(findings, 'warning')}.\n`);
}
