import { findingAt } from '../../findings.js';
import { CANCEL_REASON_FIELDS, STATUS_FIELDS } from '../../gate/lifecycle.js';
import type { RecordRule } from '../../records/record-set.js';

/** Each status has the keys it needs (resolved: resolved_at and resolution, …) and none it forbids. */
export const statusFields: RecordRule = {
  id: 'record/status-fields',
  check({ incidents }) {
    return incidents.flatMap((record) => {
      const { status, cancel_reason } = record.data;
      const { needs, forbids } = STATUS_FIELDS[status];
      const cancelNeeds = status === 'cancelled' && cancel_reason ? CANCEL_REASON_FIELDS[cancel_reason] : undefined;
      return [
        ...[...needs, ...(cancelNeeds ? [cancelNeeds] : [])]
          .filter((key) => record.data[key] === undefined)
          .map((key) =>
            findingAt(
              record,
              ['status'],
              this.id,
              `Status ${status}${cancelNeeds === key ? ` with cancel_reason ${cancel_reason}` : ''} needs ${key}, which is empty or missing`,
            ),
          ),
        ...forbids
          .filter((key) => record.data[key] !== undefined)
          .map((key) =>
            findingAt(
              record,
              [key],
              this.id,
              `${key} is set, but the status is ${status}: ${key} stays empty until the record gets there (a reopen clears it)`,
            ),
          ),
      ];
    });
  },
};
