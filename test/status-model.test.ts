import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import type { ComponentStatus } from '../scripts/core/status/component-status.js';
import { computeUptime, type Outage } from '../scripts/core/status/uptime.js';
import { modelOf } from './helpers/site.js';

// ---------------------------------------------------------------------------------------------
const uptime = suite('uptime: Statuspage weights, worst outage at each moment, local days');

const ms = (timestamp: string) => Date.parse(timestamp);
const outage = (status: ComponentStatus, start: string, end: string, incident = 'INC-2026-0001'): Outage => ({
  service: 'api',
  incident,
  status,
  start: ms(start),
  end: ms(end),
});
const H = 3600;
/** Three UTC days up to noon on the third: 2.5 days of time. */
const NOW = '2026-03-10T12:00:00Z';
const SPAN = 2.5 * 24 * H;

const UPTIME_CASES: {
  name: string;
  outages: Outage[];
  now?: string;
  timeZone?: string;
  downtime: Record<string, number>;
  worst?: Record<string, ComponentStatus>;
}[] = [
  { name: 'no outages', outages: [], downtime: { '2026-03-08': 0, '2026-03-09': 0, '2026-03-10': 0 } },
  {
    name: 'a major outage counts in full',
    outages: [outage('major_outage', '2026-03-09T10:00:00Z', '2026-03-09T11:00:00Z')],
    downtime: { '2026-03-09': H },
    worst: { '2026-03-09': 'major_outage' },
  },
  {
    name: 'a partial outage counts at 30%',
    outages: [outage('partial_outage', '2026-03-09T10:00:00Z', '2026-03-09T11:00:00Z')],
    downtime: { '2026-03-09': 0.3 * H },
  },
  {
    name: 'degraded performance counts nothing, but marks the day',
    outages: [outage('degraded_performance', '2026-03-09T08:00:00Z', '2026-03-09T13:00:00Z')],
    downtime: { '2026-03-09': 0 },
    worst: { '2026-03-09': 'degraded_performance', '2026-03-08': 'operational' },
  },
  {
    name: 'overlapping outages count the worst at each moment, not the sum',
    outages: [
      outage('major_outage', '2026-03-09T10:00:00Z', '2026-03-09T11:00:00Z'),
      outage('partial_outage', '2026-03-09T10:30:00Z', '2026-03-09T12:00:00Z', 'INC-2026-0002'),
    ],
    downtime: { '2026-03-09': H + 0.3 * H },
  },
  {
    name: 'an outage over midnight is split between the days',
    outages: [outage('major_outage', '2026-03-08T23:00:00Z', '2026-03-09T01:00:00Z')],
    downtime: { '2026-03-08': H, '2026-03-09': H },
  },
  { name: 'an open outage counts up to now', outages: [outage('major_outage', '2026-03-10T11:00:00Z', NOW)], downtime: { '2026-03-10': H } },
  {
    name: 'an outage before the window is left out',
    outages: [outage('major_outage', '2026-03-01T10:00:00Z', '2026-03-01T11:00:00Z')],
    downtime: { '2026-03-08': 0, '2026-03-09': 0, '2026-03-10': 0 },
  },
  {
    name: 'days are local: in London summer time, 23:30Z is already the next day',
    outages: [outage('major_outage', '2026-07-08T23:30:00Z', '2026-07-09T00:30:00Z')],
    now: '2026-07-10T11:00:00Z',
    timeZone: 'Europe/London',
    downtime: { '2026-07-08': 0, '2026-07-09': H },
  },
];

for (const { name, outages, now = NOW, timeZone = 'UTC', downtime, worst = {} } of UPTIME_CASES) {
  uptime(name, () => {
    const [figures] = computeUptime(['api'], outages, timeZone, ms(now), 3);
    const days = new Map(figures!.days.map((day) => [day.date, day]));
    for (const [date, seconds] of Object.entries(downtime)) assert.is(days.get(date)?.downtimeSeconds, Math.round(seconds), `${date} downtime`);
    for (const [date, status] of Object.entries(worst)) assert.is(days.get(date)?.worst, status, `${date} worst`);
    if (timeZone === 'UTC') {
      const total = Object.values(downtime).reduce((sum, seconds) => sum + Math.round(seconds), 0);
      assert.ok(Math.abs(figures!.ratio - (1 - total / SPAN)) < 1e-9, `ratio ${figures!.ratio}`);
    }
  });
}

