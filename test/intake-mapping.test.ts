import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { parse } from 'yaml';
import { parseAlertGroup } from '../scripts/core/intake/parse-alerts.js';
import { parseIssueEvent } from '../scripts/core/intake/parse-issue.js';
import { parsePayload } from '../scripts/core/intake/parse-payload.js';
import { renderTitle } from '../scripts/core/intake/title.js';
import { routeMatcher } from '../scripts/core/intake/routes.js';
import { updateRecord } from '../scripts/core/authoring/update-record.js';
import { checkRepository, parseRecordAs, type TextFile } from '../scripts/core/records/validate.js';
import { fixture, issueEvent, repoFiles, runIntake, INTAKE_REPO } from './helpers/intake.js';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const AT = '2026-03-01T10:05:00Z';
const LATER = '2026-03-01T10:30:00Z';
const CONFIG = readFileSync(join(INTAKE_REPO, 'incidents.config.yml'), 'utf8');

type Body = {
  status: string;
  truncatedAlerts?: number;
  alerts: { status: string; labels: Record<string, string>; annotations: Record<string, string>; endsAt: string; startsAt: string; fingerprint?: string }[];
};
const firing = () => fixture<Body>('alertmanager-firing.json');
/** The same webhook with every alert resolved at 10:20 (the group resolved). */
function resolved(body = firing()): Body {
  body.status = 'resolved';
  for (const alert of body.alerts) Object.assign(alert, { status: 'resolved', endsAt: '2026-03-01T10:20:00.1Z' });
  return body;
}
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a record's YAML, read in assertions
const frontmatter = (file: TextFile) => parse(file.text.split('\n---')[0]!.replace(/^---\n/, '')) as Record<string, any>;
/** Every error the validator finds in a set of files (records written by intake must pass validate). */
const errorsOf = (files: TextFile[]) =>
  checkRepository({ config: { path: 'incidents.config.yml', text: CONFIG }, records: files }).findings.filter((finding) => finding.severity === 'error');

const parsing = suite('intake: parsing payloads');

parsing('reads Alertmanager webhook v4: times in UTC whole seconds, endsAt only once resolved', () => {
  const parsed = parseAlertGroup('alertmanager', firing());
  assert.ok(parsed.ok);
  if (!parsed.ok) return;
  assert.is(parsed.value.alerts.length, 4);
  assert.is(parsed.value.alerts[0]!.startsAt, '2026-03-01T09:58:12Z');
  assert.is(parsed.value.alerts[1]!.startsAt, '2026-03-01T09:00:12Z');
  assert.is(parsed.value.alerts[0]!.endsAt, undefined);
  const back = parseAlertGroup('alertmanager', resolved());
  assert.ok(back.ok && back.value.alerts[0]!.endsAt === '2026-03-01T10:20:00Z');
});

parsing("reads Grafana's documented webhook, its extra fields allowed and unused", () => {
  const parsed = parseAlertGroup('grafana', fixture('grafana-firing.json'));
  assert.ok(parsed.ok);
  if (parsed.ok) assert.is(parsed.value.alerts[0]!.startsAt, '2026-03-01T07:51:03Z');
});

