import type { Finding } from '../findings.js';
import type { Locate, YamlPath } from './parse-yaml.js';
import type { Config, Incident, KnownError, Postmortem } from './types.js';

/** Where some parsed YAML came from, to point findings at its keys. */
export interface Source {
  path: string;
  locate: Locate;
}

/** A record whose frontmatter passed its schema, so its data has the record's type. */
export interface Valid<T> extends Source {
  data: T;
}

/** A valid record file: its frontmatter data and its Markdown body. */
export interface ValidRecord<T> extends Valid<T> {
  body: string;
  /** The 1-based line the body starts on. */
  bodyLine: number;
}

/** Every valid record of a repository and its config: what the cross-record rules look at. */
export interface RecordSet {
  config: Config;
  incidents: readonly ValidRecord<Incident>[];
  postmortems: readonly ValidRecord<Postmortem>[];
  knownErrors: readonly ValidRecord<KnownError>[];
}

/** A check across the records of a repository; its id is `record/<file name>`. */
export interface RecordRule {
  id: string;
  check(records: RecordSet): Finding[];
}

/** A check of the config on its own; its id is `config/<file name>`. */
export interface ConfigRule {
  id: string;
  check(config: Valid<Config>): Finding[];
}

/** A finding at a key (`at: 'key'`) or value of a source. */
export function findingAt(
  source: Source,
  yamlPath: YamlPath,
  rule: string,
  message: string,
  { at = 'value', severity = 'error' }: { at?: 'key' | 'value'; severity?: Finding['severity'] } = {},
): Finding {
  return { path: source.path, ...source.locate(yamlPath, at), rule, severity, message };
}
