import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { checkProblemTransition, PROBLEM_STATUSES, type ProblemStatus } from '../scripts/core/gate/problem-lifecycle.js';

const lifecycle = suite('problem lifecycle: every pair of statuses');

/**
 * The whole table, written out by hand from DESIGN's lifecycle: each row is `from`, then the
 * statuses it may move to (staying put is always allowed). Forward skips are allowed; closed
 * follows resolved only; cancelled follows any open status; nothing goes back.
 */
const TABLE: Record<ProblemStatus, ProblemStatus[]> = {
  new: ['investigating', 'root_cause_known', 'known_error', 'resolved', 'cancelled'],
  investigating: ['root_cause_known', 'known_error', 'resolved', 'cancelled'],
  root_cause_known: ['known_error', 'resolved', 'cancelled'],
  known_error: ['resolved', 'cancelled'],
  resolved: ['closed'],
  closed: [],
  cancelled: [],
};

for (const from of PROBLEM_STATUSES) {
  for (const to of PROBLEM_STATUSES) {
    const allowed = from === to || TABLE[from].includes(to);
    lifecycle(`${from} → ${to} is ${allowed ? 'allowed' : 'refused'}`, () => {
      assert.is(checkProblemTransition(from, to).ok, allowed);
    });
  }
}

lifecycle('a refused move names what may follow, or that nothing does', () => {
  assert.equal(checkProblemTransition('resolved', 'investigating'), {
    ok: false,
    message: 'Unexpected problem status "investigating" after "resolved", expected one of closed',
  });
  assert.equal(checkProblemTransition('closed', 'resolved'), {
    ok: false,
    message: 'Unexpected problem status "resolved" after "closed", closed is final: nothing follows it',
  });
});

lifecycle.run();