const BAD: { name: string; body: unknown; problem: RegExp }[] = [
  { name: 'not an object', body: [1], problem: /expected a JSON object, found a list/ },
  { name: 'another version', body: { ...firing(), version: '3' }, problem: /^version: found "3", expected "4"/ },
  {
    name: 'a label that is a number',
    body: (() => {
      const b = firing();
      (b.alerts[0]!.labels as Record<string, unknown>).service = 7;
      return b;
    })(),
    problem: /^alerts\[0\]\.labels\.service: expected a string, found the number 7/,
  },
  {
    name: 'a time without an offset',
    body: (() => {
      const b = firing();
      b.alerts[2]!.startsAt = '2026-03-01T09:59:00';
      return b;
    })(),
    problem: /^alerts\[2\]\.startsAt: found "2026-03-01T09:59:00", expected an RFC 3339 timestamp with an offset/,
  },
  {
    name: 'a label named __proto__',
    body: (() => {
      const b = firing();
      b.alerts[0]!.labels = JSON.parse('{"alertname": "x", "__proto__": "polluted"}') as Record<string, string>;
      return b;
    })(),
    problem: /^alerts\[0\]\.labels\.__proto__: this name is not allowed/,
  },
  { name: 'an unknown status', body: { ...firing(), status: 'pending' }, problem: /^status: found "pending", expected one of firing, resolved/ },
  { name: 'alerts not a list', body: { ...firing(), alerts: {} }, problem: /^alerts: expected a list of alerts, found an object/ },
  { name: 'a negative truncatedAlerts', body: { ...firing(), truncatedAlerts: -1 }, problem: /^truncatedAlerts: found the number -1/ },
];
for (const { name, body, problem } of BAD) {
  parsing(`refuses an Alertmanager body with ${name}, saying where`, () => {
    const parsed = parseAlertGroup('alertmanager', body);
    assert.not.ok(parsed.ok);
    if (!parsed.ok) assert.match(parsed.problems[0]!, problem);
  });
}

parsing('reads a repository_dispatch event and an issues event; a raw body needs --source', () => {
  const dispatch = { action: 'incident-alert', client_payload: { source: 'grafana', payload: fixture('grafana-firing.json') } };
  assert.is(parsePayload(dispatch, undefined).source, 'grafana');
  const mismatch = parsePayload(dispatch, 'alertmanager');
  assert.ok(!mismatch.ok && /--source says alertmanager/.test(mismatch.problems[0]!));
  assert.ok(parsePayload(issueEvent(), undefined).ok);
  const raw = parsePayload(firing(), undefined);
  assert.ok(!raw.ok && /needs --source/.test(raw.problems[0]!));
  const wrongType = parsePayload({ action: 'deploy', client_payload: {} }, undefined);
  assert.ok(!wrongType.ok && /expected "incident-alert"/.test(wrongType.problems[0]!));
});

parsing('reads the issue form; an issue without its label or with an empty section is refused', () => {
  const report = parseIssueEvent(issueEvent());
  assert.ok(report.ok);
  if (report.ok) {
    assert.is(report.value.title, 'Checkout fails with card payments');
    assert.is(report.value.service, 'Checkout API (checkout-api)');
    assert.is(report.value.impact, 'high');
  }
  const unlabelled = parseIssueEvent(issueEvent({ labels: ['bug'] }));
  assert.ok(!unlabelled.ok && /no "incident-report" label/.test(unlabelled.problems[0]!));
  const empty = parseIssueEvent(issueEvent({ body: '### Service\n\n_No response_\n\n### Impact\n\nhigh\n\n### Urgency\n\nlow\n\n### What is happening\n\nx' }));
  assert.ok(!empty.ok && /"Service" section is missing or empty/.test(empty.problems[0]!));
});

const templates = suite('intake: routes and titles');

const ROUTES = {
  routes: [
    { match: { service: 'checkout', severity: '/critical|page/' }, service: 'a', impact: 'high', urgency: 'high' },
    { match: { team: '/(a+)+$/' }, service: 'b', impact: 'low', urgency: 'low' },
    { match: { env: '' }, service: 'c', impact: 'low', urgency: 'low' },
  ],
} as never;
const ROUTE_CASES: { name: string; labels: Record<string, string>; expected: string | undefined }[] = [
  { name: 'exact and regex both match', labels: { service: 'checkout', severity: 'page' }, expected: 'a' },
  { name: 'a regex matches the whole value only', labels: { service: 'checkout', severity: 'critical-ish' }, expected: 'c' },
  { name: 'a label the alert lacks is the empty string', labels: { service: 'search' }, expected: 'c' },
  { name: 'RE2: a backtracking pattern runs in linear time', labels: { team: `${'a'.repeat(5000)}!`, env: 'prod' }, expected: undefined },
];
for (const { name, labels, expected } of ROUTE_CASES) {
  templates(`route: ${name}`, () => assert.is(routeMatcher(ROUTES)(labels)?.service, expected));
}

