import { findingAt } from '../../findings.js';
import { checkTransition } from '../../gate/lifecycle.js';
import { movedIncidents, type ChangeRule } from '../../gate/pull-request.js';

/** Each status change follows the lifecycle's transition table, and a record keeps its type. */
export const lifecycleTransition: ChangeRule = {
  id: 'lifecycle/transition',
  check(pullRequest) {
    return movedIncidents(pullRequest).flatMap(({ base, head }) => {
      if (base.data.type !== head.data.type) {
        return [
          findingAt(
            head,
            ['type'],
            this.id,
            `type changed from ${base.data.type} to ${head.data.type}, but a record keeps its type: open a new record for the ${head.data.type}`,
          ),
        ];
      }
      const result = checkTransition(base.data.status, head.data.status);
      return result.ok ? [] : [findingAt(head, ['status'], this.id, result.message)];
    });
  },
};
