import { cpSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import type { Report } from '../scripts/core/report/report.js';
import { ROOT, runCliCapturing } from './helpers/run-cli.js';

const FIXTURE = join(ROOT, 'test/fixtures/report');
const AT = '2026-03-31T12:00:00Z';
const H = 3600;
const M = 60;
const D = 24 * H;

async function reportJson(at = AT): Promise<Report> {
  const result = await runCliCapturing(['report', '--root', FIXTURE, '--at', at, '--format', 'json']);
  assert.is(result.code, 0, result.stderr);
  return JSON.parse(result.stdout) as Report;
}

// ---------------------------------------------------------------------------------------------
const metrics = suite('report: metrics worked out by hand');

/*
 * Measured: INC-1, 2, 3 and 7. Left out: 4 (cancelled), 5 (drill), 6 (maintenance).
 *   INC-1  P1  a       started 03-01 10:00, detected 10:05, reported 10:10, acknowledged 10:20, resolved 12:10
 *   INC-2  P1  a, b    started 03-03 10:00, detected 10:30, reported 11:00, acknowledged 11:30, resolved 16:00
 *   INC-3  P3  b       reported 03-10 09:00, acknowledged 09:20, still open; no started_at, no detected_at
 *   INC-7  P3  a       started 02-20 08:00, detected 08:00, reported 08:30, acknowledged 09:00, resolved 10:30
 */
metrics('overall, by priority and by service', async () => {
  const report = await reportJson();
  assert.equal(report.overall, {
    count: 4,
    mtta_seconds: (10 * M + 30 * M + 20 * M + 30 * M) / 4,
    mttd_seconds: (5 * M + 30 * M + 0) / 3, // INC-3 has neither time
    mttr_seconds: (2 * H + 5 * H + 2 * H) / 3, // INC-3 is not resolved
    mtbf_seconds: (9 * D + 2 * H + 2 * D) / 2, // on a: 02-20 08:00 → 03-01 10:00 → 03-03 10:00; b has one start
  });
  assert.equal(report.by_priority.P1, {
    count: 2,
    mtta_seconds: 20 * M,
    mttd_seconds: (5 * M + 30 * M) / 2,
    mttr_seconds: (2 * H + 5 * H) / 2,
    mtbf_seconds: 2 * D,
  });
  assert.equal(report.by_priority.P3, { count: 2, mtta_seconds: 25 * M, mttd_seconds: 0, mttr_seconds: 2 * H, mtbf_seconds: null });
  assert.equal(report.by_priority.P2, { count: 0, mtta_seconds: null, mttd_seconds: null, mttr_seconds: null, mtbf_seconds: null });
  assert.equal(report.by_service.a, {
    count: 3,
    mtta_seconds: (10 * M + 30 * M + 30 * M) / 3,
    mttd_seconds: (5 * M + 30 * M) / 3,
    mttr_seconds: (2 * H + 5 * H + 2 * H) / 3,
    mtbf_seconds: (9 * D + 2 * H + 2 * D) / 2,
  });
  assert.equal(report.by_service.b, { count: 2, mtta_seconds: 25 * M, mttd_seconds: 30 * M, mttr_seconds: 5 * H, mtbf_seconds: null });
});

metrics('per month, the last 12, by reported_at', async () => {
  const report = await reportJson();
  assert.equal(
    report.by_month.map((month) => month.month),
    ['2025-04', '2025-05', '2025-06', '2025-07', '2025-08', '2025-09', '2025-10', '2025-11', '2025-12', '2026-01', '2026-02', '2026-03'],
  );
  const march = report.by_month.at(-1)!;
  assert.is(march.overall.count, 3);
  assert.equal(march.by_priority, { P1: 2, P2: 0, P3: 1, P4: 0, P5: 0 });
  assert.equal(march.by_service, { a: 2, b: 2 });
  assert.is(report.by_month.at(-2)!.overall.mttr_seconds, 2 * H);
});

metrics('SLA compliance per priority and target, and the breaches with how far over', async () => {
  const report = await reportJson();
  assert.equal(report.sla.by_priority.P1, {
    acknowledge: { met: 1, breached: 1, running: 0 },
    resolve: { met: 1, breached: 1, running: 0 },
    update: { met: 0, breached: 0, running: 0 },
  });
  assert.equal(report.sla.by_priority.P3, {
    acknowledge: { met: 2, breached: 0, running: 0 },
    resolve: { met: 1, breached: 1, running: 0 },
    update: { met: 0, breached: 0, running: 0 },
  });
  assert.equal(
    report.sla.breaches.map(({ id, target, over_seconds, open }) => ({ id, target, over_seconds, open })),
    [
      { id: 'INC-2026-0003', target: 'resolve', over_seconds: 21 * D + 3 * H - 8 * H, open: true }, // 03-10 09:00 → 03-31 12:00
      { id: 'INC-2026-0002', target: 'resolve', over_seconds: 5 * H - 4 * H, open: false },
      { id: 'INC-2026-0002', target: 'acknowledge', over_seconds: 30 * M - 15 * M, open: false },
    ],
  );
});

metrics('downtime by service: weighted, worst first; the drill, the maintenance and the cancelled incident do not count', async () => {
  const report = await reportJson();
  assert.equal(report.downtime, [
    { service: 'b', name: 'Service B', seconds: 21 * D + 3 * H }, // INC-3, a major outage open since it was reported (INC-2 only degraded b)
    { service: 'a', name: 'Service A', seconds: 2 * H + 10 * M + 0.3 * 6 * H + 0.3 * 2.5 * H }, // INC-1 major, INC-2 and INC-7 partial
  ]);
});

metrics('known errors by the incidents linked to them, cancelled ones included', async () => {
  const report = await reportJson();
  assert.equal(report.known_errors, [
    { id: 'KE-0001', title: 'Known fault of A', status: 'active', incidents: ['INC-2026-0004', 'INC-2026-0007'] },
    { id: 'KE-0002', title: 'Known fault of B', status: 'fixed', incidents: [] },
  ]);
});

metrics('action items: open, overdue (past due at --at), done, by owner', async () => {
  const report = await reportJson();
  assert.equal(report.action_items.total, { open: 3, overdue: 2, done: 1, wont_do: 1 });
  assert.equal(report.action_items.by_owner, {
    '(no owner)': { open: 0, overdue: 0, done: 0, wont_do: 1 },
    '@dave': { open: 2, overdue: 1, done: 0, wont_do: 0 },
    '@erin': { open: 1, overdue: 1, done: 1, wont_do: 0 },
  });
  assert.equal(
    report.action_items.overdue.map((item) => `${item.due} ${item.incident} ${item.owner}`),
    ['2026-03-15 INC-2026-0001 @dave', '2026-03-30 INC-2026-0002 @erin'],
  );
  // A day earlier, the item due on 03-30 is not overdue yet.
  assert.is((await reportJson('2026-03-30T12:00:00Z')).action_items.total.overdue, 1);
});

metrics('a record with an error is left out, and stderr says so', async () => {
  const root = mkdtempSync(join(tmpdir(), 'incidents-report-'));
  cpSync(FIXTURE, root, { recursive: true });
  const path = join(root, 'incidents/INC-2026-0007.md');
  writeFileSync(path, readFileSync(path, 'utf8').replace('known_error: KE-0001', 'known_error: KE-0009')); // valid YAML and schema, a broken reference
  const result = await runCliCapturing(['report', '--root', root, '--at', AT, '--format', 'json']);
  assert.is(result.code, 0);
  assert.match(result.stderr, /^1 record file has errors and is left out of the report: run incidents validate\.\n$/);
  const report = JSON.parse(result.stdout) as Report;
  assert.is(report.overall.count, 3);
  assert.equal(report.known_errors[0]!.incidents, ['INC-2026-0004']);
});

/*
 * Problems at 03-31 12:00 (test/fixtures/report/problems):
 *   PRB-0001 investigating, created 03-05 12:00: INC-2 (a partial 03-03 10:00–16:00; b only degraded)
 *            and INC-3 (b major since 03-10 09:00, open); their breaches: INC-2 acknowledge and resolve, INC-3 resolve.
 *   PRB-0002 resolved, INC-1 (a major 10:00–12:10), known error KE-0001.
 *   PRB-0003 cancelled: not listed. KE-0002 names PRB-0001 as its problem.
 */
metrics('problems: open by status, age, incidents, the downtime and breaches they caused, known errors born of them', async () => {
  const { problems } = await reportJson();
  assert.equal(problems.open_by_status, { new: 0, investigating: 1, root_cause_known: 0, known_error: 0 });
  assert.equal(
    problems.problems.map(({ id, status, age_seconds, incidents, downtime_seconds, sla_breaches }) => ({
      id,
      status,
      age_seconds,
      incidents,
      downtime_seconds,
      sla_breaches,
    })),
    [
      {
        id: 'PRB-0001',
        status: 'investigating',
        age_seconds: 26 * D,
        incidents: ['INC-2026-0002', 'INC-2026-0003'],
        downtime_seconds: 0.3 * 6 * H + (21 * D + 3 * H),
        sla_breaches: 3,
      },
      { id: 'PRB-0002', status: 'resolved', age_seconds: null, incidents: ['INC-2026-0001'], downtime_seconds: 2 * H + 10 * M, sla_breaches: 0 },
    ],
  );
  assert.equal(problems.known_errors, [
    { problem: 'PRB-0001', known_error: 'KE-0002', title: 'Known fault of B', status: 'fixed' },
    { problem: 'PRB-0002', known_error: 'KE-0001', title: 'Known fault of A', status: 'active' },
  ]);
  assert.equal(problems.recurring_settings, { window_seconds: 2160 * H, min_incidents: 3 });
  assert.equal(problems.recurring, [], 'INC-7 is the only measured incident no problem lists');
});

metrics('the JSON has the keys docs/reference.md documents', async () => {
  const report = await reportJson();
  for (const key of ['at', 'overall', 'by_priority', 'by_service']) assert.ok(key in report, key);
  assert.is(report.at, AT);
  for (const metricsOf of [report.overall, ...Object.values(report.by_priority), ...Object.values(report.by_service)]) {
    assert.equal(Object.keys(metricsOf), ['count', 'mtta_seconds', 'mttd_seconds', 'mttr_seconds', 'mtbf_seconds']);
  }
});

// ---------------------------------------------------------------------------------------------
const output = suite('report: formats and the HTML page');

output('markdown gives the same figures as tables, for a job summary', async () => {
  const result = await runCliCapturing(['report', '--root', FIXTURE, '--at', AT, '--format', 'markdown']);
  assert.is(result.code, 0);
  assert.match(result.stdout, /^## Incident report at 2026-03-31T12:00:00Z\n/);
  assert.match(result.stdout, /\| all \| 4 \| 22m \| 11m \| 3h00m \| 5d 13h \|/);
  assert.match(result.stdout, /\| INC-2026-0003 \| P3 \| resolve \| 20d 19h \| 2026-03-10T17:00:00Z \| yes \|/);
  assert.match(result.stdout, /### Open problems by status\n\n\| status \| problems \|/);
  assert.match(
    result.stdout,
    /\| PRB-0001 \| investigating \| P2 \| @dave \| 26d 0h \| 2: INC-2026-0002, INC-2026-0003 \| 21d 4h \| 3 \| A and B share a connection pool \|/,
  );
  assert.match(result.stdout, /\| PRB-0002 \| KE-0001 \| active \| Known fault of A \|/);
});

output('github format prints the text and appends the Markdown to the job summary', async () => {
  const summary = join(mkdtempSync(join(tmpdir(), 'incidents-report-')), 'summary.md');
  writeFileSync(summary, '');
  const result = await runCliCapturing(['report', '--root', FIXTURE, '--at', AT, '--format', 'github'], { env: { GITHUB_STEP_SUMMARY: summary } });
  assert.is(result.code, 0);
  assert.match(result.stdout, /^Incident report at/);
  assert.match(readFileSync(summary, 'utf8'), /### SLA compliance\n\n\| priority \| target \|/);
});

output('--out writes an HTML page with SVG charts and the JSON, and no script', async () => {
  const out = join(mkdtempSync(join(tmpdir(), 'incidents-report-')), 'report');
  const result = await runCliCapturing(['report', '--root', FIXTURE, '--at', AT, '--out', out]);
  assert.is(result.code, 0, result.stderr);
  const page = readFileSync(join(out, 'index.html'), 'utf8');
  assert.is((page.match(/<svg viewBox="0 0 600 /g) ?? []).length, 4, 'four charts');
  assert.not.match(page, /<script/);
  assert.match(page, /5 of 8 finished clocks met; 3 breached, 1 of them on incidents still open/);
  assert.match(page, /<strong>Problems:<\/strong> 1 open, the oldest PRB-0001 for 26d 0h; no recurring incidents without a problem\./);
  assert.equal(JSON.parse(readFileSync(join(out, 'report.json'), 'utf8')), await reportJson());
});

output('the report is never written into the public site', async () => {
  const parent = mkdtempSync(join(tmpdir(), 'incidents-report-'));
  const site = join(parent, 'site');
  assert.is((await runCliCapturing(['build', '--root', FIXTURE, '--at', AT, '--out', site])).code, 0);
  for (const out of [site, join(site, 'internal')]) {
    const result = await runCliCapturing(['report', '--root', FIXTURE, '--at', AT, '--out', out]);
    assert.is(result.code, 2);
    assert.match(result.stderr, /is inside the public status site .*: the report is internal/);
  }
  assert.not.ok(existsSync(join(site, 'report.json')));
  assert.not.ok(existsSync(join(site, 'internal')));
});

metrics.run();
output.run();
