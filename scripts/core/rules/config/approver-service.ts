import { findingAt } from '../../findings.js';
import type { ConfigRule } from '../../records/record-set.js';
import { closestMatch } from '../../suggest.js';

/** Per-service approvers name services that exist. */
export const configApproverService: ConfigRule = {
  id: 'config/approver-service',
  check(config) {
    const known = config.data.services.map((service) => service.id);
    return Object.keys(config.data.approvers.services ?? {})
      .filter((id) => !known.includes(id))
      .map((id) => {
        const guess = closestMatch(id, known);
        return findingAt(
          config,
          ['approvers', 'services', id],
          this.id,
          `approvers.services names ${id}, which is not a service${guess ? `: did you mean "${guess}"?` : `: expected one of ${known.join(', ')}`}`,
          { at: 'key' },
        );
      });
  },
};
