import type { TextFile } from '../records/validate.js';

/** The id a record file's name gives: incidents/INC-2026-0042-db.md and INC-2026-0042.postmortem.md give INC-2026-0042. */
export function idOfPath(path: string): string | undefined {
  return /^(?:incidents|known-errors)\/(INC-\d{4}-\d{4}|KE-\d{4})(?=[-.])/.exec(path)?.[1];
}

const RECORD_ID = /\b(?:INC-\d{4}-\d{4}|KE-\d{4})\b/g;

/**
 * Which unchanged record files the checks of a change need, so that check-pr reads only those:
 * every known error (the known-error match runs them all), and every record whose file name gives
 * an id the changed files name anywhere (their own, duplicate_of, known_error, a postmortem's
 * incident, and more), for the uniqueness, reference and postmortem rules. The rest are not read:
 * no rule about the changed files looks at them.
 */
export function recordsAChangeNeeds(changed: readonly TextFile[]): (path: string) => boolean {
  const ids = new Set<string>();
  for (const file of changed) {
    const own = idOfPath(file.path);
    if (own) ids.add(own);
    for (const [id] of file.text.matchAll(RECORD_ID)) ids.add(id);
  }
  return (path) => path.startsWith('known-errors/') || ids.has(idOfPath(path) ?? '');
}
