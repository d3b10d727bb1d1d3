import { descriptorOf, idOfPath, idsInText, recordKindOf } from '../records/kinds.js';
import type { TextFile } from '../records/validate.js';

/**
 * Which unchanged record files the checks of a change need, so that check-pr reads only those:
 * every record of a kind read for every change (a known error matches any new incident, a problem
 * lists incidents that do not name it: records/kinds.ts), and every record whose file name gives
 * an id the changed files name anywhere (their own, duplicate_of, known_error, a postmortem's
 * incident, and more), for the uniqueness, reference and postmortem rules. The rest are not read:
 * no rule about the changed files looks at them.
 */
export function recordsAChangeNeeds(changed: readonly TextFile[]): (path: string) => boolean {
  const ids = new Set<string>();
  for (const file of changed) {
    const own = idOfPath(file.path);
    if (own) ids.add(own);
    for (const id of idsInText(file.text)) ids.add(id);
  }
  return (path) => {
    const kind = recordKindOf(path);
    return (kind !== undefined && descriptorOf(kind).readForEveryChange === true) || ids.has(idOfPath(path) ?? '');
  };
}
