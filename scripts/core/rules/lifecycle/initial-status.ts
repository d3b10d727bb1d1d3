import { findingAt } from '../../findings.js';
import { INITIAL_STATUSES } from '../../gate/lifecycle.js';
import { addedIncidents, type ChangeRule } from '../../gate/pull-request.js';

/** A new incident starts in any status but closed; a new maintenance starts as scheduled. */
export const lifecycleInitialStatus: ChangeRule = {
  id: 'lifecycle/initial-status',
  check(pullRequest) {
    return addedIncidents(pullRequest).flatMap((record) => {
      const { type, status } = record.data;
      if (INITIAL_STATUSES[type].includes(status)) return [];
      return [
        findingAt(
          record,
          ['status'],
          this.id,
          `A new ${type} cannot start as "${status}": expected one of ${INITIAL_STATUSES[type].join(', ')}${status === 'closed' ? ' (a record written after the fact starts as resolved, and closes in a later pull request)' : ''}`,
        ),
      ];
    });
  },
};
