import { fileFinding, hasErrors, sortFindings, type Finding } from '../findings.js';
import { CONFIG_RULES, RECORD_RULES } from '../rules/index.js';
import { perKind, RECORD_FILE_NAMES, RECORD_KINDS, recordKindOf, type RecordData, type RecordKind } from './kinds.js';
import { parseRecord } from './parse-record.js';
import { parseYaml, problemsToFindings } from './parse-yaml.js';
import type { RecordSet, Valid, ValidRecord } from './record-set.js';
import { checkSchema } from './schema-findings.js';
import type { Config } from './types.js';

/** A file's path relative to the repository root, and its text. */
export interface TextFile {
  path: string;
  text: string;
  /**
   * Reads the text again, when the file can be: then a record keeps only its data, and the text
   * is read again for the positions of its findings (a file changed meanwhile gives nearby lines).
   */
  reread?: () => string | undefined;
}

/** Parses and checks the config: its schema, then the config rules. `config` is set when there are no errors (warnings allowed). */
export function checkConfig(file: TextFile): { config?: Valid<Config>; findings: Finding[] } {
  const parsed = parseYaml(file.text);
  if (!parsed.ok) {
    return { findings: problemsToFindings(file.path, parsed.problems) };
  }
  const source = { path: file.path, ...parsed.value };
  const schemaFindings = checkSchema('config', source);
  if (schemaFindings.length > 0) return { findings: sortFindings(schemaFindings) };
  const config: Valid<Config> = { path: file.path, locate: source.locate, data: source.data as Config };
  const findings = sortFindings(CONFIG_RULES.flatMap((rule) => rule.check(config)));
  return hasErrors(findings) ? { findings } : { config, findings };
}

/**
 * Parses every record file, checks each against its schema, then runs the cross-record rules on
 * those that passed. One bad file gives its own findings and never stops the others being checked.
 */
export function checkRecords(config: Config, files: Iterable<TextFile>): { records: RecordSet; findings: Finding[] } {
  return checkRecordSet(config, checkEach(files));
}

function* checkEach(files: Iterable<TextFile>): Generator<CheckedFile> {
  for (const file of files) yield checkRecordFile(file);
}

/** A record file checked on its own: its valid record (with its kind), and its findings. */
export interface CheckedFile {
  path: string;
  kind?: RecordKind;
  record?: ValidRecord<RecordData[RecordKind]>;
  findings: Finding[];
}

/** Parses a record file as the kind its name gives and checks it against that kind's schema. */
export function checkRecordFile(file: TextFile): CheckedFile {
  const kind = recordKindOf(file.path);
  if (!kind) return { path: file.path, findings: [misnamedRecordFinding(file.path)] };
  const { record, findings } = parseRecordAs(kind, file);
  return { path: file.path, kind, record, findings };
}

/** The cross-record rules on files checked one by one (checkRecordFile), in the files' order. */
export function checkRecordSet(config: Config, checked: Iterable<CheckedFile>): { records: RecordSet; findings: Finding[] } {
  const findings: Finding[] = [];
  const lists: RecordListsBeingFilled = perKind((): never[] => []);
  for (const file of checked) {
    for (const finding of file.findings) findings.push(finding);
    if (file.kind && file.record) (lists[file.kind] as ValidRecord<RecordData[RecordKind]>[]).push(file.record);
  }
  const records: RecordSet = { config, ...lists };
  for (const rule of RECORD_RULES) for (const finding of rule.check(records)) findings.push(finding);
  return { records, findings: sortFindings(findings) };
}

/** The finding for a file in a record folder that is named like no kind of record. */
export function misnamedRecordFinding(path: string): Finding {
  return fileFinding(path, 'file/name', `${path} is not named like a record: expected ${RECORD_FILE_NAMES}`);
}

type RecordListsBeingFilled = { [K in RecordKind]: ValidRecord<RecordData[K]>[] };

/** Parses a record file as the given kind and checks it against that kind's schema. */
export function parseRecordAs<K extends RecordKind>(kind: K, file: TextFile): { record?: ValidRecord<RecordData[K]>; findings: Finding[] } {
  const parsed = parseRecord(file.path, file.text, file.reread);
  if (!parsed.ok) return { findings: parsed.findings };
  const findings = checkSchema(RECORD_KINDS[kind].schemaName, parsed.record);
  // The schema has just checked the data: this is the one place it gets its kind's type.
  return findings.length > 0 ? { findings } : { record: parsed.record as ValidRecord<RecordData[K]>, findings };
}

/**
 * Checks a repository's config and then its records. When the config has errors, the records are
 * not checked (they are checked against it), and only the config's findings are returned.
 */
export function checkRepository(files: { config: TextFile; records: Iterable<TextFile> }): {
  config?: Valid<Config>;
  records?: RecordSet;
  findings: Finding[];
} {
  const { config, findings } = checkConfig(files.config);
  if (!config) return { findings };
  const checked = checkRecords(config.data, files.records);
  return { config, records: checked.records, findings: sortFindings([...findings, ...checked.findings]) };
}
