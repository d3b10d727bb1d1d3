import { findingAt } from '../../findings.js';
import { movedIncidents, type ChangeRule } from '../../gate/pull-request.js';

/** A reopen (resolved → investigating) says why in reopen_reason, new text for each reopen. */
export const lifecycleReopenReason: ChangeRule = {
  id: 'lifecycle/reopen-reason',
  check(pullRequest) {
    return movedIncidents(pullRequest).flatMap(({ base, head }) => {
      if (base.data.status !== 'resolved' || head.data.status !== 'investigating') return [];
      const reason = head.data.reopen_reason;
      if (reason !== undefined && reason !== base.data.reopen_reason) return [];
      const problem = reason === undefined ? 'reopen_reason is empty' : 'reopen_reason is the one given for an earlier reopen';
      return [
        findingAt(
          head,
          reason === undefined ? ['status'] : ['reopen_reason'],
          this.id,
          `Reopening ${head.data.id} needs a reason, but ${problem}: say in reopen_reason why the resolution did not hold`,
        ),
      ];
    });
  },
};
