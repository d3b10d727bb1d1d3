import { descriptorOf, idOfPath, idsInText, KIND_NAMES, recordKindOf, type RecordKind } from '../records/kinds.js';
import type { TextFile } from '../records/validate.js';

/** What of the unchanged record files a change needs, once its files are read: which to read, and which to check. */
export interface ChangeNeeds {
  /** Whether an unchanged record file is read for the id its name gives, which the changed files name (those of kinds read for every change are read anyway). */
  reads(path: string): boolean;
  /** Whether a file read is checked with the changed ones: of a kind read for every change, only one that may matter. */
  keeps(file: TextFile): boolean;
}

/**
 * Of the kinds read for every change, the word a file must hold to matter to a change that does not
 * name it: a known error matches new incidents only while `active` (retired and fixed ones, most of
 * them in a repository kept for years, match none). A kind not listed matters always.
 */
const MATTERS_WHEN_IT_SAYS: Partial<Record<RecordKind, string>> = { knownErrors: 'active' };

/** The folders of the kinds read for every change, with their `/`: a path elsewhere is none of theirs. */
const EVERY_CHANGE_FOLDERS = [
  ...new Set(KIND_NAMES.filter((kind) => descriptorOf(kind).readForEveryChange === true).map((kind) => `${descriptorOf(kind).folder}/`)),
];

/** Whether a record file is of a kind check-pr reads for every change (records/kinds.ts), whatever the change names: it can read those while it reads the changed files. */
export function readForEveryChange(path: string): boolean {
  // Asked of every path of a large tree: most are in no such folder, and are passed over first.
  if (!EVERY_CHANGE_FOLDERS.some((folder) => path.startsWith(folder))) return false;
  const kind = recordKindOf(path);
  return kind !== undefined && descriptorOf(kind).readForEveryChange === true;
}

/**
 * Which unchanged record files the checks of a change need, so that check-pr reads only those:
 * every record of a kind read for every change (readForEveryChange: a known error matches any new
 * incident, a problem lists incidents that do not name it), and every record whose file name gives
 * an id the changed files name anywhere (their own, duplicate_of, known_error, a postmortem's
 * incident, and more), for the uniqueness, reference and postmortem rules. The rest are not read:
 * no rule about the changed files looks at them.
 *
 * Of those read for every change, a known error that cannot be active is not checked: its text
 * lacks the word, and a backslash (a YAML escape could spell it), and every id the changed files
 * name (it could share an id with one of them).
 */
export function recordsAChangeNeeds(changed: readonly TextFile[]): ChangeNeeds {
  const ids = new Set<string>();
  for (const file of changed) {
    const own = idOfPath(file.path);
    if (own) ids.add(own);
    for (const id of idsInText(file.text)) ids.add(id);
  }
  // One search for every id named: most of a hundred thousand paths hold none, and are passed over.
  const named = ids.size === 0 ? undefined : new RegExp([...ids].map((id) => id.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|'));
  const namedByPath = (path: string): boolean => named !== undefined && named.test(path) && ids.has(idOfPath(path) ?? '');
  return {
    reads: namedByPath,
    keeps({ path, text }) {
      const kind = recordKindOf(path);
      const word = kind && MATTERS_WHEN_IT_SAYS[kind];
      return word === undefined || text.includes(word) || text.includes('\\') || (named !== undefined && named.test(text)) || namedByPath(path);
    },
  };
}
