import { findingAt, type RecordRule } from '../record-set.js';

/** A known error's match patterns are regular expressions that compile. */
export const knownErrorPattern: RecordRule = {
  id: 'record/known-error-pattern',
  check({ knownErrors }) {
    return knownErrors.flatMap((record) =>
      (record.data.match?.patterns ?? []).flatMap((pattern, index) => {
        try {
          new RegExp(pattern, 'i');
          return [];
        } catch (error) {
          const reason = error instanceof Error ? error.message : String(error);
          return [{ ...findingAt(record, ['match', 'patterns', index], this.id, `Pattern ${JSON.stringify(pattern)} is not a valid regular expression: ${reason}`), cause: error }];
        }
      }),
    );
  },
};