uptime('the window is 90 local days ending today', () => {
  const [figures] = computeUptime(['api'], [], 'Europe/London', ms('2026-11-23T12:30:00Z'));
  assert.is(figures!.days.length, 90);
  assert.is(figures!.days[0]!.date, '2026-08-26');
  assert.is(figures!.days.at(-1)!.date, '2026-11-23');
});

// ---------------------------------------------------------------------------------------------
const model = suite('status model: what is public, component status, indicator');

const CONFIG = `page: {name: Test Status, url: "https://status.example.test", time_zone: UTC}
services:
  - {id: api, name: API, group: Core}
  - {id: web, name: Web, group: Core}
priority_matrix:
  high: {high: P1, medium: P2, low: P3}
  medium: {high: P2, medium: P3, low: P4}
  low: {high: P3, medium: P4, low: P5}
approvers: {default: ["@alice"]}
`;

interface Spec {
  status: string;
  services: Record<string, ComponentStatus>;
  visibility?: 'public' | 'internal';
  drill?: boolean;
  type?: 'incident' | 'maintenance';
}

/** A valid incident record reported at 09:00 on 2026-03-09 (resolved at 10:00 when its status is past it). */
function record(id: string, { status, services, visibility = 'public', drill = false, type = 'incident' }: Spec): string {
  const finished = ['resolved', 'closed'].includes(status);
  const lines = [
    `id: ${id}`,
    'title: Test',
    `type: ${type}`,
    `status: ${status}`,
    'impact: high',
    'urgency: high',
    'priority: P1',
    `services: [${Object.entries(services)
      .map(([service, state]) => `{id: ${service}, status: ${state}}`)
      .join(', ')}]`,
    `visibility: ${visibility}`,
    `drill: ${drill}`,
    'started_at: 2026-03-09T09:00:00Z',
    'reported_at: 2026-03-09T09:00:00Z',
    ...(type === 'maintenance' ? ['scheduled_for: 2026-03-10T09:00:00Z', 'scheduled_until: 2026-03-10T11:00:00Z'] : ['acknowledged_at: 2026-03-09T09:01:00Z']),
    ...(finished ? ['resolved_at: 2026-03-09T10:00:00Z', 'resolution: {code: fixed, summary: x}'] : []),
    ...(status === 'closed' ? ['closed_at: 2026-03-09T11:00:00Z'] : []),
    ...(status === 'cancelled' ? ['cancel_reason: false_positive'] : []),
    ...(status === 'on_hold' ? ['hold_reason: awaiting_vendor'] : []),
    ...(status === 'monitoring' ? ['mitigated_at: 2026-03-09T09:30:00Z'] : []),
    `updates: [{at: 2026-03-09T09:01:00Z, status: ${status}, message: x}]`,
  ];
  return `---\n${lines.join('\n')}\n---\n`;
}

