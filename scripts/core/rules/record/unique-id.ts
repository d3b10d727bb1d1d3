import { findingAt, type Finding } from '../../findings.js';
import { idInData, KIND_NAMES, RECORD_KINDS } from '../../records/kinds.js';
import type { RecordRule, Valid } from '../../records/record-set.js';

/** No two records of a kind share an id (a postmortem's id is its incident's, checked by id-matches-file). */
export const uniqueId: RecordRule = {
  id: 'record/unique-id',
  check(records) {
    return KIND_NAMES.filter((kind) => RECORD_KINDS[kind].idKey === 'id').flatMap((kind) =>
      duplicates(
        records[kind].map((record) => ({ ...record, data: { id: String(idInData(kind, record.data)) } })),
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
