import { findingAt, type Finding } from '../../findings.js';
import { descriptorOf, idInData, KIND_NAMES } from '../../records/kinds.js';
import type { RecordRule, Valid } from '../../records/record-set.js';

/** No two records of a kind share an id. Only kinds that allocate ids of their own: a postmortem's is its incident's (id-matches-file). */
export const uniqueId: RecordRule = {
  id: 'record/unique-id',
  check(records) {
    return KIND_NAMES.filter((kind) => descriptorOf(kind).nextId !== undefined).flatMap((kind) =>
      duplicates(
        records[kind].map((record) => ({ ...record, data: { id: idInData(kind, record.data) } })),
        this.id,
      ),
    );
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