templates('a title template takes labels and annotations as plain text, and nothing else', () => {
  const alert = { labels: { alertname: 'Down', service: 'x' }, annotations: { summary: 'line one\nline two\u0007 <img src=x onerror=alert(1)>' } };
  assert.is(
    renderTitle('{{ labels.alertname }}: {{annotations.summary}} {{ labels.missing }}{{ constructor }}', alert),
    'Down: line one line two <img src=x onerror=alert(1)> {{ constructor }}',
  );
  assert.is([...renderTitle('{{ annotations.summary }}', { labels: {}, annotations: { summary: 'é'.repeat(500) } })].length, 200);
});

const mapping = suite('intake: alerts to records');

mapping('several keys in one webhook: one incident per key, unmatched alerts ignored and said so', () => {
  const { result, files } = runIntake(repoFiles(), firing(), 'alertmanager', AT);
  assert.equal(
    result.created.map(({ id, key, status }) => [id, key, status]),
    [
      ['INC-2026-0001', 'alertname="HighErrorRate",service="checkout"', 'reported'],
      ['INC-2026-0002', 'alertname="HighErrorRate",service="search"', 'reported'],
    ],
  );
  assert.equal(result.ignored, [{ key: 'alertname="HighErrorRate",service="billing"', reason: "no route of the config's intake matches its labels" }]);
  const checkout = frontmatter(result.created[0]!.file);
  assert.is(checkout.title, 'Checkout: 5xx ratio above 5% on <b>card</b> payments');
  assert.is(checkout.priority, 'P1');
  assert.is(checkout.visibility, 'internal');
  assert.equal(checkout.services, [{ id: 'checkout-api', status: 'major_outage' }]);
  assert.is(checkout.started_at, '2026-03-01T09:00:12Z');
  assert.is(checkout.detected_at, '2026-03-01T09:00:12Z');
  assert.is(checkout.reported_at, AT);
  assert.is(checkout.updates[0].message, 'Monitoring reports a problem with Checkout API. We are looking into it.', 'no payload text in a public message');
  assert.equal(
    checkout.alerts.map((alert: { id: string }) => alert.id),
    ['a1b2c3d4e5f60001', 'a1b2c3d4e5f60002'],
  );
  assert.equal(checkout.alerts[0].labels, { alertname: 'HighErrorRate', service: 'checkout', severity: 'critical', instance: 'checkout-1' });
  const search = frontmatter(result.created[1]!.file);
  assert.is(search.title, 'Search errors');
  assert.is(search.priority, 'P4');
  assert.equal(search.services, [{ id: 'search', status: 'degraded_performance' }]);
  assert.equal(errorsOf(files), []);
});

mapping('re-delivery: the same payload twice changes nothing', () => {
  const first = runIntake(repoFiles(), firing(), 'alertmanager', AT);
  const again = runIntake(first.files, firing(), 'alertmanager', LATER);
  assert.equal(again.result.created, []);
  assert.equal(again.result.updated, []);
  assert.equal(
    again.result.ignored.map(({ reason }) => reason),
    [
      "no route of the config's intake matches its labels",
      'INC-2026-0001 (reported) already records these alerts',
      'INC-2026-0002 (reported) already records these alerts',
    ],
  );
});

