import { findingAt, type Finding, type Source } from '../../findings.js';
import { descriptorOf, idInData, KIND_NAMES } from '../../records/kinds.js';
import type { RecordRule } from '../../records/record-set.js';

/** No two records of a kind share an id. Only kinds that allocate ids of their own: a postmortem's is its incident's (id-matches-file). */
export const uniqueId: RecordRule = {
  id: 'record/unique-id',
  check(records) {
    return KIND_NAMES.filter((kind) => descriptorOf(kind).nextId !== undefined).flatMap((kind) =>
      duplicates(
        records[kind].map((record) => [idInData(kind, record.data), record] as const),
        this.id,
      ),
    );
  },
};

function duplicates(records: readonly (readonly [string, Source])[], rule: string): Finding[] {
  const byId = new Map<string, Source[]>();
  for (const [id, record] of records) byId.set(id, [...(byId.get(id) ?? []), record]);
  return [...byId].flatMap(([id, group]) =>
    group.length < 2
      ? []
      : group.map((record) => {
          const others = group.filter((other) => other !== record).map((other) => other.path);
          return findingAt(record, ['id'], rule, `id ${id} is also used by ${others.join(', ')}: every record needs its own id`);
        }),
  );
}
