import { isDeepStrictEqual } from 'node:util';
import type { YamlPath } from '../records/parse-yaml.js';
import type { ValidRecord } from '../records/record-set.js';
import { LEVELS, type Config, type Incident, type Problem } from '../records/types.js';
import { slaOf } from '../sla/sla-report.js';
import { APPROVAL_STATUSES, TIMESTAMP_ORDER } from './lifecycle.js';
import { PROBLEM_APPROVAL_STATUSES } from './problem-lifecycle.js';

/** One thing a change does that needs an approving review: in words that start the message, and the key it is at. */
export interface ApprovalNeed {
  what: string;
  key: YamlPath;
}

/**
 * What a change to an incident does that needs the approving review a resolution needs: entering
 * resolved or closed, and anything that reduces what is measured or published without one:
 * cancelling, marking a drill, lowering priority, impact or urgency, making a record internal,
 * moving a recorded timestamp of an incident that has breached its SLA by `now`, or any other edit
 * after which a target breached by `now` is no longer breached (a backdated hold or acknowledgement).
 * A new record reduces nothing; its base is undefined.
 */
export function approvalNeeds(base: Incident | undefined, head: Incident, policy: Config, now: number): ApprovalNeed[] {
  const needs: ApprovalNeed[] = [];
  const entering = (status: string) => head.status === status && base?.status !== status;
  for (const status of APPROVAL_STATUSES) if (head.type === 'incident' && entering(status)) needs.push({ what: `Entering ${status}`, key: ['status'] });
  if (!base) return needs;

  if (base.visibility !== 'internal' && head.visibility === 'internal') needs.push({ what: 'Making it internal', key: ['visibility'] });
  if (head.type !== 'incident') return needs;
  if (entering('cancelled')) needs.push({ what: 'Cancelling it', key: ['status'] });
  if (base.drill !== true && head.drill === true) needs.push({ what: 'Marking it a drill', key: ['drill'] });
  if (head.priority > base.priority) needs.push({ what: `Lowering its priority from ${base.priority} to ${head.priority}`, key: ['priority'] });
  for (const key of ['impact', 'urgency'] as const)
    if (LEVELS.indexOf(head[key]) > LEVELS.indexOf(base[key])) needs.push({ what: `Lowering its ${key} from ${base[key]} to ${head[key]}`, key: [key] });
  if (slaOf(base, policy, now)?.some((target) => target.ever_breached)) {
    for (const key of TIMESTAMP_ORDER[head.type]) {
      const reopened = key === 'resolved_at' && head[key] === undefined && base.status === 'resolved';
      if (base[key] !== undefined && base[key] !== head[key] && !reopened)
        needs.push({ what: `Moving ${key} of an incident that breached its SLA`, key: head[key] === undefined ? ['status'] : [key] });
    }
  }
  const erased = erasedBreaches(base, head, policy, now);
  if (erased.length > 0 && needs.every((need) => need.what.startsWith('Entering')))
    needs.push({ what: `Taking away the breach of its ${erased.join(' and ')} target${erased.length > 1 ? 's' : ''}`, key: ['status'] });
  return needs;
}

/**
 * What a change to a problem needs approved: entering resolved or closed, as an incident's
 * resolution does (a new problem entering them too).
 */
export function problemApprovalNeeds(base: Problem | undefined, head: Problem): ApprovalNeed[] {
  return PROBLEM_APPROVAL_STATUSES.filter((status) => head.status === status && base?.status !== status).map((status) => ({
    what: `Entering ${status}`,
    key: ['status'],
  }));
}

/** The SLA targets breached by `now` at the base that are not at the head, under the base's policy. */
function erasedBreaches(base: Incident, head: Incident, policy: Config, now: number): string[] {
  const after = slaOf(head, policy, now) ?? [];
  return (slaOf(base, policy, now) ?? [])
    .filter((target) => target.ever_breached && !after.some((other) => other.target === target.target && other.ever_breached))
    .map((target) => target.target);
}

/** The parts of the config that decide what is measured, who approves and what a close needs. */
export const POLICY_KEYS = ['priority_matrix', 'calendars', 'sla', 'escalation', 'approvers', 'postmortem_required'] as const;

/** The policy keys a pull request changes in the config: each needs an approval, since it moves every incident's figures or duties. */
export function changedPolicy(base: Config, head: Config): (typeof POLICY_KEYS)[number][] {
  return POLICY_KEYS.filter((key) => !isDeepStrictEqual(base[key], head[key]));
}

/** The changed incidents with what each needs approved, at the head version's keys. */
export function changesNeedingApproval(
  changes: readonly { base?: ValidRecord<Incident>; head?: ValidRecord<Incident> }[],
  policy: Config,
  now: number,
): { base?: ValidRecord<Incident>; head: ValidRecord<Incident>; needs: ApprovalNeed[] }[] {
  return changes.flatMap(({ base, head }) => {
    if (!head) return [];
    const needs = approvalNeeds(base?.data, head.data, policy, now);
    return needs.length > 0 ? [{ base, head, needs }] : [];
  });
}
