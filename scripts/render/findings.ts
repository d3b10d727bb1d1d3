import type { Finding } from '../core/findings.js';
import { markdownCell, markdownCodeCell } from './plain-tables.js';
import { formatPublishes, type PublishesPreview } from './publishes.js';

/**
 * Findings as Markdown under a title: every finding in a table (GitHub shows only 10 annotations
 * per step), for the job summary and the gate's pull-request comment. Messages hold user text, so
 * each cell shows as text, never as HTML or Markdown.
 */
export function formatFindingsSummary(title: string, findings: readonly Finding[]): string {
  if (findings.length === 0) return `### ${title}\n\nNo findings.\n`;
  const rows = findings.map(
    (finding) =>
      `| ${markdownCodeCell(`${finding.path}:${finding.line}:${finding.column}`)} | ${finding.severity} | ${markdownCell(finding.message)} | ${markdownCodeCell(finding.rule)} |`,
  );
  return [
    `### ${title}`,
    '',
    `${findings.length} finding${findings.length === 1 ? '' : 's'}.`,
    '',
    '| where | severity | message | rule |',
    '| --- | --- | --- | --- |',
    ...rows,
    '',
  ].join('\n');
}

/** The most characters GitHub takes in a comment's body. */
export const COMMENT_LIMIT = 65_536;

/**
 * The gate's pull-request comment: the verdict, whether what needs an approval has it, every
 * finding and, when given, what merging publishes (render/publishes.ts). A comment longer than
 * `limit` (GitHub's, less what the caller adds) is cut at a line, with a note saying so.
 */
export function formatGateComment(
  findings: readonly Finding[],
  approved: boolean | null,
  { publishes, limit = COMMENT_LIMIT }: { publishes?: PublishesPreview; limit?: number } = {},
): string {
  const failed = findings.some((finding) => finding.severity === 'error');
  const verdict = failed ? `❌ The incident gate fails: ${countOf(findings, 'error')}, ${countOf(findings, 'warning')}.` : '✅ The incident gate passes.';
  const approval =
    approved === null
      ? ''
      : approved
        ? '\n\nEverything in this pull request that needs an approval (a resolution, a reduction of what is measured or published) is approved.'
        : '\n\nA change in this pull request still needs an approval: see `lifecycle/approval` below.';
  const body = `${verdict}${approval}\n\n${formatFindingsSummary('incidents check-pr', findings)}${publishes === undefined ? '' : `\n${formatPublishes(publishes)}`}`;
  return truncateComment(body, limit);
}

/** The note that ends a comment cut short. */
const CUT_NOTE = '\n\n_This comment is cut short: GitHub takes at most 65,536 characters. `incidents check-pr --format json` lists everything._\n';

/**
 * `body` within `limit` characters: as it is, or cut with room for the note: after its last whole
 * line, or (a line of a long message can run to thousands of characters) its last space nearby.
 */
export function truncateComment(body: string, limit: number): string {
  if (body.length <= limit) return body;
  const room = Math.max(limit - CUT_NOTE.length, 0);
  const line = body.lastIndexOf('\n', room);
  const space = body.lastIndexOf(' ', room);
  const highSurrogate = /[\uD800-\uDBFF]/.test(body.charAt(room - 1));
  const cut = line > room - 2_000 ? line : space > room - 2_000 ? space : highSurrogate ? room - 1 : room;
  return `${body.slice(0, cut)}${CUT_NOTE}`;
}

/** How many findings of a severity there are, for people: "2 errors", "1 warning". */
export function countOf(findings: readonly Finding[], severity: Finding['severity']): string {
  const count = countSeverity(findings, severity);
  return `${count} ${severity}${count === 1 ? '' : 's'}`;
}

/** How many findings of a severity there are. */
export function countSeverity(findings: readonly Finding[], severity: Finding['severity']): number {
  return findings.filter((finding) => finding.severity === severity).length;
}

/** The finding with each line break in its path and message shown as `\r` or `\n`, so it prints as one line. */
export function withLineBreaksShown(finding: Finding): Finding {
  const shown = (text: string) => text.replaceAll('\r', '\\r').replaceAll('\n', '\\n');
  return { ...finding, path: shown(finding.path), message: shown(finding.message) };
}
