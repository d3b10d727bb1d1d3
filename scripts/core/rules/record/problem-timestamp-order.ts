import { findingAt } from '../../findings.js';
import { PROBLEM_TIMESTAMP_ORDER } from '../../gate/problem-lifecycle.js';
import type { RecordRule } from '../../records/record-set.js';
import { toMillis } from '../../time/timestamps.js';

/** A problem's timestamps that are set happen in order: created_at ≤ resolved_at ≤ closed_at. */
export const problemTimestampOrder: RecordRule = {
  id: 'record/problem-timestamp-order',
  check({ problems }) {
    return problems.flatMap((record) => {
      const set = PROBLEM_TIMESTAMP_ORDER.filter((key) => record.data[key] !== undefined);
      return set.flatMap((key, index) => {
        const before = set[index - 1];
        if (before === undefined || toMillis(record.data[before]!) <= toMillis(record.data[key]!)) return [];
        return [
          findingAt(
            record,
            [key],
            this.id,
            `${key} ${record.data[key]} is before ${before} ${record.data[before]}: expected ${PROBLEM_TIMESTAMP_ORDER.join(' ≤ ')}`,
          ),
        ];
      });
    });
  },
};
