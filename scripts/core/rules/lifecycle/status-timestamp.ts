import { findingAt } from '../../findings.js';
import { IMPLIED_TIMESTAMP } from '../../gate/lifecycle.js';
import { movedIncidents, type ChangeRule } from '../../gate/pull-request.js';
import { toMillis } from '../../time/timestamps.js';

/**
 * Entering a status sets the timestamp it implies (monitoring: mitigated_at, resolved: resolved_at,
 * …), and a timestamp set now is not earlier than the updates already published: the move happened
 * after them. That the timestamp is set at all is record/status-fields' job.
 */
export const lifecycleStatusTimestamp: ChangeRule = {
  id: 'lifecycle/status-timestamp',
  check(pullRequest) {
    return movedIncidents(pullRequest).flatMap(({ base, head }) => {
      const key = IMPLIED_TIMESTAMP[head.data.status];
      const value = key && head.data[key];
      const lastUpdate = base.data.updates.at(-1);
      if (base.data.status === head.data.status || !key || !value || base.data[key] === value || !lastUpdate) return [];
      if (toMillis(value) >= toMillis(lastUpdate.at)) return [];
      return [
        findingAt(
          head,
          [key],
          this.id,
          `${key} is ${value}, before the last update the record already had (${lastUpdate.at}): entering ${head.data.status} sets ${key} to when it happened, after what was already published`,
        ),
      ];
    });
  },
};
