import type { Finding } from '../../findings.js';
import { findingAt, type RecordRule, type Valid } from '../../records/record-set.js';

/** No two incidents, and no two known errors, share an id. */
export const uniqueId: RecordRule = {
  id: 'record/unique-id',
  check({ incidents, knownErrors }) {
    return [...duplicates(incidents, this.id), ...duplicates(knownErrors, this.id)];
  },
};

function duplicates(records: readonly Valid<{ id: string }>[], rule: string): Finding[] {
  const byId = new Map<string, Valid<{ id: string }>[]>();
  for (const record of records) byId.set(record.data.id, [...(byId.get(record.data.id) ?? []), record]);
  return [...byId.values()]
    .filter((group) => group.length > 1)
    .flatMap((group) =>
      group.map((record) => {
        const others = group.filter((other) => other !== record).map((other) => other.path);
        return findingAt(record, ['id'], rule, `id ${record.data.id} is also used by ${others.join(', ')}: every record needs its own id`);
      }),
    );
}
