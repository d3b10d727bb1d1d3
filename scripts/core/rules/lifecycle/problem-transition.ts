import { findingAt } from '../../findings.js';
import { checkProblemTransition, PROBLEM_INITIAL_STATUSES } from '../../gate/problem-lifecycle.js';
import type { ChangeRule } from '../../gate/pull-request.js';

/** A problem moves as its transition table allows (gate/problem-lifecycle.ts), and a new one starts in any status but closed. */
export const lifecycleProblemTransition: ChangeRule = {
  id: 'lifecycle/problem-transition',
  check(pullRequest) {
    return pullRequest.problems.flatMap(({ kind, base, head }) => {
      if (!head) return [];
      if (kind === 'added') {
        if (PROBLEM_INITIAL_STATUSES.includes(head.data.status)) return [];
        return [
          findingAt(
            head,
            ['status'],
            this.id,
            `A new problem cannot start as "${head.data.status}": expected one of ${PROBLEM_INITIAL_STATUSES.join(', ')} (a problem written after its fix starts as resolved, and closes in a later pull request)`,
          ),
        ];
      }
      if (!base) return [];
      const result = checkProblemTransition(base.data.status, head.data.status);
      return result.ok ? [] : [findingAt(head, ['status'], this.id, result.message)];
    });
  },
};