mapping('widening: a worse state firing for the key updates the services, with an update', () => {
  const body = firing();
  body.alerts = body.alerts
    .filter((alert) => alert.labels.service === 'checkout')
    .map((alert) => ({ ...alert, labels: { ...alert.labels, severity: 'warning' } }));
  const first = runIntake(repoFiles(), body, 'alertmanager', AT);
  assert.equal(frontmatter(first.result.created[0]!.file).services, [{ id: 'checkout-api', status: 'degraded_performance' }]);
  const worse = firing();
  worse.alerts = [{ ...worse.alerts[0]!, fingerprint: 'a1b2c3d4e5f6ffff', startsAt: '2026-03-01T10:10:00Z' }];
  const { result, files } = runIntake(first.files, worse, 'alertmanager', LATER);
  assert.equal(
    result.updated.map(({ id, status }) => [id, status]),
    [['INC-2026-0001', 'reported']],
  );
  const record = frontmatter(result.updated[0]!.file);
  assert.equal(record.services, [{ id: 'checkout-api', status: 'major_outage' }]);
  assert.is(record.updates.at(-1).message, 'Checkout API: a major outage.');
  assert.is(record.alerts.length, 3);
  assert.equal(errorsOf(files), []);
  // A better state firing later never narrows.
  const better = runIntake(
    files,
    { ...body, alerts: [{ ...body.alerts[0]!, fingerprint: 'new-one', startsAt: '2026-03-01T10:12:00Z' }] },
    'alertmanager',
    '2026-03-01T10:40:00Z',
  );
  assert.equal(frontmatter(better.result.updated[0]!.file).services, [{ id: 'checkout-api', status: 'major_outage' }]);
});

mapping('resolve: when every alert of a key resolved, monitoring with an update, never resolved', () => {
  const first = runIntake(repoFiles(), firing(), 'alertmanager', AT);
  const { result, files } = runIntake(first.files, resolved(), 'alertmanager', LATER);
  assert.equal(
    result.updated.map(({ id, status }) => [id, status]),
    [
      ['INC-2026-0001', 'monitoring'],
      ['INC-2026-0002', 'monitoring'],
    ],
  );
  const record = frontmatter(result.updated[0]!.file);
  assert.is(record.status, 'monitoring');
  assert.is(record.mitigated_at, LATER);
  assert.not.ok(record.resolved_at);
  assert.match(record.updates.at(-1).message, /resolved\. We are monitoring/);
  assert.ok(record.alerts.every((alert: { status: string; ends_at: string }) => alert.status === 'resolved' && alert.ends_at === '2026-03-01T10:20:00Z'));
  assert.equal(errorsOf(files), []);
  // Resolved again: nothing; and a resolved key with no open incident: nothing.
  const again = runIntake(files, resolved(), 'alertmanager', '2026-03-01T10:50:00Z');
  assert.equal([...again.result.created, ...again.result.updated], []);
  const none = runIntake(repoFiles(), resolved(), 'alertmanager', AT);
  assert.equal(none.result.created, []);
  assert.match(none.result.ignored.find(({ key }) => key.includes('checkout'))!.reason, /every alert of it has resolved, and no incident is open for it/);
});

mapping('resolve: one alert of two resolved keeps the incident as it is', () => {
  const first = runIntake(repoFiles(), firing(), 'alertmanager', AT);
  const half = firing();
  Object.assign(half.alerts[0]!, { status: 'resolved', endsAt: '2026-03-01T10:20:00Z' });
  const { result } = runIntake(first.files, half, 'alertmanager', LATER);
  const checkout = result.updated.find(({ id }) => id === 'INC-2026-0001')!;
  assert.is(checkout.status, 'reported');
  assert.equal(frontmatter(checkout.file).updates.length, 1, 'no public update for an internal change');
});

mapping('resolve: an incident on hold records the resolved alerts and stays on hold (on_hold cannot move to monitoring)', () => {
  const first = runIntake(repoFiles(), firing(), 'alertmanager', AT);
  const path = 'incidents/INC-2026-0001.md';
  let text = first.files.find((file) => file.path === path)!.text;
  for (const [status, reason] of [['investigating'], ['on_hold', 'awaiting_vendor']] as const) {
    const record = parseRecordAs('incidents', { path, text }).record!;
    const moved = updateRecord(text, record.data, {
      status,
      message: `Now ${status}.`,
      at: '2026-03-01T10:10:00Z',
      services: [],
      ...(reason ? { reason } : {}),
    });
    assert.ok(moved.ok);
    if (moved.ok) text = moved.text;
  }
  const held = first.files.map((file) => (file.path === path ? { path, text } : file));
  const { result, files } = runIntake(held, resolved(), 'alertmanager', LATER);
  const checkout = result.updated.find(({ id }) => id === 'INC-2026-0001')!;
  assert.is(checkout.status, 'on_hold');
  assert.ok(frontmatter(checkout.file).alerts.every((alert: { status: string }) => alert.status === 'resolved'));
  assert.equal(result.refused, []);
  assert.equal(errorsOf(files), []);
});

