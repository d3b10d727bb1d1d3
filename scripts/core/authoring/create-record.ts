import { fileFinding, hasErrors, type Finding } from '../findings.js';
import { checkRecordEdit } from '../gate/check-pull-request.js';
import { descriptorOf, idOfPath, RECORD_KINDS, recordKindOf, type RecordKind } from '../records/kinds.js';
import type { Config } from '../records/types.js';
import type { TextFile } from '../records/validate.js';
import { newRecordText, type NewRecord } from './new-record.js';

/** The id the next record of a kind gets, after every id its files already take; undefined when none is left. */
export function allocateId(kind: RecordKind, files: readonly TextFile[], at: string): string | undefined {
  const taken = files.flatMap(({ path }) => (recordKindOf(path) === kind ? (idOfPath(path) ?? []) : []));
  return descriptorOf(kind).nextId?.(taken, at);
}

/**
 * A new incident or maintenance, as `incidents new` and intake write it: the next free id, its
 * text, and the findings the pull request would give. `file` is set only when it is valid, so the
 * caller writes it or nothing. A match with a known error is the gate's to judge: it comes back as
 * a warning, to be dealt with before the pull request. `path` is where it goes (or would have).
 * @param files the repository's record files, which the new id must not clash with
 */
export function createIncident(config: Config, files: readonly TextFile[], record: NewRecord): { path: string; file?: TextFile; findings: Finding[] } {
  const { folder } = RECORD_KINDS.incidents;
  const id = allocateId('incidents', files, record.at);
  const year = record.at.slice(0, 4);
  if (!id) return { path: folder, findings: [fileFinding(folder, 'new/id', `Every incident id of ${year} is taken: ids run to INC-${year}-9999`)] };
  const file = { path: `${folder}/${id}.md`, text: newRecordText(id, record, config) };
  const findings = checkRecordEdit(config, files, file).map((finding) =>
    finding.rule === 'lifecycle/known-error-match' ? { ...finding, severity: 'warning' as const } : finding,
  );
  return hasErrors(findings) ? { path: file.path, findings } : { path: file.path, file, findings };
}
