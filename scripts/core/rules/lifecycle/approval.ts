import { findingAt } from '../../findings.js';
import { findApproval, approversFor } from '../../gate/approvals.js';
import { APPROVAL_STATUSES } from '../../gate/lifecycle.js';
import { incidentsEntering, type ChangeRule, type PullRequest } from '../../gate/pull-request.js';
import type { ValidRecord } from '../../records/record-set.js';
import type { Incident } from '../../records/types.js';

/** The incidents this pull request resolves or closes: the ones that need an approval. */
export function needingApproval(pullRequest: PullRequest): ValidRecord<Incident>[] {
  return incidentsEntering(pullRequest, APPROVAL_STATUSES).filter((record) => record.data.type === 'incident');
}

/**
 * Entering resolved or closed needs an approving review by an approver (the base config's default
 * list, or the list of an affected service) who is not the author, on the head commit.
 */
export const lifecycleApproval: ChangeRule = {
  id: 'lifecycle/approval',
  check(pullRequest) {
    return needingApproval(pullRequest).flatMap((record) => {
      const approval = findApproval(approversFor(pullRequest.policy, record.data), pullRequest.reviews, record.data.status);
      return approval.ok ? [] : [findingAt(record, ['status'], this.id, approval.message)];
    });
  },
};
