import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BASE } from './helpers/pull-request-cases.js';
import { runCliCapturing } from './helpers/run-cli.js';
import { modelOf, repositoryFiles, siteFiles } from './helpers/site.js';
import { renderStatuspageApi } from '../scripts/render/api/statuspage-api.js';

/**
 * Uptime from the services' state history, worked by hand: records written with `new` and moved
 * with `update` as the README shows, then the status model a day later.
 */
const history = suite('uptime integrates the states the updates record');

const H = 3600;
const ID = 'INC-2026-0001';
const RESOLVE = ['--resolution', 'fixed', '--summary', 'Fixed.'];

/** The API's downtime on 2026-03-05 and its worst state that day, after these `update` steps on a new major outage at 10:00Z, alone in its repository. */
async function dayAfter(steps: string[][], { legacy = false } = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'incidents-uptime-'));
  cpSync(join(BASE, 'incidents.config.yml'), join(dir, 'incidents.config.yml'));
  mkdirSync(join(dir, 'incidents'));
  const root = ['--root', dir];
  const created = await runCliCapturing([
    'new',
    '--title',
    'Card payments fail',
    '--service',
    'api=major_outage',
    '--impact',
    'high',
    '--urgency',
    'high',
    '--at',
    '2026-03-05T10:00:00Z',
    ...root,
  ]);
  assert.is(created.code, 0, created.stderr);
  if (legacy) forgetStates(dir);
  for (const step of steps) {
    const moved = await runCliCapturing(['update', ID, ...step, ...root]);
    assert.is(moved.code, 0, moved.stderr);
  }
  const { config, records } = repositoryFiles(dir);
  const model = modelOf(config, records, '2026-03-06T12:00:00Z');
  const day = model.uptime.find((figures) => figures.service === 'api')!.days.find((candidate) => candidate.date === '2026-03-05')!;
  return { downtime: day.downtimeSeconds, worst: day.worst, model };
}

/** Makes the new record one written before updates recorded states. */
function forgetStates(dir: string) {
  const path = join(dir, `incidents/${ID}.md`);
  writeFileSync(path, readFileSync(path, 'utf8').replace(/\n {4}services: \[.*\]/, ''));
}

const CASES: { name: string; steps: string[][]; legacy?: boolean; downtime: number; worst: string }[] = [
  {
    name: 'a 4-hour major outage resolved with the service marked operational still counts 4 hours',
    steps: [['--status', 'resolved', '--message', 'Fixed.', '--at', '2026-03-05T14:00:00Z', ...RESOLVE, '--service', 'api=operational']],
    downtime: 4 * H,
    worst: 'major_outage',
  },
  {
    name: 'the same for a record written before updates recorded states: its first update gets the states it gave',
    steps: [['--status', 'resolved', '--message', 'Fixed.', '--at', '2026-03-05T14:00:00Z', ...RESOLVE, '--service', 'api=operational']],
    legacy: true,
    downtime: 4 * H,
    worst: 'major_outage',
  },
  {
    name: 'resolved without --service: the state held to the resolution',
    steps: [['--status', 'resolved', '--message', 'Fixed.', '--at', '2026-03-05T14:00:00Z', ...RESOLVE]],
    downtime: 4 * H,
    worst: 'major_outage',
  },
  {
    name: 'the state changing mid-incident: 1 h major, 2 h partial at 30%, 1 h operational before the resolution = 1.6 h',
    steps: [
      ['--status', 'identified', '--message', 'Most payments work.', '--at', '2026-03-05T11:00:00Z', '--service', 'api=partial_outage'],
      ['--status', 'monitoring', '--message', 'A fix is out.', '--at', '2026-03-05T13:00:00Z', '--service', 'api=operational'],
      ['--status', 'resolved', '--message', 'Fixed.', '--at', '2026-03-05T14:00:00Z', ...RESOLVE],
    ],
    downtime: 1 * H + 0.3 * 2 * H,
    worst: 'major_outage',
  },
];

for (const { name, steps, legacy, downtime, worst } of CASES) {
  history(name, async () => {
    const day = await dayAfter(steps, { legacy });
    assert.is(day.downtime, downtime);
    assert.is(day.worst, worst);
  });
}

const MID_INCIDENT = CASES.at(-1)!.steps;

history("the Statuspage API gives each update's affected_components with old and new status", async () => {
  const { model } = await dayAfter(MID_INCIDENT);
  const api = JSON.parse(renderStatuspageApi(model).get('api/v2/incidents.json')!) as {
    incidents: { incident_updates: { status: string; affected_components: unknown }[] }[];
  };
  const change = (old_status: string, new_status: string) => [{ code: 'api', name: 'API', old_status, new_status }];
  assert.equal(
    api.incidents[0]!.incident_updates.map((update) => [update.status, update.affected_components]),
    [
      ['resolved', null],
      ['monitoring', change('partial_outage', 'operational')],
      ['identified', change('major_outage', 'partial_outage')],
      ['investigating', change('operational', 'major_outage')],
    ],
  );
});

history("the incident's page says what each update changed, in plain words", async () => {
  const { model } = await dayAfter(MID_INCIDENT);
  const page = siteFiles({ ...model, page: { ...model.page, url: 'https://status.example.test' } }).get(`incidents/${ID}.html`)!;
  assert.match(page, /API: major outage → partial outage/);
  assert.match(page, /API: partial outage → operational/);
});

history('the service page gives uptime over 24 hours, 7, 30 and 90 days, its incidents, feeds and badge', async () => {
  const { model } = await dayAfter(MID_INCIDENT);
  // At 2026-03-06T12:00Z (London is on GMT): the last 24 hours hold 1 h of the partial outage
  // (12:00-13:00 on the 5th) = 0.3 h; the last 7 local days are 6 days and 12 h = 156 h with 1.6 h
  // down; 30 days: 29 days and 12 h = 708 h; 90 days: 89 days and 12 h = 2148 h. Percentages are
  // cut, never rounded up: 99.9255% shows as 99.92%.
  const periods = model.uptime.find((figures) => figures.service === 'api')!.periods;
  const expected = { '24 hours': 1 - 0.3 / 24, '7 days': 1 - 1.6 / 156, '30 days': 1 - 1.6 / 708, '90 days': 1 - 1.6 / 2148 };
  assert.equal(
    periods.map((period) => period.name),
    Object.keys(expected),
  );
  for (const period of periods) assert.ok(Math.abs(period.ratio - expected[period.name as keyof typeof expected]) < 1e-9, `${period.name}: ${period.ratio}`);
  const page = siteFiles({ ...model, page: { ...model.page, url: 'https://status.example.test' } }).get('services/api.html')!;
  assert.match(page, /<td>98\.75%<\/td><td>98\.97%<\/td><td>99\.77%<\/td><td>99\.92%<\/td>/);
  assert.match(page, new RegExp(`href="../incidents/${ID}.html">Card payments fail</a>`));
  assert.match(page, /href="api.atom">Atom<\/a> · <a href="api.rss">RSS<\/a>/);
  assert.match(page, /<img src="..\/badges\/services\/api.svg"/);
});

history.run();