mapping('truncated groups: a firing group with alerts left out never moves to monitoring; a resolved one does', () => {
  const first = runIntake(repoFiles(), firing(), 'alertmanager', AT);
  const partial = firing();
  partial.truncatedAlerts = 3;
  partial.alerts = partial.alerts.slice(0, 2).map((alert) => ({ ...alert, status: 'resolved', endsAt: '2026-03-01T10:20:00Z' }));
  const { result, files } = runIntake(first.files, partial, 'alertmanager', LATER);
  assert.is(result.updated[0]!.status, 'reported');
  const next = runIntake(files, partial, 'alertmanager', LATER);
  assert.match(next.result.ignored[0]!.reason, /left 3 alert\(s\) of the group out: INC-2026-0001 stays reported/);
  const whole = runIntake(files, { ...partial, status: 'resolved' }, 'alertmanager', LATER);
  assert.is(whole.result.updated[0]!.status, 'monitoring');
  // A new incident from a truncated group says so in its notes.
  const created = runIntake(repoFiles(), { ...firing(), truncatedAlerts: 5 }, 'alertmanager', AT);
  assert.match(created.result.created[0]!.file.text, /The sender left 5 alert\(s\) of the group out/);
});

mapping('firing again after monitoring: back to investigating', () => {
  const first = runIntake(repoFiles(), firing(), 'alertmanager', AT);
  const calm = runIntake(first.files, resolved(), 'alertmanager', LATER);
  const refire = firing();
  refire.alerts = [{ ...refire.alerts[0]!, startsAt: '2026-03-01T10:35:00Z' }];
  const { result, files } = runIntake(calm.files, refire, 'alertmanager', '2026-03-01T10:40:00Z');
  assert.equal(
    result.updated.map(({ id, status }) => [id, status]),
    [['INC-2026-0001', 'investigating']],
  );
  assert.equal(errorsOf(files), []);
  // The old firing payload delivered late changes nothing.
  const stale = runIntake(calm.files, firing(), 'alertmanager', '2026-03-01T10:40:00Z');
  assert.equal(
    stale.result.updated.filter(({ status }) => status !== 'monitoring'),
    [],
  );
});

mapping('known error: a matching alert is recorded cancelled with cancel_reason known_error, once', () => {
  const body = firing();
  body.alerts = [
    {
      status: 'firing',
      labels: { alertname: 'ExportSlow', service: 'reports' },
      annotations: { summary: 'CSV export timed out for merchant 7' },
      startsAt: '2026-03-01T09:50:00Z',
      endsAt: '0001-01-01T00:00:00Z',
      fingerprint: 'ke0001',
    },
  ];
  const { result, files } = runIntake(repoFiles(), body, 'alertmanager', AT);
  assert.equal(
    result.created.map(({ id, status, knownError }) => [id, status, knownError]),
    [['INC-2026-0001', 'cancelled', 'KE-0001']],
  );
  const record = frontmatter(result.created[0]!.file);
  assert.is(record.cancel_reason, 'known_error');
  assert.is(record.known_error, 'KE-0001');
  assert.equal(errorsOf(files), []);
  const again = runIntake(files, body, 'alertmanager', LATER);
  assert.equal(again.result.created, []);
  assert.match(again.result.ignored[0]!.reason, /already recorded in INC-2026-0001 \(cancelled\)/);
});

mapping('no intake section: every alert is ignored, and said so', () => {
  const config = CONFIG.slice(0, CONFIG.indexOf('intake:'));
  const { result } = runIntake(repoFiles(), firing(), 'alertmanager', AT, config);
  assert.equal(result.created, []);
  assert.equal(result.ignored, [{ key: 'alertname="HighErrorRate"', reason: 'the config has no intake routes: every alert is ignored' }]);
});

