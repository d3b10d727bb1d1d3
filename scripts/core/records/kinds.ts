import incidentSchema from '../../../schemas/incident.schema.json' with { type: 'json' };
import knownErrorSchema from '../../../schemas/known-error.schema.json' with { type: 'json' };
import postmortemSchema from '../../../schemas/postmortem.schema.json' with { type: 'json' };
import problemSchema from '../../../schemas/problem.schema.json' with { type: 'json' };
import type { Schemas } from './schema-types.js';

/**
 * The kinds of record, one descriptor each: everything that reads, checks, gates or writes records
 * loops over this list. A new kind is a descriptor here, its schema, and its rules in rules/index.ts.
 */

/** What the code knows of one kind of record. */
export interface RecordKindDescriptor {
  /** The schema its frontmatter must pass, by the name the generated types use (schema-types.ts). */
  schemaName: Exclude<keyof Schemas, 'config'>;
  /** That schema, schemas/<name>.schema.json. */
  schema: { $schema: string; $id: string; properties: object };
  /** What one record is called in messages. */
  noun: string;
  /** The folder its files live in, directly (never in sub-folders). */
  folder: string;
  /** The file names it takes in its folder; the id is the name up to the first `.` or slug. */
  fileName: RegExp;
  /** Those names, for messages. */
  fileNameHint: string;
  /** The shape of its ids (unanchored, for searching text too). */
  idPattern: RegExp;
  /** The key that holds the id its file name gives: `id`, or for a postmortem `incident`. */
  idKey: string;
  /**
   * The id a new record of this kind gets, after those taken (undefined when none is left); absent
   * when its id is another record's. `at` is when it is written, ISO 8601.
   */
  nextId?: (taken: readonly string[], at: string) => string | undefined;
  /** What to do instead of deleting one: records are never deleted. */
  insteadOfDeleting: string;
  /**
   * True when check-pr reads every record of this kind for any change, not only those the changed
   * files name: a known error matches any new incident, and a problem lists incidents that do not
   * name it. It checks those that may matter (core/gate/records-a-change-needs.ts).
   */
  readForEveryChange?: boolean;
}

const SLUG = '(?:-[a-z0-9][a-z0-9-]*)?';

/** Every kind of record, by the name its valid records go by in a RecordSet. */
export const RECORD_KINDS = {
  incidents: {
    schemaName: 'incident',
    schema: incidentSchema,
    noun: 'incident',
    folder: 'incidents',
    fileName: new RegExp(`^INC-\\d{4}-\\d{4}${SLUG}\\.md$`),
    fileNameHint: 'INC-YYYY-NNNN.md (optionally INC-YYYY-NNNN-some-slug.md)',
    idPattern: /INC-\d{4}-\d{4}/,
    idKey: 'id',
    nextId: (taken, at) => nextNumbered(taken, `INC-${at.slice(0, 4)}-`),
    insteadOfDeleting: 'cancel an incident instead (status: cancelled with a cancel_reason, e.g. duplicate or false_positive)',
  },
  postmortems: {
    schemaName: 'postmortem',
    schema: postmortemSchema,
    noun: 'postmortem',
    folder: 'incidents',
    fileName: /^INC-\d{4}-\d{4}\.postmortem\.md$/,
    fileNameHint: 'INC-YYYY-NNNN.postmortem.md',
    idPattern: /INC-\d{4}-\d{4}/,
    idKey: 'incident',
    insteadOfDeleting: 'a postmortem stays with its incident: edit it instead',
  },
  knownErrors: {
    schemaName: 'known_error',
    schema: knownErrorSchema,
    noun: 'known error',
    folder: 'known-errors',
    fileName: new RegExp(`^KE-\\d{4}${SLUG}\\.md$`),
    fileNameHint: 'KE-NNNN.md',
    idPattern: /KE-\d{4}/,
    idKey: 'id',
    nextId: (taken) => nextNumbered(taken, 'KE-'),
    insteadOfDeleting: 'set a known error that no longer applies to status: fixed or retired',
    readForEveryChange: true,
  },
  problems: {
    schemaName: 'problem',
    schema: problemSchema,
    noun: 'problem',
    folder: 'problems',
    fileName: new RegExp(`^PRB-\\d{4}${SLUG}\\.md$`),
    fileNameHint: 'PRB-NNNN.md',
    idPattern: /PRB-\d{4}/,
    idKey: 'id',
    nextId: (taken) => nextNumbered(taken, 'PRB-'),
    insteadOfDeleting: 'cancel a problem instead (status: cancelled with a cancel_reason: duplicate or not_a_problem)',
    readForEveryChange: true,
  },
} as const satisfies Record<string, RecordKindDescriptor>;

