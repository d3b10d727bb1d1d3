import type { Finding } from '../findings.js';
import { sortFindings } from '../findings.js';
import { parseRecord, recordKindOf, RECORD_FILE_NAMES, type RecordKind } from './parse-record.js';
import { parseYaml, problemsToFindings } from './parse-yaml.js';
import type { RecordSet, Valid, ValidRecord } from './record-set.js';
import { CONFIG_RULES, RECORD_RULES } from '../rules/index.js';
import { checkSchema } from './schema-findings.js';
import type { Config, Incident, KnownError, Postmortem } from './types.js';

/** A file's path relative to the repository root, and its text. */
export interface TextFile {
  path: string;
  text: string;
}

/** Parses and checks the config: its schema, then the config rules. `config` is set only when there are no errors. */
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
  return findings.length > 0 ? { findings } : { config, findings };
}

/**
 * Parses every record file, checks each against its schema, then runs the cross-record rules on
 * those that passed. One bad file gives its own findings and never stops the others being checked.
 */
export function checkRecords(config: Config, files: readonly TextFile[]): { records: RecordSet; findings: Finding[] } {
  const findings: Finding[] = [];
  const valid: Record<RecordKind, ValidRecord<unknown>[]> = { incident: [], postmortem: [], known_error: [] };
  for (const file of files) {
    const parsed = parseValidRecord(file);
    findings.push(...parsed.findings);
    if (parsed.record) valid[parsed.record.kind].push(parsed.record);
  }
  const records: RecordSet = {
    config,
    incidents: valid.incident as ValidRecord<Incident>[],
    postmortems: valid.postmortem as ValidRecord<Postmortem>[],
    knownErrors: valid.known_error as ValidRecord<KnownError>[],
  };
  findings.push(...RECORD_RULES.flatMap((rule) => rule.check(records)));
  return { records, findings: sortFindings(findings) };
}

/**
 * Parses one record file and checks it against its schema. `record` is set only when it is valid;
 * the findings say why not.
 */
export function parseValidRecord(file: TextFile): { record?: ValidRecord<unknown> & { kind: RecordKind }; findings: Finding[] } {
  const kind = recordKindOf(file.path);
  if (!kind) {
    return { findings: [{ path: file.path, line: 1, column: 1, rule: 'file/name', severity: 'error', message: `${file.path} is not named like a record: expected ${RECORD_FILE_NAMES}` }] };
  }
  const parsed = parseRecord(file.path, kind, file.text);
  if (!parsed.ok) return { findings: parsed.findings };
  const findings = checkSchema(kind, parsed.record);
  return findings.length > 0 ? { findings } : { record: parsed.record, findings };
}

/**
 * Checks a repository's config and then its records. When the config has findings, the records
 * are not checked (they are checked against it), and only the config's findings are returned.
 */
export function checkRepository(files: { config: TextFile; records: readonly TextFile[] }): { records?: RecordSet; findings: Finding[] } {
  const { config, findings } = checkConfig(files.config);
  return config ? checkRecords(config.data, files.records) : { findings };
}
