/**
 * The SLA model on the sample records of this repository at a fixed moment, with no CLI and no
 * mocks. fixtures/sla/samples-at-2026-11-23T12-00-00Z.json is what
 * `incidents sla --format json --at 2026-11-23T12:00:00Z` printed before the model moved into the
 * core; UPDATE_FIXTURES=1 rewrites it (when the samples change), then review the diff.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { toJsonFinding } from '../scripts/core/findings.js';
import { checkRepository } from '../scripts/core/records/validate.js';
import { buildSlaReport, openOnly, hasOpenBreach, notificationsDue, slaAlerts, toSlaJson } from '../scripts/core/sla/sla-report.js';
import { formatSlaTable } from '../scripts/render/sla-table.js';
import { readRepository } from '../scripts/io/repository/read-repository.js';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const EXPECTED_JSON = fileURLToPath(new URL('fixtures/sla/samples-at-2026-11-23T12-00-00Z.json', import.meta.url));
const NOW = Date.parse('2026-11-23T12:00:00Z');

async function loadSamples() {
  const files = await readRepository(ROOT);
  const { records, findings } = checkRepository({ config: files.config!, records: files.records });
  assert.equal([...files.findings, ...findings], [], 'the samples are valid');
  return records!;
}

/** Where `status:` is in a sample record, as an annotation points at it: its line, and the column of its value. */
function statusPosition(path: string): { line: number; column: number } {
  const lines = readFileSync(`${ROOT}${path}`, 'utf8').split('\n');
  const index = lines.findIndex((line) => line.startsWith('status: '));
  return { line: index + 1, column: 'status: '.length + 1 };
}

const report = suite('sla report of the samples at 2026-11-23T12:00:00Z');

report('toSlaJson prints exactly what incidents sla --format json printed', async () => {
  const json = `${JSON.stringify(toSlaJson(buildSlaReport(await loadSamples(), NOW)), null, 2)}\n`;
  if (process.env.UPDATE_FIXTURES) writeFileSync(EXPECTED_JSON, json);
  assert.fixture(json, readFileSync(EXPECTED_JSON, 'utf8'));
});

report('measured incidents reported by now, and nothing else', async () => {
  const model = buildSlaReport(await loadSamples(), NOW);
  assert.is(model.at, '2026-11-23T12:00:00Z');
  // 0003 cancelled, 0004 and 0012 maintenance, 0005 a drill; 0014 is reported at 12:15.
  assert.equal(
    model.incidents.map((incident) => incident.id),
    ['INC-2026-0001', 'INC-2026-0002', 'INC-2026-0006', 'INC-2026-0007', 'INC-2026-0008', 'INC-2026-0009', 'INC-2026-0010', 'INC-2026-0011', 'INC-2026-0013'],
  );
  const inc7 = model.incidents.find((incident) => incident.id === 'INC-2026-0007')!;
  assert.is(model.timeZone, 'Europe/London', "every time reads in the status page's zone");
  assert.is(inc7.open, false);
  assert.equal(inc7.notices, [], 'a resolved incident has nothing to announce');
});

report('the table puts open incidents first under their heading, finished ones after, times in one zone; --open keeps the open ones', async () => {
  const model = buildSlaReport(await loadSamples(), NOW);
  const { text, markdown } = formatSlaTable(model);
  const [open, finished] = text.split('\n\n');
  assert.ok(open!.startsWith('Open incidents\nincident '), open);
  assert.ok(finished!.startsWith('Finished incidents\nincident '), finished);
  assert.equal([...new Set([...open!.matchAll(/^INC-\d{4}-\d{4}/gm)].map(([id]) => id))], ['INC-2026-0009', 'INC-2026-0010', 'INC-2026-0011', 'INC-2026-0013']);
  assert.not.match(finished!, /INC-2026-00(09|10|11|13)/);
  assert.match(text, /breach at \(Europe\/London\)/);
  assert.match(markdown, /^\*\*Open incidents\*\*\n\n\| incident \|/);
  const onlyOpen = openOnly(model);
  assert.equal(
    onlyOpen.incidents.map((incident) => incident.open),
    [true, true, true, true],
  );
  assert.not.ok(formatSlaTable(onlyOpen).text.includes('Finished incidents'));
});

report('at is written as given', async () => {
  assert.is(buildSlaReport(await loadSamples(), NOW, '2026-11-23T13:00:00+01:00').at, '2026-11-23T13:00:00+01:00');
});

report('an open incident that breached gives sla/breached errors at its status; at risk, a warning; closed ones nothing', async () => {
  const model = buildSlaReport(await loadSamples(), NOW);
  const inc10 = { path: 'incidents/INC-2026-0010.md', ...statusPosition('incidents/INC-2026-0010.md') };
  const inc13 = { path: 'incidents/INC-2026-0013.md', ...statusPosition('incidents/INC-2026-0013.md') };
  assert.equal(slaAlerts(model).map(toJsonFinding), [
    { ...inc10, rule: 'sla/breached', severity: 'error', message: 'INC-2026-0010 (P2) breached its resolve target 9h46m ago, at 2026-11-23T02:14:00Z' },
    { ...inc10, rule: 'sla/breached', severity: 'error', message: 'INC-2026-0010 (P2) breached its update target 15h20m ago, at 2026-11-22T20:40:00Z' },
    {
      ...inc13,
      rule: 'sla/at-risk',
      severity: 'warning',
      message: 'INC-2026-0013 (P1) is at risk of breaching its update target: 22m left, due 2026-11-23T12:22:00Z',
    },
  ]);
  assert.ok(hasOpenBreach(model));
});

report('before INC-2026-0010 breached, nothing is breached', async () => {
  const model = buildSlaReport(await loadSamples(), Date.parse('2026-11-22T19:00:00Z'));
  assert.equal(
    slaAlerts(model).filter((finding) => finding.rule === 'sla/breached'),
    [],
  );
  assert.not.ok(hasOpenBreach(model));
});

report('notificationsDue: the notices of measured incidents, then every incident not measured, finished', async () => {
  const records = await loadSamples();
  const due = notificationsDue(buildSlaReport(records, NOW), records);
  assert.equal(
    due.map(({ incident }) => [incident.id, incident.open]),
    [
      ['INC-2026-0001', false],
      ['INC-2026-0002', false],
      ['INC-2026-0006', false],
      ['INC-2026-0007', false],
      ['INC-2026-0008', false],
      ['INC-2026-0009', true],
      ['INC-2026-0010', true],
      ['INC-2026-0011', true],
      ['INC-2026-0013', true],
      ['INC-2026-0003', false],
      ['INC-2026-0004', false],
      ['INC-2026-0005', false],
      ['INC-2026-0012', false],
    ],
  );
  const keys = (id: string) => due.find(({ incident }) => incident.id === id)!.notices.map((notice) => notice.key);
  assert.ok(keys('INC-2026-0010').includes('breached-resolve-1'), 'the resolve breach of the first cycle');
  assert.ok(
    keys('INC-2026-0013').some((key) => key.startsWith('at-risk-update-')),
    'the update at risk',
  );
  assert.equal(keys('INC-2026-0005'), [], 'a drill only closes its tracking issue');
});

report.run();