/** The name of a kind of record, as a RecordSet holds it: `incidents`, `postmortems`, `knownErrors`, `problems`. */
export type RecordKind = keyof typeof RECORD_KINDS;

/** The frontmatter type of each kind, generated from its schema. */
export type RecordData = { [K in RecordKind]: NonNullable<Schemas[(typeof RECORD_KINDS)[K]['schemaName']]> };

/** A kind's descriptor, seen through the interface every kind shares (optional parts may be absent). */
export function descriptorOf(kind: RecordKind): RecordKindDescriptor {
  return RECORD_KINDS[kind];
}

/** Every kind's name, in the registry's order. */
export const KIND_NAMES = Object.keys(RECORD_KINDS) as RecordKind[];

/** The folders records live in, each once. */
export const RECORD_FOLDERS: readonly string[] = [...new Set(KIND_NAMES.map((kind) => RECORD_KINDS[kind].folder))];

/** Tells a record's kind from its path relative to the root, or undefined when the path fits none. */
export function recordKindOf(path: string): RecordKind | undefined {
  const slash = path.indexOf('/');
  if (slash === -1) return undefined;
  const folder = path.slice(0, slash);
  const name = path.slice(slash + 1);
  return KIND_NAMES.find((kind) => RECORD_KINDS[kind].folder === folder && RECORD_KINDS[kind].fileName.test(name));
}

/** What record files may be named, for messages. */
export const RECORD_FILE_NAMES = listOr(KIND_NAMES.map((kind) => `${RECORD_KINDS[kind].folder}/${RECORD_KINDS[kind].fileNameHint}`));

/** The id a record file's name gives: incidents/INC-2026-0042-db.md and INC-2026-0042.postmortem.md give INC-2026-0042. */
export function idOfPath(path: string): string | undefined {
  const kind = recordKindOf(path);
  return kind && RECORD_KINDS[kind].idPattern.exec(path.slice(path.indexOf('/') + 1))?.[0];
}

/** The id a valid record's frontmatter holds, at its kind's idKey (every schema requires it). */
export function idInData(kind: RecordKind, data: object): string {
  return String(Reflect.get(data, RECORD_KINDS[kind].idKey));
}

const ANY_ID = new RegExp(`\\b(?:${[...new Set(KIND_NAMES.map((kind) => RECORD_KINDS[kind].idPattern.source))].join('|')})\\b`, 'g');

/** Every record id named anywhere in a text, of any kind. */
export function idsInText(text: string): string[] {
  return [...text.matchAll(ANY_ID)].map(([id]) => id);
}

/** The next number after the largest taken with this prefix, as four digits (`KE-` after KE-0007 gives KE-0008); undefined after 9999. */
function nextNumbered(taken: readonly string[], prefix: string): string | undefined {
  const numbers = taken.filter((id) => id.startsWith(prefix) && /^\d{4}$/.test(id.slice(prefix.length))).map((id) => Number(id.slice(prefix.length)));
  const next = Math.max(0, ...numbers) + 1;
  return next > 9999 ? undefined : `${prefix}${String(next).padStart(4, '0')}`;
}

function listOr(items: readonly string[]): string {
  return items.length < 2 ? items.join('') : `${items.slice(0, -1).join(', ')} or ${items.at(-1)}`;
}

/** One value per kind, made by `make`: the way to start per-kind lists without naming the kinds. */
export function perKind<T>(make: (kind: RecordKind) => T): { [K in RecordKind]: T } {
  return Object.fromEntries(KIND_NAMES.map((kind) => [kind, make(kind)])) as { [K in RecordKind]: T };
}
