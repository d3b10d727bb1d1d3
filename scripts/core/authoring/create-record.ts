import { asWarning, hasErrors, type Finding } from '../findings.js';
import { checkRecordEdit } from '../gate/check-pull-request.js';
import { descriptorOf, RECORD_KINDS, type RecordKind } from '../records/kinds.js';
import type { Config } from '../records/types.js';
import type { TextFile } from '../records/validate.js';
import { newRecordText, type NewRecord } from './new-record.js';
import { toMillis } from '../time/timestamps.js';

/**
 * The id the next record of a kind gets; undefined when none is left. Every file in the kind's
 * folder whose name starts with an id takes it, a misnamed record or a postmortem too, so a new
 * record never shares an id with a file already there.
 */
export function allocateId(kind: RecordKind, files: readonly TextFile[], at: string): string | undefined {
  const { folder, idPattern, nextId } = descriptorOf(kind);
  const idAtStart = new RegExp(`^${folder}/(${idPattern.source})`);
  const taken = files.flatMap(({ path }) => idAtStart.exec(path)?.[1] ?? []);
  return nextId?.(taken, at);
}

/**
 * A new incident or maintenance, as `incidents new` and intake write it: the next free id, its
 * text, and the findings the pull request would give. `file` is set only when it is valid, so the
 * caller writes it or nothing; `path` is where it goes (or would have). A match with a known error
 * is the gate's to judge: it comes back as a warning, to be dealt with before the pull request.
 * `full` says that every id of the year is taken.
 * @param files the repository's record files, which the new id must not clash with
 */
export function createIncident(
  config: Config,
  files: readonly TextFile[],
  record: NewRecord,
): { path: string; file?: TextFile; findings: Finding[] } | { full: string } {
  const id = allocateId('incidents', files, record.at);
  const year = record.at.slice(0, 4);
  if (!id) return { full: `every incident id of ${year} is taken: ids run to INC-${year}-9999` };
  const file = { path: `${RECORD_KINDS.incidents.folder}/${id}.md`, text: newRecordText(id, record, config) };
  const findings = checkRecordEdit(config, files, file, { now: toMillis(record.at), remedies: 'cli' }).map((finding) =>
    finding.rule === 'lifecycle/known-error-match' ? asWarning(finding) : finding,
  );
  return hasErrors(findings) ? { path: file.path, findings } : { path: file.path, file, findings };
}