const MODEL_CASES: {
  name: string;
  specs: Spec[];
  at?: string;
  indicator: string;
  api: ComponentStatus;
  web: ComponentStatus;
  published: string[];
  apiDown?: number;
}[] = [
  { name: 'nothing open: all operational', specs: [], indicator: 'none', api: 'operational', web: 'operational', published: [] },
  {
    name: 'an open major outage is critical',
    specs: [{ status: 'investigating', services: { api: 'major_outage' } }],
    indicator: 'critical',
    api: 'major_outage',
    web: 'operational',
    published: ['INC-2026-0001'],
    apiDown: 3.5 * H,
  },
  {
    name: 'a partial outage is major, a degraded service minor; the worst wins',
    specs: [
      { status: 'identified', services: { api: 'partial_outage' } },
      { status: 'monitoring', services: { web: 'degraded_performance' } },
    ],
    indicator: 'major',
    api: 'partial_outage',
    web: 'degraded_performance',
    published: ['INC-2026-0001', 'INC-2026-0002'],
  },
  {
    name: 'on hold still counts as open (shown as identified)',
    specs: [{ status: 'on_hold', services: { api: 'partial_outage' } }],
    indicator: 'major',
    api: 'partial_outage',
    web: 'operational',
    published: ['INC-2026-0001'],
  },
  {
    name: 'a resolved incident leaves its services operational, but its time counts',
    specs: [{ status: 'resolved', services: { api: 'major_outage' } }],
    indicator: 'none',
    api: 'operational',
    web: 'operational',
    published: ['INC-2026-0001'],
    apiDown: H,
  },
  {
    name: 'an internal incident changes nothing public',
    specs: [{ status: 'investigating', services: { web: 'major_outage' }, visibility: 'internal' }],
    indicator: 'none',
    api: 'operational',
    web: 'operational',
    published: [],
  },
  {
    name: 'a cancelled incident is not shown',
    specs: [{ status: 'cancelled', services: { api: 'major_outage' } }],
    indicator: 'none',
    api: 'operational',
    web: 'operational',
    published: [],
    apiDown: 0,
  },
  {
    name: 'a public drill is shown but does not count against uptime',
    specs: [{ status: 'resolved', services: { api: 'major_outage' }, drill: true }],
    indicator: 'none',
    api: 'operational',
    web: 'operational',
    published: ['INC-2026-0001'],
    apiDown: 0,
  },
  {
    name: 'an active maintenance alone is the maintenance indicator',
    specs: [{ status: 'scheduled', services: { web: 'under_maintenance' }, type: 'maintenance' }],
    at: '2026-03-10T10:00:00Z',
    indicator: 'maintenance',
    api: 'operational',
    web: 'under_maintenance',
    published: ['INC-2026-0001'],
  },
  {
    name: 'an incident outranks maintenance',
    specs: [
      { status: 'in_progress', services: { web: 'under_maintenance' }, type: 'maintenance' },
      { status: 'investigating', services: { api: 'degraded_performance' } },
    ],
    at: '2026-03-10T10:00:00Z',
    indicator: 'minor',
    api: 'degraded_performance',
    web: 'under_maintenance',
    published: ['INC-2026-0001', 'INC-2026-0002'],
  },
];

for (const { name, specs, at = '2026-03-09T12:30:00Z', indicator, api, web, published, apiDown } of MODEL_CASES) {
  model(name, () => {
    const records = Object.fromEntries(specs.map((spec, index) => [`incidents/INC-2026-000${index + 1}.md`, record(`INC-2026-000${index + 1}`, spec)]));
    const status = modelOf(CONFIG, records, at);
    assert.is(status.indicator, indicator);
    assert.equal(Object.fromEntries(status.services.map((service) => [service.id, service.status])), { api, web });
    assert.equal([...status.incidents, ...status.maintenances].map((incident) => incident.id).sort(), published);
    if (apiDown !== undefined)
      assert.is(status.uptime.find((figures) => figures.service === 'api')!.days.find((day) => day.date === '2026-03-09')!.downtimeSeconds, apiDown);
  });
}

model('an incident resolved on the first of the 90 days counts there; one resolved the day before does not', () => {
  const records = { 'incidents/INC-2026-0001.md': record('INC-2026-0001', { status: 'resolved', services: { api: 'major_outage' } }) };
  const api = (at: string) => modelOf(CONFIG, records, at).uptime.find((figures) => figures.service === 'api')!;
  const lastDay = api('2026-06-06T12:00:00Z');
  assert.equal([lastDay.days[0]!.date, lastDay.days[0]!.downtimeSeconds], ['2026-03-09', 3600]);
  assert.ok(lastDay.ratio < 1);
  const dayAfter = api('2026-06-07T12:00:00Z');
  assert.equal([dayAfter.days[0]!.date, dayAfter.ratio], ['2026-03-10', 1]);
});

model('a group shows its worst member', () => {
  const status = modelOf(
    CONFIG,
    { 'incidents/INC-2026-0001.md': record('INC-2026-0001', { status: 'investigating', services: { api: 'degraded_performance', web: 'partial_outage' } }) },
    '2026-03-09T12:30:00Z',
  );
  assert.equal(status.groups, [{ name: 'Core', status: 'partial_outage', services: ['api', 'web'] }]);
});

uptime.run();
model.run();
