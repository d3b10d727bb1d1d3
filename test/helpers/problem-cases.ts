import { PROBLEM_STATUSES, PROBLEM_TRANSITIONS, type ProblemStatus } from '../../scripts/core/gate/problem-lifecycle.js';
import type { FileEdits } from './git-repo.js';
import { edit, INC1 } from './pull-request-cases.js';

export const PRB1 = 'problems/PRB-0001.md';

/** The keys each status needs, with values that pass (KE-0001 is the gate base's known error). */
const KEYS: Readonly<Record<string, string>> = {
  root_cause: 'root_cause: The card pool is too small.',
  known_error: 'known_error: KE-0001',
  fix: 'fix: https://github.com/acme/api/pull/12',
  resolved_at: 'resolved_at: 2026-03-05T09:00:00Z',
  closed_at: 'closed_at: 2026-03-06T09:00:00Z',
  cancel_reason: 'cancel_reason: not_a_problem',
};
const NEEDS: Readonly<Record<ProblemStatus, readonly string[]>> = {
  new: [],
  investigating: [],
  root_cause_known: ['root_cause'],
  known_error: ['root_cause', 'known_error'],
  resolved: ['root_cause', 'fix', 'resolved_at'],
  closed: ['root_cause', 'fix', 'resolved_at', 'closed_at'],
  cancelled: ['cancel_reason'],
};

/** A valid problem in a status, with the keys that status needs; its status is on line 4. */
export function problemAt(status: ProblemStatus, { id = 'PRB-0001', incidents = '[INC-2026-0001]' } = {}): string {
  return `---
id: ${id}
title: Card payments fail when the pool runs dry
status: ${status}
services: [api]
incidents: ${incidents}
impact: high
urgency: medium
priority: P2
created_at: 2026-03-02T09:00:00Z
${NEEDS[status].map((key) => `${KEYS[key]}\n`).join('')}---
## Investigation
`;
}

/** INC-2026-0001 put on hold awaiting a problem (its hold_reason on line 16). */
export const HOLD_INC1 = edit(
  INC1,
  ['status: investigating', 'status: on_hold'],
  ['acknowledged_at: 2026-03-01T10:09:00Z', 'acknowledged_at: 2026-03-01T10:09:00Z\nhold_reason: awaiting_problem'],
  [
    'message: We are investigating failed card payments.',
    'message: We are investigating failed card payments.\n  - at: 2026-03-01T10:30:00Z\n    status: on_hold\n    message: Waiting for the fix of the underlying problem.',
  ],
);

interface ProblemCase {
  name: string;
  head: FileEdits;
  base?: FileEdits;
  errors: string[];
}

const STATUS = `${PRB1}:4`;
const entering = (status: ProblemStatus) => (status === 'resolved' || status === 'closed' ? [`lifecycle/approval ${STATUS}`] : []);

/** Every move the problem lifecycle allows: only entering resolved or closed needs an approval (none here: no token). */
const ALLOWED: ProblemCase[] = PROBLEM_STATUSES.flatMap((from) =>
  PROBLEM_TRANSITIONS[from].map((to) => ({
    name: `a problem moves ${from} → ${to}`,
    base: { [PRB1]: problemAt(from) },
    head: { [PRB1]: problemAt(to) },
    errors: entering(to),
  })),
);

const FROZEN = `lifecycle/problem-frozen ${STATUS}`;

/**
 * Moves it refuses: back, out of a final status, closing without a resolution. Leaving a final
 * status also changes a frozen record: a finding for each key changed (at the status line when the
 * key is gone, at the key when it is new).
 */
const REFUSED: ProblemCase[] = (
  [
    ['known_error', 'root_cause_known', []],
    ['resolved', 'investigating', []],
    ['resolved', 'cancelled', []],
    ['cancelled', 'investigating', [FROZEN, FROZEN]], // status, cancel_reason gone
    ['closed', 'known_error', [FROZEN, FROZEN, FROZEN, FROZEN]], // status; fix, resolved_at, closed_at gone (and known_error new, at its line)
    ['new', 'closed', []],
  ] as const
).map(([from, to, frozen]) => ({
  name: `a problem cannot move ${from} → ${to}`,
  base: { [PRB1]: problemAt(from) },
  head: { [PRB1]: problemAt(to) },
  errors: [...entering(to), ...frozen, `lifecycle/problem-transition ${STATUS}`, ...(to === 'known_error' ? [`lifecycle/problem-frozen ${PRB1}:12`] : [])],
}));

/** The problem cases of the gate: transitions, approval, deletion, and how problems and incidents on hold meet. */
export const PROBLEM_CASES: ProblemCase[] = [
  ...ALLOWED,
  ...REFUSED,
  { name: 'a new problem starts as new', head: { [PRB1]: problemAt('new') }, errors: [] },
  { name: 'a new problem written after its fix starts resolved, with the approval', head: { [PRB1]: problemAt('resolved') }, errors: entering('resolved') },
  {
    name: 'a new problem cannot start closed',
    head: { [PRB1]: problemAt('closed') },
    errors: [`lifecycle/approval ${STATUS}`, `lifecycle/problem-transition ${STATUS}`],
  },
  {
    name: "a closed problem's title changed",
    base: { [PRB1]: problemAt('closed') },
    head: { [PRB1]: problemAt('closed').replace('title: Card payments fail when the pool runs dry', 'title: Card payments fail') },
    errors: [`lifecycle/problem-frozen ${PRB1}:3`],
  },
  {
    name: "a cancelled problem's notes may change",
    base: { [PRB1]: problemAt('cancelled') },
    head: { [PRB1]: `${problemAt('cancelled')}More notes.\n` },
    errors: [],
  },
  { name: 'a deleted problem', base: { [PRB1]: problemAt('investigating') }, head: { [PRB1]: null }, errors: [`lifecycle/deleted ${PRB1}:1`] },
  { name: 'an incident on hold awaiting a problem that no problem lists', head: HOLD_INC1, errors: ['record/awaiting-problem incidents/INC-2026-0001.md:16'] },
  {
    name: 'an incident on hold awaiting an unchanged open problem that lists it passes',
    base: { [PRB1]: problemAt('investigating') },
    head: HOLD_INC1,
    errors: [],
  },
  {
    name: 'a problem resolved while an incident still waits for it',
    base: { ...HOLD_INC1, [PRB1]: problemAt('root_cause_known') },
    head: { [PRB1]: problemAt('resolved') },
    errors: [`lifecycle/approval ${STATUS}`, `record/awaiting-problem ${STATUS}`],
  },
  {
    name: 'a new problem that lists an incident an unchanged problem lists',
    base: { [PRB1]: problemAt('investigating') },
    head: { 'problems/PRB-0002.md': problemAt('new', { id: 'PRB-0002' }) },
    errors: ['record/problem-incidents problems/PRB-0002.md:6'],
  },
  {
    name: "a known error's problem names an unchanged problem",
    base: { [PRB1]: problemAt('investigating') },
    head: edit('known-errors/KE-0001.md', ['created_at:', 'problem: PRB-0001\ncreated_at:']),
    errors: [],
  },
];
