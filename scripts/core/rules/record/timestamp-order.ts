import { findingAt } from '../../findings.js';
import { TIMESTAMP_ORDER } from '../../gate/lifecycle.js';
import type { RecordRule } from '../../records/record-set.js';
import { toMillis } from '../../time/timestamps.js';

/** A record's timestamps that are set happen in order: started ≤ detected ≤ reported ≤ … ≤ closed. */
export const timestampOrder: RecordRule = {
  id: 'record/timestamp-order',
  check({ incidents }) {
    return incidents.flatMap((record) => {
      const order = TIMESTAMP_ORDER[record.data.type];
      const set = order.filter((key) => record.data[key] !== undefined);
      return set.flatMap((key, index) => {
        const before = set[index - 1];
        if (before === undefined || toMillis(record.data[before]!) <= toMillis(record.data[key]!)) return [];
        return [findingAt(record, [key], this.id, `${key} ${record.data[key]} is before ${before} ${record.data[before]}: expected ${order.join(' ≤ ')}`)];
      });
    });
  },
};
