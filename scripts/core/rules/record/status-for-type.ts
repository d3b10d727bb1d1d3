import { findingAt } from '../../findings.js';
import { STATUSES } from '../../gate/lifecycle.js';
import type { RecordRule } from '../../records/record-set.js';
import { listOf } from '../../suggest.js';

/** A record's status, and each update's, belong to its type's lifecycle (incident or maintenance). */
export const statusForType: RecordRule = {
  id: 'record/status-for-type',
  check({ incidents }) {
    return incidents.flatMap((record) => {
      const { type } = record.data;
      const allowed = STATUSES[type];
      const used = [
        { path: ['status'], status: record.data.status },
        ...record.data.updates.map((update, index) => ({ path: ['updates', index, 'status'], status: update.status })),
      ];
      return used
        .filter(({ status }) => !allowed.includes(status))
        .map(({ path, status }) => findingAt(record, path, this.id, `"${status}" is not a status of type ${type}: expected ${listOf(allowed)}`));
    });
  },
};