mapping('an issue report: a new incident with its reporter and the text in the notes, once', () => {
  const { result, files } = runIntake(repoFiles(), issueEvent(), undefined, AT);
  assert.equal(
    result.created.map(({ id, key, status }) => [id, key, status]),
    [['INC-2026-0001', 'issue#42', 'reported']],
  );
  const record = frontmatter(result.created[0]!.file);
  assert.is(record.title, 'Checkout fails with card payments');
  assert.is(record.reporter, '@carol');
  assert.is(record.priority, 'P2');
  assert.equal(record.services, [{ id: 'checkout-api', status: 'degraded_performance' }]);
  assert.match(result.created[0]!.file.text, /\n> Paying by card fails/);
  assert.equal(errorsOf(files), []);
  const again = runIntake(files, issueEvent(), undefined, LATER);
  assert.equal(again.result.created, []);
  const unknown = runIntake(
    repoFiles(),
    issueEvent({ body: '### Service\n\nBilling (billing)\n\n### Impact\n\nlow\n\n### Urgency\n\nlow\n\n### What is happening\n\nx' }),
    undefined,
    AT,
  );
  assert.match(unknown.result.ignored[0]!.reason, /"Billing \(billing\)", which is not one of the config's services/);
});

mapping("a person's report stays internal even when the config makes intake's incidents public", () => {
  const config = CONFIG.replace('intake:\n', 'intake:\n  visibility: public\n');
  assert.ok(config.includes('visibility: public'), 'the config says public');
  const fromIssue = runIntake(repoFiles(), issueEvent(), undefined, AT, config);
  assert.is(frontmatter(fromIssue.result.created[0]!.file).visibility, 'internal');
  const fromAlert = runIntake(repoFiles(), firing(), 'alertmanager', AT, config);
  assert.is(frontmatter(fromAlert.result.created[0]!.file).visibility, 'public');
});

mapping("Grafana's documented webhook, as its custom payload sends it to the dispatches endpoint, opens an incident", () => {
  const body = fixture<Record<string, unknown>>('grafana-firing.json');
  const custom = { status: body.status, groupKey: body.groupKey, truncatedAlerts: body.truncatedAlerts, alerts: body.alerts };
  const { result, files } = runIntake(repoFiles(), { action: 'incident-alert', client_payload: { source: 'grafana', payload: custom } }, undefined, AT);
  assert.equal(
    result.created.map(({ id, key }) => [id, key]),
    [['INC-2026-0001', 'alertname="SearchLatency",service="search"']],
  );
  const record = frontmatter(result.created[0]!.file);
  assert.is(record.title, 'Search is slow');
  assert.is(record.started_at, '2026-03-01T07:51:03Z');
  assert.is(record.alerts[0].url, 'https://grafana.test.example/alerting/abc123/edit');
  assert.equal(errorsOf(files), []);
});

mapping('hostile labels: prototype names, YAML and line breaks stay plain values', () => {
  const body = firing();
  body.alerts = [
    {
      status: 'firing',
      labels: JSON.parse('{"alertname": "x\\n---\\nid: INC-2026-9999", "service": "search", "constructor": "{{ annotations.summary }}"}'),
      annotations: { summary: '::add-mask::secret\n@everyone <script>alert(1)</script>' },
      startsAt: '2026-03-01T09:59:00Z',
      endsAt: '0001-01-01T00:00:00Z',
    },
  ];
  const { result, files } = runIntake(repoFiles(), body, 'alertmanager', AT);
  assert.is(result.created.length, 1);
  const record = frontmatter(result.created[0]!.file);
  assert.is(record.id, 'INC-2026-0001');
  assert.is(record.alerts[0].labels.constructor, '{{ annotations.summary }}');
  assert.is(record.alerts[0].key, 'alertname="x\\n---\\nid: INC-2026-9999",service="search"', 'a line break in a label stays inside its value');
  assert.is(record.title, '::add-mask::secret @everyone <script>alert(1)</script>');
  assert.equal(errorsOf(files), []);
});

parsing.run();
templates.run();
mapping.run();
