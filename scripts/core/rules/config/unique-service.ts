import { findingAt } from '../../findings.js';
import type { ConfigRule } from '../../records/record-set.js';

/** Each service id appears once in the config. */
export const configUniqueService: ConfigRule = {
  id: 'config/unique-service',
  check(config) {
    const ids = config.data.services.map((service) => service.id);
    return ids.flatMap((id, index) => {
      const first = ids.indexOf(id);
      if (first === index) return [];
      return [findingAt(config, ['services', index, 'id'], this.id, `Service id ${id} is used twice (also services[${first}]): service ids must be unique`)];
    });
  },
};
