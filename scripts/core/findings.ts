/** A problem found in a user's file, pointing at the YAML key at fault. */
export interface Finding {
  /** Path relative to the repository root, with forward slashes. */
  path: string;
  /** 1-based line of the key or value at fault. */
  line: number;
  /** 1-based column. */
  column: number;
  /** Stable rule id, e.g. `record/priority-matrix`. */
  rule: string;
  severity: 'error' | 'warning';
  /** What was found and what was expected. */
  message: string;
  /** The original error, when the finding wraps one (never printed). */
  cause?: unknown;
}

/** A line and column in a file, both 1-based. */
export interface Position {
  line: number;
  column: number;
}

/** Formats a finding as `path:line:col: message (rule)`. */
export function formatFinding(finding: Finding): string {
  const warning = finding.severity === 'warning' ? 'warning: ' : '';
  return `${finding.path}:${finding.line}:${finding.column}: ${warning}${finding.message} (${finding.rule})`;
}

/** The fields of a finding that the JSON output promises, without `cause`. */
export function toJsonFinding({ path, line, column, rule, severity, message }: Finding) {
  return { path, line, column, rule, severity, message };
}

/** Sorts findings by path, line, column and rule, so output is stable. */
export function sortFindings(findings: readonly Finding[]): Finding[] {
  return [...findings].sort(
    (a, b) =>
      compare(a.path, b.path) || a.line - b.line || a.column - b.column || compare(a.rule, b.rule) || compare(a.message, b.message),
  );
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** True when any finding is an error (warnings alone do not fail a check). */
export function hasErrors(findings: readonly Finding[]): boolean {
  return findings.some((finding) => finding.severity === 'error');
}
