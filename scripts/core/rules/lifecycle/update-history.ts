import { findingAt } from '../../findings.js';
import { movedIncidents, type ChangeRule } from '../../gate/pull-request.js';

/**
 * Updates already published keep their time and status: they are the public record and the status
 * history the SLA clocks read. A message may be corrected.
 */
export const lifecycleUpdateHistory: ChangeRule = {
  id: 'lifecycle/update-history',
  check(pullRequest) {
    return movedIncidents(pullRequest).flatMap(({ base, head }) =>
      base.data.updates.flatMap((before, index) => {
        const after = head.data.updates[index];
        if (after && after.at === before.at && after.status === before.status) return [];
        const what = after ? 'was changed' : 'was removed';
        return [
          findingAt(
            head,
            after ? ['updates', index] : ['updates'],
            this.id,
            `The update of ${before.at} (${before.status}) ${what}: published updates keep their time, status and place (only a message may be corrected); add a new update at the end instead`,
            { at: 'key' },
          ),
        ];
      }),
    );
  },
};
