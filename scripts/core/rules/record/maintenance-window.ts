import { findingAt } from '../../findings.js';
import type { RecordRule } from '../../records/record-set.js';
import { toMillis } from '../../time/timestamps.js';

/** A maintenance has its window (scheduled_for before scheduled_until); an incident has none. */
export const maintenanceWindow: RecordRule = {
  id: 'record/maintenance-window',
  check({ incidents }) {
    return incidents.flatMap((record) => {
      const { type, scheduled_for, scheduled_until } = record.data;
      if (type === 'incident') {
        return (['scheduled_for', 'scheduled_until'] as const)
          .filter((key) => record.data[key] !== undefined)
          .map((key) => findingAt(record, [key], this.id, `${key} is for maintenance only: set type: maintenance, or leave ${key} empty`));
      }
      if (scheduled_for === undefined || scheduled_until === undefined) {
        const missing = scheduled_for === undefined ? 'scheduled_for' : 'scheduled_until';
        return [findingAt(record, ['type'], this.id, `A maintenance needs its window: ${missing} is empty or missing`)];
      }
      if (toMillis(scheduled_for) < toMillis(scheduled_until)) return [];
      return [
        findingAt(
          record,
          ['scheduled_until'],
          this.id,
          `scheduled_until ${scheduled_until} is not after scheduled_for ${scheduled_for}: the window must end after it starts`,
        ),
      ];
    });
  },
};
