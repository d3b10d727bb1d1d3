import type { Locate, YamlPath } from './records/parse-yaml.js';

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

/** Where some parsed YAML came from, to point findings at its keys. */
export interface Source {
  path: string;
  locate: Locate;
}

/** A finding at a key (`at: 'key'`) or value of a source: the usual finding about a record or the config. */
export function findingAt(
  source: Source,
  yamlPath: YamlPath,
  rule: string,
  message: string,
  { at = 'value', severity = 'error' }: { at?: 'key' | 'value'; severity?: Finding['severity'] } = {},
): Finding {
  return { path: source.path, ...source.locate(yamlPath, at), rule, severity, message };
}

/** A finding at a line and column of a file (a Markdown section, a YAML syntax error). */
export function findingAtPosition(
  path: string,
  position: Position,
  rule: string,
  message: string,
  severity: Finding['severity'] = 'error',
  cause?: unknown,
): Finding {
  return { path, line: position.line, column: position.column, rule, severity, message, ...(cause === undefined ? {} : { cause }) };
}

/** A finding about a whole file (its name, that it cannot be read, that it is deleted), at its first line. */
export function fileFinding(path: string, rule: string, message: string, severity: Finding['severity'] = 'error', cause?: unknown): Finding {
  return findingAtPosition(path, { line: 1, column: 1 }, rule, message, severity, cause);
}

/** The same finding as a warning: something to deal with, that does not fail the check. */
export function asWarning(finding: Finding): Finding {
  return { ...finding, severity: 'warning' };
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
    (a, b) => compare(a.path, b.path) || a.line - b.line || a.column - b.column || compare(a.rule, b.rule) || compare(a.message, b.message),
  );
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** True when any finding is an error (warnings alone do not fail a check). */
export function hasErrors(findings: readonly Finding[]): boolean {
  return findings.some((finding) => finding.severity === 'error');
}
