import { findingAt } from '../../findings.js';
import type { RecordRule } from '../../records/record-set.js';

/** The last update's status is the record's status: every status change adds an update. */
export const lastUpdateStatus: RecordRule = {
  id: 'record/last-update-status',
  check({ incidents }) {
    return incidents.flatMap((record) => {
      const last = record.data.updates.length - 1;
      const update = record.data.updates[last]!;
      if (update.status === record.data.status) return [];
      return [
        findingAt(
          record,
          ['updates', last, 'status'],
          this.id,
          `The last update's status is ${update.status}, but the record's status is ${record.data.status}: every status change adds an update with the new status`,
        ),
      ];
    });
  },
};
