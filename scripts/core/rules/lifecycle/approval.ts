import { findingAt } from '../../findings.js';
import type { Source } from '../../findings.js';
import { changedPolicy, changesNeedingApproval, problemApprovalNeeds, type ApprovalNeed } from '../../gate/approval-needs.js';
import { findApproval, approversFor, approversForServices } from '../../gate/approvals.js';
import type { ChangeRule, PullRequest } from '../../gate/pull-request.js';

/**
 * The changed records (incidents and problems) that need an approving review, what for
 * (gate/approval-needs.ts), and who may give it: the base version's approvers (a new record's own).
 */
export function needingApproval(pullRequest: PullRequest): { head: Source; approvers: string[]; needs: ApprovalNeed[] }[] {
  const { policy } = pullRequest;
  const incidents = changesNeedingApproval(pullRequest.incidents, policy, pullRequest.now).map(({ base, head, needs }) => ({
    head,
    approvers: approversFor(policy, (base ?? head).data),
    needs,
  }));
  const problems = pullRequest.problems.flatMap(({ base, head }) => {
    const needs = head ? problemApprovalNeeds(base?.data, head.data) : [];
    return head && needs.length > 0 ? [{ head, approvers: approversForServices(policy, (base ?? head).data.services), needs }] : [];
  });
  return [...incidents, ...problems];
}

/** The policy keys of the config this pull request changes (none when the base has no valid config). */
export function policyChanges(pullRequest: PullRequest): string[] {
  const change = pullRequest.configChange;
  return change ? changedPolicy(change.before, change.after.data) : [];
}

/**
 * Entering resolved or closed (an incident or a problem), or reducing what is measured or published, needs an approving review
 * on the head commit by an approver who is not the author: the base config's default list, or the
 * list of a service the incident affected before this pull request (a new one's own services), so
 * a pull request cannot widen who approves it.
 */
export const lifecycleApproval: ChangeRule = {
  id: 'lifecycle/approval',
  check(pullRequest) {
    const records = needingApproval(pullRequest).flatMap(({ head, approvers, needs }) => {
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
