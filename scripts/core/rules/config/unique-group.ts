import { findingAt } from '../../findings.js';
import type { ConfigRule } from '../../records/record-set.js';
import { groupComponentId } from '../../status/status-model.js';

/**
 * Two different group names never give the same component id in the Statuspage API (`Back office`
 * and `back-office` would both be group_back-office): the second is refused at its line.
 */
export const configUniqueGroup: ConfigRule = {
  id: 'config/unique-group',
  check(config) {
    const named = new Map<string, string>();
    return config.data.services.flatMap((service, index) => {
      if (service.group === undefined) return [];
      const id = groupComponentId(service.group);
      const first = named.get(id);
      if (first === undefined) named.set(id, service.group);
      if (first === undefined || first === service.group) return [];
      return [
        findingAt(
          config,
          ['services', index, 'group'],
          this.id,
          `Group "${service.group}" and group "${first}" would both be the component ${id} on the status page: use one name for one group, or names that differ in their letters a-z or digits`,
        ),
      ];
    });
  },
};
