import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { checkTransition, INITIAL_STATUSES, STATUSES, TRANSITIONS } from '../scripts/core/lifecycle.js';
import type { RecordStatus } from '../scripts/core/types.js';

const lifecycle = suite('lifecycle');

const ALLOWED: [RecordStatus, RecordStatus][] = [
  ['reported', 'investigating'],
  ['investigating', 'monitoring'], // skipping forward
  ['reported', 'resolved'], // straight to resolved
  ['investigating', 'on_hold'],
  ['on_hold', 'identified'],
  ['monitoring', 'cancelled'],
  ['resolved', 'investigating'], // the reopen
  ['resolved', 'closed'],
  ['identified', 'identified'], // no change
  ['scheduled', 'in_progress'],
  ['verifying', 'completed'],
  ['in_progress', 'cancelled'],
];

const REFUSED: { from: RecordStatus; to: RecordStatus; message: string }[] = [
  { from: 'monitoring', to: 'identified', message: 'Unexpected status "identified" after "monitoring", expected one of resolved, cancelled' },
  { from: 'investigating', to: 'closed', message: 'Unexpected status "closed" after "investigating", expected one of identified, monitoring, on_hold, resolved, cancelled' },
  { from: 'on_hold', to: 'resolved', message: 'Unexpected status "resolved" after "on_hold", expected one of investigating, identified, cancelled' },
  { from: 'resolved', to: 'cancelled', message: 'Unexpected status "cancelled" after "resolved", expected one of closed, investigating' },
  { from: 'closed', to: 'investigating', message: 'Unexpected status "investigating" after "closed", closed is final: nothing follows it' },
  { from: 'cancelled', to: 'reported', message: 'Unexpected status "reported" after "cancelled", cancelled is final: nothing follows it' },
  { from: 'completed', to: 'in_progress', message: 'Unexpected status "in_progress" after "completed", completed is final: nothing follows it' },
  { from: 'scheduled', to: 'investigating', message: 'Unexpected status "investigating" after "scheduled", expected one of in_progress, verifying, completed, cancelled' },
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
  const intoClosed = Object.entries(TRANSITIONS).filter(([, next]) => next.includes('closed')).map(([from]) => from);
  assert.equal(intoClosed, ['resolved']);
});

lifecycle('new records start anywhere but closed; a maintenance starts scheduled', () => {
  assert.not.ok(INITIAL_STATUSES.incident.includes('closed'));
  assert.ok(INITIAL_STATUSES.incident.includes('resolved'));
  assert.equal(INITIAL_STATUSES.maintenance, ['scheduled']);
});

lifecycle.run();
