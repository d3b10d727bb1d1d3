import { RE2JS } from 're2js';
import type { Incident, KnownError } from '../records/types.js';

/**
 * What the gate runs of known errors' patterns, so that matching takes seconds at worst, whatever a
 * pull request holds. RE2 takes time linear in the text, but in the size of the pattern's program
 * too (`a{1000}x` is 1,003 instructions), so both are bounded, and so is the whole run.
 */
export const KNOWN_ERROR_BOUNDS = {
  /** RE2 instructions one pattern may compile to (`export.*time(d)? ?out` is 23; `a{250}x`, 253). */
  programSize: 250,
  /** Patterns in one known error's `match`. */
  patternsPerKnownError: 20,
  /** Patterns in all active known errors together. */
  patternsInAll: 200,
  /** Characters of an incident's first update that are matched (its title is at most 200). */
  textExamined: 2_000,
  /** Steps (characters × instructions) of matching in one run of the gate, for all its new incidents. */
  steps: 30_000_000,
} as const;

/** A compiled pattern: its program's size, and a case-insensitive search. */
export type CompiledPattern = { ok: true; size: number; test: (text: string) => boolean } | { ok: false; message: string; tooLarge: boolean };

/**
 * Compiles a known error's pattern, case-insensitive, with RE2: no pattern (`(a+)+$` included)
 * backtracks. RE2 has no backreferences or lookaround; such a pattern is refused with RE2's message,
 * and so is one whose program is larger than KNOWN_ERROR_BOUNDS.programSize.
 */
export function compilePattern(pattern: string): CompiledPattern {
  let compiled;
  try {
    compiled = RE2JS.compile(pattern, RE2JS.CASE_INSENSITIVE);
  } catch (error) {
    return { ok: false, message: error instanceof Error ? error.message : String(error), tooLarge: false };
  }
  const size = compiled.programSize();
  if (size > KNOWN_ERROR_BOUNDS.programSize)
    return { ok: false, message: `it compiles to ${size} RE2 instructions, more than ${KNOWN_ERROR_BOUNDS.programSize}`, tooLarge: true };
  return { ok: true, size, test: (text) => compiled.matcher(text).find() };
}

/** Where a pattern stands against the bounds on how many patterns run: its position, and what it exceeds. */
export interface PatternCount {
  knownError: KnownError;
  index: number;
  pattern: string;
  /** Why the pattern does not run, when it is beyond a bound on the number of patterns. */
  beyond?: 'patternsPerKnownError' | 'patternsInAll';
}

/**
 * The patterns of the active known errors, in order, each marked when it is beyond the number of
 * patterns a known error, or all of them together, may have: those are never run.
 */
export function countPatterns(knownErrors: readonly KnownError[]): PatternCount[] {
  let inAll = 0;
  return knownErrors.flatMap((knownError) => {
    if (knownError.status !== 'active' || !knownError.match) return [];
    return knownError.match.patterns.map((pattern, index): PatternCount => {
      if (index >= KNOWN_ERROR_BOUNDS.patternsPerKnownError) return { knownError, index, pattern, beyond: 'patternsPerKnownError' };
      inAll += 1;
      return inAll > KNOWN_ERROR_BOUNDS.patternsInAll ? { knownError, index, pattern, beyond: 'patternsInAll' } : { knownError, index, pattern };
    });
  });
}

/** What a known error's `match` found in an incident: the pattern and the text it matched. */
export interface KnownErrorMatch {
  knownError: KnownError;
  pattern: string;
  text: string;
}

/** The known errors an incident looks like, and whether every pattern that applies could be run on it. */
export interface KnownErrorMatches {
  matches: KnownErrorMatch[];
  /** False when the run's steps (KNOWN_ERROR_BOUNDS.steps) ran out before every pattern was tried. */
  complete: boolean;
}

/**
 * A matcher for one run of the gate: the active known errors' patterns compiled once (those beyond
 * the bounds left out), and the run's budget of steps shared by every incident it is given.
 */
export function knownErrorMatcher(knownErrors: readonly KnownError[]): (incident: Incident) => KnownErrorMatches {
  const compiled = new Map<KnownError, { pattern: string; compiled: CompiledPattern }[]>();
  for (const { knownError, pattern, beyond } of countPatterns(knownErrors)) {
    if (beyond) continue;
    compiled.set(knownError, [...(compiled.get(knownError) ?? []), { pattern, compiled: compilePattern(pattern) }]);
  }
  let steps: number = KNOWN_ERROR_BOUNDS.steps;
  return (incident) => {
    const message = incident.updates[0]?.message;
    const texts = [incident.title, message?.slice(0, KNOWN_ERROR_BOUNDS.textExamined)].filter((text) => text !== undefined);
    const services = new Set(incident.services.map((service) => service.id));
    let complete = true;
    const matches = [...compiled].flatMap(([knownError, patterns]) => {
      if (!(knownError.match!.services ?? knownError.services).some((id) => services.has(id))) return [];
      for (const { pattern, compiled: search } of patterns) {
        if (!search.ok) continue;
        for (const text of texts) {
          const cost = (text.length + 1) * search.size;
          if (cost > steps) {
            complete = false;
            continue;
          }
          steps -= cost;
          if (search.test(text)) return [{ knownError, pattern, text }];
        }
      }
      return [];
    });
    return { matches, complete };
  };
}

/**
 * The active known errors an incident looks like: it affects one of the services the known error's
 * `match` names (default: the known error's services), and one of its patterns matches the title or
 * the start of the first update's message (KNOWN_ERROR_BOUNDS). One incident alone: a run of the gate
 * over several uses knownErrorMatcher, whose budget they share.
 */
export function matchKnownErrors(incident: Incident, knownErrors: readonly KnownError[]): KnownErrorMatch[] {
  return knownErrorMatcher(knownErrors)(incident).matches;
}
