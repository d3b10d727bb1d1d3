import { findingAt } from '../../findings.js';
import type { RecordRule } from '../../records/record-set.js';
import { stateChanges } from '../../status/service-history.js';

/**
 * Once updates record the services' states, the record's `services` say the states of the latest
 * one: a change of state is recorded by an update (with its time), never by editing `services` alone.
 */
export const currentServices: RecordRule = {
  id: 'record/current-services',
  check({ incidents }) {
    return incidents.flatMap((record) => {
      const index = record.data.updates.findLastIndex((update) => update.services !== undefined);
      if (index === -1) return [];
      const changes = stateChanges(record.data.updates[index]!.services!, record.data.services);
      if (changes.length === 0) return [];
      const differences = changes.map((change) => `${change.id} is ${change.to} here but ${change.from} there`).join('; ');
      return [
        findingAt(
          record,
          ['services'],
          this.id,
          `services differ from the states the latest update records (updates[${index}].services, ${record.data.updates[index]!.at}): ${differences}. Record a change of state with a new update (incidents update ${record.data.id} --service ID=STATE)`,
          { at: 'key' },
        ),
      ];
    });
  },
};
