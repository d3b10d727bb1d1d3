import { findingAt } from '../../findings.js';
import type { RecordRule } from '../../records/record-set.js';

/** A record lists each affected service once. */
export const uniqueService: RecordRule = {
  id: 'record/unique-service',
  check({ incidents }) {
    return incidents.flatMap((record) =>
      record.data.services.flatMap((service, index) => {
        const first = record.data.services.findIndex((other) => other.id === service.id);
        if (first === index) return [];
        return [
          findingAt(record, ['services', index, 'id'], this.id, `Service ${service.id} is listed twice (also services[${first}]): list each service once`),
        ];
      }),
    );
  },
};
