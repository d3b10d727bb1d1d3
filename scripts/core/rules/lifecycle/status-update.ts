import { findingAt } from '../../findings.js';
import { movedIncidents, type ChangeRule } from '../../gate/pull-request.js';

/** Every status change adds an update with the new status: the public hears of every move. */
export const lifecycleStatusUpdate: ChangeRule = {
  id: 'lifecycle/status-update',
  check(pullRequest) {
    return movedIncidents(pullRequest).flatMap(({ base, head }) => {
      const status = head.data.status;
      if (base.data.status === status) return [];
      const added = head.data.updates.slice(base.data.updates.length);
      if (added.some((update) => update.status === status)) return [];
      return [
        findingAt(
          head,
          ['status'],
          this.id,
          `The status changed from ${base.data.status} to ${status}, but no update with status ${status} was added: add one at the end of updates saying what changed`,
        ),
      ];
    });
  },
};
