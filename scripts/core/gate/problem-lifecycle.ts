import type { Problem } from '../records/types.js';

/** A problem's status (docs/reference.md, Problem). */
export type ProblemStatus = Problem['status'];

/** Every status of a problem, in lifecycle order. */
export const PROBLEM_STATUSES: readonly ProblemStatus[] = ['new', 'investigating', 'root_cause_known', 'known_error', 'resolved', 'closed', 'cancelled'];

/** Optional keys of a problem that a status can require or forbid. */
export type ProblemField = 'root_cause' | 'known_error' | 'fix' | 'resolved_at' | 'closed_at' | 'cancel_reason';

const OPEN_FORBIDS: readonly ProblemField[] = ['resolved_at', 'closed_at', 'cancel_reason'];

/**
 * What each status needs and forbids, as data: the root cause from root_cause_known on, the known
 * error record in known_error (it may be skipped when there is no workaround), the fix and its time
 * from resolved on. Cancelling keeps what was found.
 */
export const PROBLEM_STATUS_FIELDS: Readonly<Record<ProblemStatus, { needs: readonly ProblemField[]; forbids: readonly ProblemField[] }>> = {
  new: { needs: [], forbids: OPEN_FORBIDS },
  investigating: { needs: [], forbids: OPEN_FORBIDS },
  root_cause_known: { needs: ['root_cause'], forbids: OPEN_FORBIDS },
  known_error: { needs: ['root_cause', 'known_error'], forbids: OPEN_FORBIDS },
  resolved: { needs: ['root_cause', 'fix', 'resolved_at'], forbids: ['closed_at', 'cancel_reason'] },
  closed: { needs: ['root_cause', 'fix', 'resolved_at', 'closed_at'], forbids: ['cancel_reason'] },
  cancelled: { needs: ['cancel_reason'], forbids: [] },
};

/**
 * The moves each status allows, as data: forward, skipping steps if need be; cancelled from any
 * open status; closed only from resolved, so nothing closes without an approved resolution.
 * There is no way back: a fix that did not hold is a new problem.
 */
export const PROBLEM_TRANSITIONS: Readonly<Record<ProblemStatus, readonly ProblemStatus[]>> = {
  new: ['investigating', 'root_cause_known', 'known_error', 'resolved', 'cancelled'],
  investigating: ['root_cause_known', 'known_error', 'resolved', 'cancelled'],
  root_cause_known: ['known_error', 'resolved', 'cancelled'],
  known_error: ['resolved', 'cancelled'],
  resolved: ['closed'],
  closed: [],
  cancelled: [],
};

/** The statuses a new problem may start in: any but closed (a problem written after its fix starts as resolved, and needs the approval). */
export const PROBLEM_INITIAL_STATUSES: readonly ProblemStatus[] = PROBLEM_STATUSES.filter((status) => status !== 'closed');

/** The timestamps of a problem in the order they must happen. */
export const PROBLEM_TIMESTAMP_ORDER = ['created_at', 'resolved_at', 'closed_at'] as const;

/** The timestamp entering a status sets (`incidents update` sets it). */
export const PROBLEM_IMPLIED_TIMESTAMP: Readonly<Partial<Record<ProblemStatus, 'resolved_at' | 'closed_at'>>> = {
  resolved: 'resolved_at',
  closed: 'closed_at',
};

/** The statuses whose entry needs the approving review an incident's resolution needs. */
export const PROBLEM_APPROVAL_STATUSES: readonly ProblemStatus[] = ['resolved', 'closed'];

/** Whether a problem may move from one status to another (staying put is allowed), and if not, a message naming what was expected. */
export function checkProblemTransition(from: ProblemStatus, to: ProblemStatus): { ok: true } | { ok: false; message: string } {
  if (from === to || PROBLEM_TRANSITIONS[from].includes(to)) return { ok: true };
  const allowed = PROBLEM_TRANSITIONS[from];
  const expected = allowed.length === 0 ? `${from} is final: nothing follows it` : `expected one of ${allowed.join(', ')}`;
  return { ok: false, message: `Unexpected problem status "${to}" after "${from}", ${expected}` };
}

/** True while a problem is still being worked on: not resolved, closed or cancelled. */
export function isOpenProblem(problem: Pick<Problem, 'status'>): boolean {
  return !['resolved', 'closed', 'cancelled'].includes(problem.status);
}
