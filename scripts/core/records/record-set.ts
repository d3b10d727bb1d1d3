import type { Finding, Source } from '../findings.js';
import { KIND_NAMES, perKind, type RecordData, type RecordKind } from './kinds.js';
import type { Config } from './types.js';

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

/** The valid records of each kind (records/kinds.ts): `incidents`, `postmortems`, `knownErrors`. */
export type RecordLists = { readonly [K in RecordKind]: readonly ValidRecord<RecordData[K]>[] };

/** Every valid record of a repository and its config: what the cross-record rules look at. */
export type RecordSet = { readonly config: Config } & RecordLists;

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

/** The same records without those `drop` names by path: the set without its broken files, say. */
export function withoutPaths(records: RecordSet, drop: ReadonlySet<string>): RecordSet {
  const lists: { [K in RecordKind]: ValidRecord<RecordData[K]>[] } = perKind((): never[] => []);
  for (const kind of KIND_NAMES) keepInto(kind, records, drop, lists);
  return { config: records.config, ...lists };
}

function keepInto<K extends RecordKind>(
  kind: K,
  from: RecordLists,
  drop: ReadonlySet<string>,
  into: { [P in RecordKind]: ValidRecord<RecordData[P]>[] },
): void {
  for (const record of from[kind]) if (!drop.has(record.path)) into[kind].push(record);
}
