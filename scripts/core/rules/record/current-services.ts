import { findingAt } from '../../findings.js';
import type { RecordRule } from '../../records/record-set.js';
import { stateChanges } from '../../status/service-history.js';

/**
 * Once updates record the services' states, the first update records them too (the first recorded
 * states hold from the start, so a later one alone would rewrite the whole incident), and the
 * record's `services` say the states of the latest one: a change of state is recorded by an update
 * (with its time), never by editing `services` alone.
 */
export const currentServices: RecordRule = {
  id: 'record/current-services',
  check({ incidents }) {
    return incidents.flatMap((record) => {
      const index = record.data.updates.findLastIndex((update) => update.services !== undefined);
      if (index === -1) return [];
      if (record.data.updates[0]!.services === undefined) {
        return [
          findingAt(
            record,
            ['updates', 0],
            this.id,
            `The first update records no services' states, but updates[${index}] does: the first recorded states would hold from the start. Give the first update the states the services had then (incidents update --service writes them)`,
            { at: 'key' },
          ),
        ];
      }
      const changes = stateChanges(record.data.updates[index]!.services!, record.data.services);
      if (changes.length === 0) return [];
      const differences = changes.map((change) => `${change.id} is ${change.to} here but ${change.from} there`).join('; ');
      return [
        findingAt(
          record,
          ['services'],
          this.id,
          `services differ from the states the latest update records (updates[${index}].services, ${record.data.updates[index]!.at}): ${differences}. Record a change of state with a new update (incidents update ${record.data.id} --status ${record.data.status} --message M --service ID=STATE)`,
          { at: 'key' },
        ),
      ];
    });
  },
};
