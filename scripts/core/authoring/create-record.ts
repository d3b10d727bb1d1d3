import { asWarning, hasErrors, type Finding } from '../findings.js';
import { checkRecordEdit } from '../gate/check-pull-request.js';
import { descriptorOf, RECORD_KINDS, type RecordKind } from '../records/kinds.js';
import type { Config } from '../records/types.js';
import type { TextFile } from '../records/validate.js';
import { newRecordText, type NewRecord } from './new-record.js';
import { newProblemText, type NewProblem } from './new-problem.js';
import { toMillis } from '../time/timestamps.js';

/**
 * The id the next record of a kind gets; undefined when none is left. Every name in the kind's
 * folder that starts with an id takes it, a misnamed record, a postmortem, a file that could not
 * be read or a folder too, so a new record never shares an id with anything already there.
 * @param paths every name in the record folders, as `incidents/INC-2026-0007.md`
 */
export function allocateId(kind: RecordKind, paths: readonly string[], at: string): string | undefined {
  const { folder, idPattern, nextId } = descriptorOf(kind);
  const idAtStart = new RegExp(`^${folder}/(${idPattern.source})`);
  const taken = paths.flatMap((path) => idAtStart.exec(path)?.[1] ?? []);
  return nextId?.(taken, at);
}

/**
 * A new incident or maintenance, as `incidents new` and intake write it: the next free id, its
 * text, and the findings the pull request would give. `file` is set only when it is valid, so the
 * caller writes it or nothing; `path` is where it goes (or would have). A match with a known error
 * is the gate's to judge: it comes back as a warning, to be dealt with before the pull request.
 * `full` says that every id of the year is taken.
 * @param files the repository's record files, checked with the new one
 * @param names every name in the record folders, read or not, which the new id must not clash with (default: the files')
 */
export function createIncident(
  config: Config,
  files: readonly TextFile[],
  record: NewRecord,
  names: readonly string[] = files.map(({ path }) => path),
): { path: string; file?: TextFile; findings: Finding[] } | { full: string } {
  const id = allocateId('incidents', names, record.at);
  const year = record.at.slice(0, 4);
  if (!id) return { full: `every incident id of ${year} is taken: ids run to INC-${year}-9999` };
  const file = { path: `${RECORD_KINDS.incidents.folder}/${id}.md`, text: newRecordText(id, record, config) };
  const findings = checkRecordEdit(config, files, file, { now: toMillis(record.at), remedies: 'cli' }).map((finding) =>
    finding.rule === 'lifecycle/known-error-match' ? asWarning(finding) : finding,
  );
  return hasErrors(findings) ? { path: file.path, findings } : { path: file.path, file, findings };
}

/**
 * A new problem, as `incidents new --type problem` writes it: the next free PRB id, its text, and
 * the findings the pull request would give. `file` is set only when it is valid.
 * @param names every name in the record folders, which the new id must not clash with
 */
export function createProblem(
  config: Config,
  files: readonly TextFile[],
  problem: NewProblem,
  names: readonly string[] = files.map(({ path }) => path),
): { path: string; file?: TextFile; findings: Finding[] } | { full: string } {
  const id = allocateId('problems', names, problem.at);
  if (!id) return { full: 'every problem id is taken: ids run to PRB-9999' };
  const file = { path: `${RECORD_KINDS.problems.folder}/${id}.md`, text: newProblemText(id, problem, config) };
  const findings = checkRecordEdit(config, files, file, { now: toMillis(problem.at), remedies: 'cli', kind: 'problems' });
  return hasErrors(findings) ? { path: file.path, findings } : { path: file.path, file, findings };
}
