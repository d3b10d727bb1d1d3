import { findingAt } from '../../findings.js';
import { TIMESTAMP_ORDER } from '../../gate/lifecycle.js';
import { movedIncidents, type ChangeRule } from '../../gate/pull-request.js';

/**
 * A warning when a timestamp that was already recorded changes (a reopen clearing resolved_at
 * aside): SLA results move with it, so a reviewer should see it. A correction is still allowed.
 */
export const lifecycleTimestampChanged: ChangeRule = {
  id: 'lifecycle/timestamp-changed',
  check(pullRequest) {
    return movedIncidents(pullRequest).flatMap(({ base, head }) =>
      TIMESTAMP_ORDER[head.data.type].flatMap((key) => {
        const before = base.data[key];
        const after = head.data[key];
        if (before === undefined || before === after || (after === undefined && key === 'resolved_at' && base.data.status === 'resolved')) return [];
        const what = after === undefined ? 'was cleared' : `changed to ${after}`;
        return [
          findingAt(
            head,
            after === undefined ? ['status'] : [key],
            this.id,
            `${key} was ${before} and ${what}: SLA results and the report move with it, so say why in the pull request`,
            { severity: 'warning' },
          ),
        ];
      }),
    );
  },
};
