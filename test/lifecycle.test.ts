import fc from 'fast-check';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { checkTransition, INITIAL_STATUSES, STATUSES, TRANSITIONS } from '../scripts/core/gate/lifecycle.js';
import type { RecordStatus } from '../scripts/core/records/types.js';

const lifecycle = suite('lifecycle');

const ALLOWED: [RecordStatus, RecordStatus][] = [
  ['reported', 'investigating'],
  ['investigating', 'monitoring'], // skipping forward
  ['reported', 'resolved'], // straight to resolved
  ['investigating', 'on_hold'],
  ['on_hold', 'identified'],
  ['monitoring', 'cancelled'],
  ['resolved', 'investigating'], // the reopen
  ['monitoring', 'identified'], // a fix that did not hold
  ['monitoring', 'investigating'],
  ['resolved', 'closed'],
  ['identified', 'identified'], // no change
  ['scheduled', 'in_progress'],
  ['verifying', 'completed'],
  ['in_progress', 'cancelled'],
];

const REFUSED: { from: RecordStatus; to: RecordStatus; message: string }[] = [
  {
    from: 'monitoring',
    to: 'on_hold',
    message: 'Unexpected status "on_hold" after "monitoring", expected one of investigating, identified, resolved, cancelled',
  },
  {
    from: 'investigating',
    to: 'closed',
    message: 'Unexpected status "closed" after "investigating", expected one of identified, monitoring, on_hold, resolved, cancelled',
  },
  { from: 'on_hold', to: 'resolved', message: 'Unexpected status "resolved" after "on_hold", expected one of investigating, identified, cancelled' },
  { from: 'resolved', to: 'cancelled', message: 'Unexpected status "cancelled" after "resolved", expected one of closed, investigating' },
  { from: 'closed', to: 'investigating', message: 'Unexpected status "investigating" after "closed", closed is final: nothing follows it' },
  { from: 'cancelled', to: 'reported', message: 'Unexpected status "reported" after "cancelled", cancelled is final: nothing follows it' },
  { from: 'completed', to: 'in_progress', message: 'Unexpected status "in_progress" after "completed", completed is final: nothing follows it' },
  {
    from: 'scheduled',
    to: 'investigating',
    message: 'Unexpected status "investigating" after "scheduled", expected one of in_progress, verifying, completed, cancelled',
  },
];

for (const [from, to] of ALLOWED) {
  lifecycle(`${from} → ${to} is allowed`, () => assert.equal(checkTransition(from, to), { ok: true }));
}

for (const { from, to, message } of REFUSED) {
  lifecycle(`${from} → ${to} is refused`, () => assert.equal(checkTransition(from, to), { ok: false, message }));
}

lifecycle('no move leaves its type, and closed is entered only from resolved', () => {
  for (const type of ['incident', 'maintenance'] as const) {
    for (const from of STATUSES[type]) {
      for (const to of TRANSITIONS[from]) assert.ok(STATUSES[type].includes(to), `${from} → ${to} leaves ${type}`);
    }
  }
  const intoClosed = Object.entries(TRANSITIONS)
    .filter(([, next]) => next.includes('closed'))
    .map(([from]) => from);
  assert.equal(intoClosed, ['resolved']);
});

lifecycle('new records start anywhere but closed; a maintenance starts scheduled', () => {
  assert.not.ok(INITIAL_STATUSES.incident.includes('closed'));
  assert.ok(INITIAL_STATUSES.incident.includes('resolved'));
  assert.equal(INITIAL_STATUSES.maintenance, ['scheduled']);
});

/** The terminal statuses, as docs/reference.md names them; the table must agree, not define them. */
const TERMINAL: readonly RecordStatus[] = ['closed', 'cancelled', 'completed'];

lifecycle('no sequence of allowed moves leaves a final status, and every walk stays within its type (fast-check)', () => {
  for (const type of ['incident', 'maintenance'] as const) {
    const walks = fc.tuple(fc.constantFrom(...INITIAL_STATUSES[type]), fc.array(fc.constantFrom(...STATUSES[type]), { maxLength: 30 }));
    fc.assert(
      fc.property(walks, ([start, attempts]) => {
        let status: RecordStatus = start;
        let final = false;
        for (const next of attempts) {
          const allowed = checkTransition(status, next).ok;
          if (final) assert.ok(!allowed || next === status, `${status} → ${next} after a final status`);
          if (allowed) status = next;
          assert.ok(STATUSES[type].includes(status));
          final ||= TERMINAL.includes(status);
        }
      }),
      { numRuns: 2000 },
    );
  }
});

lifecycle('every status can still reach a final one: the lifecycle has no dead end', () => {
  for (const status of Object.keys(TRANSITIONS) as RecordStatus[]) {
    const seen = new Set<RecordStatus>([status]);
    for (const current of seen) for (const next of TRANSITIONS[current]) seen.add(next);
    assert.ok(
      [...seen].some((reached) => TERMINAL.includes(reached)),
      status,
    );
  }
});

lifecycle.run();
