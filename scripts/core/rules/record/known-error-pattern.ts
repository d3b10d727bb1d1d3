import { findingAt } from '../../findings.js';
import { compilePattern, countPatterns, KNOWN_ERROR_BOUNDS } from '../../gate/known-error-match.js';
import type { RecordRule } from '../../records/record-set.js';

/**
 * A known error's match patterns are regular expressions that RE2 compiles (no backreferences or
 * lookaround), within the bounds that keep the gate's matching to seconds (KNOWN_ERROR_BOUNDS): the
 * size of each pattern's program, the patterns of one known error and of all active ones together.
 */
export const knownErrorPattern: RecordRule = {
  id: 'record/known-error-pattern',
  check({ knownErrors }) {
    const records = new Map(knownErrors.map((record) => [record.data, record]));
    const beyond = countPatterns(knownErrors.map((record) => record.data)).flatMap(({ knownError, index, beyond }) => {
      if (!beyond) return [];
      const message =
        beyond === 'patternsPerKnownError'
          ? `A known error has at most ${KNOWN_ERROR_BOUNDS.patternsPerKnownError} patterns, and this is pattern ${index + 1}: join patterns with | or keep the telling ones`
          : `The active known errors have at most ${KNOWN_ERROR_BOUNDS.patternsInAll} patterns in all, and this one is beyond: retire known errors that no longer happen, or join patterns with |`;
      return [findingAt(records.get(knownError)!, ['match', 'patterns', index], this.id, message)];
    });
    const uncompiled = knownErrors.flatMap((record) =>
      (record.data.match?.patterns ?? []).flatMap((pattern, index) => {
        const compiled = compilePattern(pattern);
        if (compiled.ok) return [];
        const why = compiled.tooLarge
          ? `${compiled.message}: use smaller repetition counts ({n}) and fewer alternatives, so the gate's matching stays fast`
          : `${compiled.message}. Patterns use RE2 syntax, which has no backreferences or lookaround`;
        return [
          findingAt(record, ['match', 'patterns', index], this.id, `Pattern ${JSON.stringify(pattern)} is not a regular expression the gate can run: ${why}`),
        ];
      }),
    );
    return [...uncompiled, ...beyond];
  },
};
