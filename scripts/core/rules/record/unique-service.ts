import { findingAt } from '../../findings.js';
import type { RecordRule } from '../../records/record-set.js';
import type { YamlPath } from '../../records/parse-yaml.js';

/** A record lists each affected service once, and so does each update that records their states. */
export const uniqueService: RecordRule = {
  id: 'record/unique-service',
  check({ incidents }) {
    return incidents.flatMap((record) => {
      const lists: [YamlPath, readonly { id: string }[]][] = [
        [['services'], record.data.services],
        ...record.data.updates.flatMap((update, at): [YamlPath, readonly { id: string }[]][] =>
          update.services ? [[['updates', at, 'services'], update.services]] : [],
        ),
      ];
      return lists.flatMap(([path, services]) =>
        services.flatMap((service, index) => {
          const first = services.findIndex((other) => other.id === service.id);
          if (first === index) return [];
          return [
            findingAt(
              record,
              [...path, index, 'id'],
              this.id,
              `Service ${service.id} is listed twice (also ${listName(path)}[${first}]): list each service once`,
            ),
          ];
        }),
      );
    });
  },
};

/** `services`, or `updates[2].services`. */
function listName(path: YamlPath): string {
  return path
    .map((part) => (typeof part === 'number' ? `[${part}]` : part))
    .join('.')
    .replaceAll('.[', '[');
}
