import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { dueNotices } from '../scripts/core/sla/escalation.js';
import type { TargetFigures } from '../scripts/core/sla/clocks.js';
import type { Config, Incident } from '../scripts/core/records/types.js';

const config = {
  escalation: {
    P1: [
      { after: '15m', notify: ['@acme/oncall'] },
      { after: '45m', notify: ['@acme/leads'] },
    ],
  },
} as unknown as Config;
const base = {
  id: 'INC-2026-0001',
  priority: 'P1',
  status: 'reported',
  reported_at: '2026-03-01T10:00:00Z',
  updates: [{ at: '2026-03-01T10:00:00Z', status: 'reported', message: 'x' }],
} as unknown as Incident;
const at = (time: string) => Date.parse(`2026-03-01T${time}:00Z`);
const figure = (fields: Partial<TargetFigures>): TargetFigures => ({
  target: 'resolve',
  state: 'running',
  elapsed_seconds: 0,
  remaining_seconds: 0,
  breach_at: '2026-03-01T14:00:00Z',
  breached: false,
  ever_breached: false,
  at_risk: false,
  ...fields,
});

const CASES: { name: string; incident?: Partial<Incident>; figures?: TargetFigures[]; now: number; keys: string[] }[] = [
  { name: 'nothing is due in the first 15 minutes', now: at('10:14'), keys: [] },
  { name: 'level 1 at 15 minutes', now: at('10:15'), keys: ['escalation-1'] },
  { name: 'both levels at 45 minutes, unacknowledged', now: at('10:50'), keys: ['escalation-1', 'escalation-2'] },
  { name: 'no escalation once acknowledged', incident: { acknowledged_at: '2026-03-01T10:10:00Z', status: 'investigating' }, now: at('10:50'), keys: [] },
  {
    name: 'an acknowledgement later than now does not count yet',
    incident: { acknowledged_at: '2026-03-01T11:00:00Z' },
    now: at('10:50'),
    keys: ['escalation-1', 'escalation-2'],
  },
  {
    name: 'at risk and breached targets',
    incident: { acknowledged_at: '2026-03-01T10:10:00Z', status: 'investigating' },
    figures: [figure({ at_risk: true }), figure({ target: 'acknowledge', state: 'breached' })],
    now: at('11:00'),
    keys: ['at-risk-resolve-1', 'breached-acknowledge-1'],
  },
  { name: 'a resolved incident announces nothing', incident: { status: 'resolved' }, figures: [figure({ state: 'breached' })], now: at('18:00'), keys: [] },
];

const notices = suite('dueNotices');
for (const { name, incident, figures = [], now, keys } of CASES) {
  notices(name, () => {
    assert.equal(
      dueNotices({ ...base, ...incident } as Incident, config, figures, now).map((notice) => notice.key),
      keys,
    );
  });
}

notices('a reopen is a new cycle: its breach is a new notice', () => {
  const reopened = {
    ...base,
    status: 'investigating',
    acknowledged_at: '2026-03-01T10:05:00Z',
    updates: [
      { at: '2026-03-01T10:05:00Z', status: 'investigating' },
      { at: '2026-03-01T11:00:00Z', status: 'resolved' },
      { at: '2026-03-01T12:00:00Z', status: 'investigating' },
    ],
  } as unknown as Incident;
  assert.equal(
    dueNotices(reopened, config, [figure({ state: 'breached' })], at('18:00')).map((notice) => notice.key),
    ['breached-resolve-2'],
  );
});

notices('levels mention their handles; target notices mention the commander', () => {
  const [level] = dueNotices(base, config, [], at('10:20'));
  assert.equal(level!.mention, ['@acme/oncall']);
  assert.match(level!.text, /Escalation level 1: INC-2026-0001 \(P1\) is still not acknowledged 15m after it was reported/);
  const [risk] = dueNotices(
    { ...base, acknowledged_at: '2026-03-01T10:01:00Z', commander: '@alice' } as Incident,
    config,
    [figure({ at_risk: true })],
    at('10:20'),
  );
  assert.equal(risk!.mention, ['@alice']);
});

notices.run();
