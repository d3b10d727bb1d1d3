import { findingAt } from '../../findings.js';
import type { Source } from '../../findings.js';
import type { RecordRule } from '../../records/record-set.js';
import type { YamlPath } from '../../records/parse-yaml.js';
import { closestMatch } from '../../suggest.js';

/** Every service a record names is one of the config's services. */
export const knownService: RecordRule = {
  id: 'record/known-service',
  check({ config, incidents, knownErrors, problems }) {
    const known = config.services.map((service) => service.id);
    const named: { source: Source; path: YamlPath; id: string }[] = [
      ...incidents.flatMap((record) => [
        ...record.data.services.map((service, index) => ({ source: record, path: ['services', index, 'id'] as YamlPath, id: service.id })),
        ...record.data.updates.flatMap((update, at) =>
          (update.services ?? []).map((service, index) => ({ source: record, path: ['updates', at, 'services', index, 'id'] as YamlPath, id: service.id })),
        ),
      ]),
      ...knownErrors.flatMap((record) => [
        ...record.data.services.map((id, index) => ({ source: record, path: ['services', index], id })),
        ...(record.data.match?.services ?? []).map((id, index) => ({ source: record, path: ['match', 'services', index], id })),
      ]),
      ...problems.flatMap((record) => record.data.services.map((id, index) => ({ source: record, path: ['services', index], id }))),
    ];
    return named
      .filter(({ id }) => !known.includes(id))
      .map(({ source, path, id }) => {
        const guess = closestMatch(id, known);
        const hint = guess ? `did you mean "${guess}"?` : `expected one of ${known.join(', ')}`;
        return findingAt(source, path, this.id, `Unknown service "${id}": it is not in incidents.config.yml; ${hint}`);
      });
  },
};
