import type { Finding } from '../core/findings.js';
import { withoutPaths, type RecordSet } from '../core/records/record-set.js';
import type { CommandContext } from './context.js';

/**
 * The records a report-like command can use: those of files without errors. Says on stderr how
 * many files are left out (`what` finishes the sentence, e.g. "not measured") and how to see why.
 */
export function usableRecords(records: RecordSet, findings: readonly Finding[], what: string, context: CommandContext): RecordSet {
  const broken = new Set(findings.filter((finding) => finding.severity === 'error').map((finding) => finding.path));
  if (broken.size === 0) return records;
  context.stderr(
    `${broken.size} record file${broken.size === 1 ? ' has' : 's have'} errors and ${broken.size === 1 ? 'is' : 'are'} ${what}: run incidents validate.\n`,
  );
  return withoutPaths(records, broken);
}
