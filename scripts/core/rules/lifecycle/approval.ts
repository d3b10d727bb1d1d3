import { findingAt } from '../../findings.js';
import { changedPolicy, changesNeedingApproval, type ApprovalNeed } from '../../gate/approval-needs.js';
import { findApproval, approversFor } from '../../gate/approvals.js';
import type { ChangeRule, PullRequest } from '../../gate/pull-request.js';
import type { ValidRecord } from '../../records/record-set.js';
import type { Incident } from '../../records/types.js';

/** The changed incidents that need an approving review, and what for (gate/approval-needs.ts). */
export function needingApproval(pullRequest: PullRequest): { base?: ValidRecord<Incident>; head: ValidRecord<Incident>; needs: ApprovalNeed[] }[] {
  return changesNeedingApproval(pullRequest.incidents, pullRequest.policy, pullRequest.now);
}

/** The policy keys of the config this pull request changes (none when the base has no valid config). */
export function policyChanges(pullRequest: PullRequest): string[] {
  const change = pullRequest.configChange;
  return change ? changedPolicy(change.before, change.after.data) : [];
}

/**
 * Entering resolved or closed, or reducing what is measured or published, needs an approving review
 * on the head commit by an approver who is not the author: the base config's default list, or the
 * list of a service the incident affected before this pull request (a new one's own services), so
 * a pull request cannot widen who approves it.
 */
export const lifecycleApproval: ChangeRule = {
  id: 'lifecycle/approval',
  check(pullRequest) {
    const records = needingApproval(pullRequest).flatMap(({ base, head, needs }) => {
      const approvers = approversFor(pullRequest.policy, (base ?? head).data);
      return needs.flatMap(({ what, key }) => {
        const approval = findApproval(approvers, pullRequest.reviews, what);
        return approval.ok ? [] : [findingAt(head, key, this.id, approval.message)];
      });
    });
    // The policy moves every incident's figures and duties: its default approvers decide.
    const config = pullRequest.configChange?.after;
    const policy = policyChanges(pullRequest).flatMap((key) => {
      const approval = findApproval(pullRequest.policy.approvers.default, pullRequest.reviews, `Changing the config's ${key}`);
      return approval.ok || !config ? [] : [findingAt(config, [key], this.id, approval.message, { at: 'key' })];
    });
    return [...records, ...policy];
  },
};
