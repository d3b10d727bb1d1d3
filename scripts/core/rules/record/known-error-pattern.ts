import { findingAt } from '../../findings.js';
import { compilePattern } from '../../gate/known-error-match.js';
import type { RecordRule } from '../../records/record-set.js';

/** A known error's match patterns are regular expressions that RE2 compiles (no backreferences or lookaround). */
export const knownErrorPattern: RecordRule = {
  id: 'record/known-error-pattern',
  check({ knownErrors }) {
    return knownErrors.flatMap((record) =>
      (record.data.match?.patterns ?? []).flatMap((pattern, index) => {
        const compiled = compilePattern(pattern);
        if (compiled.ok) return [];
        return [
          findingAt(
            record,
            ['match', 'patterns', index],
            this.id,
            `Pattern ${JSON.stringify(pattern)} is not a regular expression the gate can run: ${compiled.message}. Patterns use RE2 syntax, which has no backreferences or lookaround`,
          ),
        ];
      }),
    );
  },
};
