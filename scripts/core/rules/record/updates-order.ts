import { findingAt } from '../../findings.js';
import type { RecordRule } from '../../records/record-set.js';
import { toMillis } from '../../time/timestamps.js';

/** Updates are written oldest first. */
export const updatesOrder: RecordRule = {
  id: 'record/updates-order',
  check({ incidents }) {
    return incidents.flatMap((record) =>
      record.data.updates.flatMap((update, index) => {
        const previous = record.data.updates[index - 1];
        if (!previous || toMillis(previous.at) <= toMillis(update.at)) return [];
        return [
          findingAt(
            record,
            ['updates', index, 'at'],
            this.id,
            `updates[${index}] at ${update.at} is older than updates[${index - 1}] at ${previous.at}: updates are listed oldest first`,
          ),
        ];
      }),
    );
  },
};
