import { cpSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { addWorkingMillis, formatInZone, isoDateIn, workingMillis, type WorkingCalendar } from '../scripts/core/time/calendar.js';
import { computeSla, type SlaGoals, type TargetFigures } from '../scripts/core/sla/clocks.js';
import type { Incident } from '../scripts/core/records/types.js';
import { ROOT, runCliCapturing } from './helpers/run-cli.js';

const H = 3600;
const M = 60;
const DAY = '2026-03-02'; // a Monday
const at = (time: string, day = DAY) => `${day}T${time}:00Z`;
const ms = (timestamp: string) => Date.parse(timestamp);

const TWENTY_FOUR_SEVEN: WorkingCalendar = { kind: '24x7' };

/** An incident from its status history: [time, status] pairs, oldest first; the first is the report. */
function incident(history: [string, string][], fields: Partial<Incident> = {}): Incident {
  const [[reported]] = history as [[string, string]];
  const resolved = [...history].reverse().find(([, status]) => status === 'resolved');
  const last = history[history.length - 1]![1];
  return {
    id: 'INC-2026-0001',
    title: 'Test',
    type: 'incident',
    status: last,
    impact: 'high',
    urgency: 'high',
    priority: 'P1',
    services: [{ id: 'api', status: 'major_outage' }],
    visibility: 'public',
    reported_at: reported,
    acknowledged_at: history.find(([, status]) => status !== 'reported')?.[0],
    resolved_at: last === 'resolved' || last === 'closed' ? resolved?.[0] : undefined,
    updates: history.map(([time, status]) => ({ at: time, status, message: status })),
    ...fields,
  } as Incident;
}

function target(figures: TargetFigures[], name: TargetFigures['target']): TargetFigures {
  return figures.find((figure) => figure.target === name)!;
}

const goals = (resolve: number, extra: Partial<SlaGoals> = {}): SlaGoals => ({ acknowledge: 15 * M, resolve, atRisk: [], ...extra });

const worked = suite('SLA: the worked cases of the issue, by hand');

worked('calendar Mon 09–17, Tue 09–16, Wed off, Thu 08–17; goal 16h; start Mon 11:00 → breach Thu 11:00', () => {
  const calendar: WorkingCalendar = {
    kind: 'business',
    timeZone: 'Europe/London',
    hours: [[], [[540, 1020]], [[540, 960]], [], [[480, 1020]], [], []],
    holidays: new Set(),
  };
  const record = incident([[at('11:00'), 'investigating']]);
  const resolve = target(computeSla(record, goals(16 * H), calendar, ms(at('12:00'))), 'resolve');
  assert.is(resolve.breach_at, '2026-03-05T11:00:00Z');
  assert.is(resolve.elapsed_seconds, 1 * H);
  assert.is(resolve.state, 'running');
});

worked('24x7, goal 4h; start 10:00; on hold 11:00–13:00; resolved 15:30 → met, elapsed 3h30', () => {
  const record = incident([
    [at('10:00'), 'investigating'],
    [at('11:00'), 'on_hold'],
    [at('13:00'), 'investigating'],
    [at('15:30'), 'resolved'],
  ]);
  const resolve = target(computeSla(record, goals(4 * H), TWENTY_FOUR_SEVEN, ms(at('18:00'))), 'resolve');
  assert.equal(resolve, {
    target: 'resolve',
    state: 'met',
    elapsed_seconds: 3.5 * H,
    remaining_seconds: 0.5 * H,
    breach_at: null,
    breached: false,
    ever_breached: false,
    at_risk: false,
  });
});

worked('24x7, goal 1h; start 10:00; on hold 11:10–12:00; resolved 12:30 → breached at 11:00, elapsed 1h40, remaining −40m', () => {
  const history: [string, string][] = [
    [at('10:00'), 'investigating'],
    [at('11:10'), 'on_hold'],
    [at('12:00'), 'investigating'],
    [at('12:30'), 'resolved'],
  ];
  const resolve = target(computeSla(incident(history), goals(1 * H), TWENTY_FOUR_SEVEN, ms(at('13:00'))), 'resolve');
  assert.equal(resolve, {
    target: 'resolve',
    state: 'breached',
    elapsed_seconds: 100 * M,
    remaining_seconds: -40 * M,
    breach_at: '2026-03-02T11:00:00Z',
    breached: true,
    ever_breached: true,
    at_risk: false,
  });
});

worked('… and still breached while paused (11:30, on hold)', () => {
  const history: [string, string][] = [
    [at('10:00'), 'investigating'],
    [at('11:10'), 'on_hold'],
  ];
  const resolve = target(computeSla(incident(history, { hold_reason: 'awaiting_vendor' }), goals(1 * H), TWENTY_FOUR_SEVEN, ms(at('11:30'))), 'resolve');
  assert.is(resolve.state, 'breached');
  assert.is(resolve.elapsed_seconds, 70 * M);
  assert.is(resolve.breach_at, '2026-03-02T11:00:00Z');
});

worked('24x7, goal 4h; cycle 10:00–11:00 met, reopened 14:00, resolved 19:00 → breached, ever_breached', () => {
  const history: [string, string][] = [
    [at('10:00'), 'investigating'],
    [at('11:00'), 'resolved'],
    [at('14:00'), 'investigating'],
    [at('19:00'), 'resolved'],
  ];
  const resolve = target(computeSla(incident(history), goals(4 * H), TWENTY_FOUR_SEVEN, ms(at('20:00'))), 'resolve');
  assert.is(resolve.breached, true);
  assert.is(resolve.ever_breached, true);
  assert.is(resolve.elapsed_seconds, 5 * H);
});

const rules = suite('SLA: clock rules');

rules('acknowledge stops at acknowledged_at', () => {
  const figures = computeSla(
    incident([
      [at('10:00'), 'reported'],
      [at('10:20'), 'investigating'],
    ]),
    goals(4 * H),
    TWENTY_FOUR_SEVEN,
    ms(at('11:00')),
  );
  assert.equal(target(figures, 'acknowledge'), {
    target: 'acknowledge',
    state: 'breached',
    elapsed_seconds: 20 * M,
    remaining_seconds: -5 * M,
    breach_at: '2026-03-02T10:15:00Z',
    breached: true,
    ever_breached: true,
    at_risk: false,
  });
});

rules('a running clock projects breach_at from now with no future pauses', () => {
  const figures = computeSla(
    incident([
      [at('10:00'), 'investigating'],
      [at('10:30'), 'on_hold'],
    ]),
    goals(4 * H),
    TWENTY_FOUR_SEVEN,
    ms(at('12:00')),
  );
  const resolve = target(figures, 'resolve');
  assert.is(resolve.state, 'paused');
  assert.is(resolve.elapsed_seconds, 30 * M);
  assert.is(resolve.breach_at, '2026-03-02T15:30:00Z');
});

rules('at risk by share of the goal and by time left', () => {
  const record = incident([[at('10:00'), 'investigating']]);
  const byShare = target(computeSla(record, goals(4 * H, { atRisk: ['75%'] }), TWENTY_FOUR_SEVEN, ms(at('13:00'))), 'resolve');
  const notYet = target(computeSla(record, goals(4 * H, { atRisk: ['75%'] }), TWENTY_FOUR_SEVEN, ms(at('12:59'))), 'resolve');
  const byTime = target(computeSla(record, goals(4 * H, { atRisk: ['30m'] }), TWENTY_FOUR_SEVEN, ms(at('13:30'))), 'resolve');
  assert.equal([byShare.at_risk, notYet.at_risk, byTime.at_risk], [true, false, true]);
});

rules('the update cadence: a gap between public updates over the goal is a breach', () => {
  const history: [string, string][] = [
    [at('10:00'), 'investigating'],
    [at('10:20'), 'investigating'],
    [at('11:05'), 'identified'],
  ];
  const open = target(computeSla(incident(history), goals(4 * H, { update: 30 * M }), TWENTY_FOUR_SEVEN, ms(at('11:20'))), 'update');
  assert.equal(open, {
    target: 'update',
    state: 'running',
    elapsed_seconds: 15 * M,
    remaining_seconds: 15 * M,
    breach_at: '2026-03-02T11:35:00Z',
    breached: false,
    ever_breached: true,
    at_risk: false,
  });
  const silent = target(computeSla(incident(history), goals(4 * H, { update: 30 * M }), TWENTY_FOUR_SEVEN, ms(at('11:40'))), 'update');
  assert.is(silent.state, 'breached');
});

rules('a pause that ends exactly now is not counted (fast-check found this)', () => {
  const history: [string, string][] = [
    [at('10:00'), 'investigating'],
    [at('11:00'), 'on_hold'],
    [at('13:00'), 'investigating'],
  ];
  const resolve = target(computeSla(incident(history), goals(4 * H), TWENTY_FOUR_SEVEN, ms(at('13:00'))), 'resolve');
  assert.equal([resolve.elapsed_seconds, resolve.breach_at], [1 * H, '2026-03-02T16:00:00Z']);
});

rules('an internal incident has no public update cadence', () => {
  const figures = computeSla(
    incident([[at('10:00'), 'investigating']], { visibility: 'internal' }),
    goals(4 * H, { update: 30 * M }),
    TWENTY_FOUR_SEVEN,
    ms(at('12:00')),
  );
  assert.equal(
    figures.map((figure) => figure.target),
    ['acknowledge', 'resolve'],
  );
});

rules('business hours follow the time zone across a daylight-saving change (London, 29 March 2026)', () => {
  const calendar: WorkingCalendar = {
    kind: 'business',
    timeZone: 'Europe/London',
    hours: [[], [[540, 1020]], [[540, 1020]], [[540, 1020]], [[540, 1020]], [[540, 1020]], []],
    holidays: new Set(['03-30']),
  };
  // Fri 27 March 16:00 GMT, goal 2h: 1h on Friday, Monday 30 is a holiday, so 1h on Tuesday from 09:00 BST (08:00Z).
  assert.is(addWorkingMillis(calendar, ms('2026-03-27T16:00:00Z'), 2 * H * 1000), ms('2026-03-31T09:00:00Z'));
});

const properties = suite('SLA: properties (fast-check)');

/** A status history: reported, then a mix of investigating and on_hold, maybe resolved, minutes apart. */
const histories = fc
  .array(fc.tuple(fc.integer({ min: 1, max: 600 }), fc.constantFrom('investigating', 'on_hold', 'identified')), { minLength: 1, maxLength: 12 })
  .chain((steps) =>
    fc.boolean().map((resolved) => {
      let minute = 0;
      const history: [string, string][] = [[new Date(ms(at('00:00')) + minute).toISOString().replace('.000Z', 'Z'), 'investigating']];
      for (const [gap, status] of [...steps, ...(resolved ? ([[30, 'resolved']] as const) : [])]) {
        minute += gap;
        history.push([new Date(ms(at('00:00')) + minute * 60_000).toISOString().replace('.000Z', 'Z'), status]);
      }
      return history;
    }),
  );

function pausedMillis(history: [string, string][], now: number): number {
  let total = 0;
  history.forEach(([time, status], index) => {
    if (status !== 'on_hold') return;
    const next = history.slice(index + 1).find(([, later]) => later !== 'on_hold');
    if (index > 0 && history[index - 1]![1] === 'on_hold') return;
    total += Math.min(next ? ms(next[0]) : now, now) - Math.min(ms(time), now);
  });
  return total;
}

properties('wall clocks read from the hourly offset cache agree with Intl, across daylight-saving changes (fast-check)', () => {
  const zones = ['Europe/London', 'America/New_York', 'Australia/Lord_Howe', 'Asia/Kathmandu', 'America/St_Johns', 'UTC'];
  // Random instants, and every minute within three hours of some changes (Lord Howe moves by 30 minutes; St John's changes at half past a UTC hour).
  const changes = ['2026-03-29T01:00:00Z', '2026-10-25T01:00:00Z', '2026-03-08T07:00:00Z', '2026-04-04T15:00:00Z', '2026-03-08T05:30:00Z'].map(ms);
  const nearChanges = fc
    .tuple(fc.constantFrom(...changes), fc.integer({ min: -180, max: 180 }), fc.integer({ min: 0, max: 59_999 }))
    .map(([change, minute, extra]) => change + minute * 60_000 + extra);
  fc.assert(
    fc.property(fc.constantFrom(...zones), fc.oneof(fc.integer({ min: Date.UTC(1990, 0, 1), max: Date.UTC(2040, 0, 1) }), nearChanges), (timeZone, instant) => {
      const parts = new Intl.DateTimeFormat('en-CA', {
        timeZone,
        hourCycle: 'h23',
        year: 'numeric',
        month: '2-digit',
        day: '2-digit',
        hour: '2-digit',
        minute: '2-digit',
        second: '2-digit',
      }).formatToParts(instant);
      const field = (type: string) => parts.find((part) => part.type === type)!.value;
      assert.is(
        formatInZone(instant, timeZone).slice(0, 19),
        `${field('year')}-${field('month')}-${field('day')}T${field('hour')}:${field('minute')}:${field('second')}`,
      );
      assert.is(isoDateIn(timeZone, instant), `${field('year')}-${field('month')}-${field('day')}`);
    }),
    { numRuns: 3000 },
  );
});

properties('on the 24x7 calendar, elapsed equals wall time less pauses', () => {
  fc.assert(
    fc.property(histories, fc.integer({ min: 0, max: 10_000 }), (history, extra) => {
      const record = incident(history);
      const now = ms(history[history.length - 1]![0]) + extra * 60_000;
      const resolve = target(computeSla(record, goals(1000 * H), TWENTY_FOUR_SEVEN, now), 'resolve');
      const end = record.resolved_at ? ms(record.resolved_at) : now;
      return (
        resolve.elapsed_seconds * 1000 ===
        end -
          ms(record.reported_at) -
          pausedMillis(
            history.filter(([time]) => ms(time) <= end),
            end,
          )
      );
    }),
  );
});

const office: WorkingCalendar = {
  kind: 'business',
  timeZone: 'America/New_York',
  hours: [
    [],
    [[540, 1020]],
    [
      [540, 720],
      [780, 1020],
    ],
    [[540, 1020]],
    [[600, 960]],
    [[540, 1020]],
    [],
  ],
  holidays: new Set(['07-04']),
};

properties('on a business calendar, elapsed never exceeds wall time less pauses', () => {
  fc.assert(
    fc.property(histories, (history) => {
      const record = incident(history);
      const now = ms(history[history.length - 1]![0]) + 3600_000;
      const resolve = target(computeSla(record, goals(1000 * H), office, now), 'resolve');
      const end = record.resolved_at ? ms(record.resolved_at) : now;
      return (
        resolve.elapsed_seconds * 1000 <=
        end -
          ms(record.reported_at) -
          pausedMillis(
            history.filter(([time]) => ms(time) <= end),
            end,
          )
      );
    }),
  );
});

properties('adding a pause never makes a breach earlier', () => {
  fc.assert(
    fc.property(
      fc.integer({ min: 1, max: 300 }),
      fc.integer({ min: 1, max: 300 }),
      fc.integer({ min: 1, max: 600 }),
      (pauseStart, pauseLength, goalMinutes) => {
        const start = at('09:00');
        const plain = incident([[start, 'investigating']]);
        const onHold = ms(start) + pauseStart * 60_000;
        const paused = incident([
          [start, 'investigating'],
          [new Date(onHold).toISOString(), 'on_hold'],
          [new Date(onHold + pauseLength * 60_000).toISOString(), 'investigating'],
        ]);
        const now = onHold + pauseLength * 60_000;
        const breach = (record: Incident) => target(computeSla(record, goals(goalMinutes * M), office, now), 'resolve').breach_at;
        const [withoutPause, withPause] = [breach(plain), breach(paused)];
        return withoutPause === null || withPause === null || ms(withPause) >= ms(withoutPause);
      },
    ),
  );
});

properties('working time adds up: workingMillis(from, addWorkingMillis(from, x)) = x', () => {
  fc.assert(
    fc.property(fc.integer({ min: 0, max: 60 * 24 * 400 }), fc.integer({ min: 0, max: 60 * 200 }), (offsetMinutes, amountMinutes) => {
      const from = ms('2026-01-01T00:00:00Z') + offsetMinutes * 60_000;
      const reached = addWorkingMillis(office, from, amountMinutes * 60_000)!;
      return workingMillis(office, from, reached) === amountMinutes * 60_000;
    }),
  );
});

const command = suite('incidents sla');

/** A repository with the validate fixtures' config (P1 on 24x7: acknowledge 15m, resolve 4h) and one P1 incident. */
function slaRepository(status: string, extra = ''): string {
  const dir = mkdtempSync(join(tmpdir(), 'incidents-sla-'));
  cpSync(join(ROOT, 'test/fixtures/validate/base.config.yml'), join(dir, 'incidents.config.yml'));
  mkdirSync(join(dir, 'incidents'));
  writeFileSync(
    join(dir, 'incidents/INC-2026-0001.md'),
    `---\nid: INC-2026-0001\ntitle: API errors\ntype: incident\nstatus: ${status}\nimpact: high\nurgency: high\npriority: P1\nservices:\n  - id: api\n    status: major_outage\nvisibility: public\nreported_at: 2026-03-01T10:00:00Z\nacknowledged_at: 2026-03-01T10:10:00Z\n${extra}updates:\n  - at: 2026-03-01T10:10:00Z\n    status: investigating\n    message: Looking.\n${status === 'resolved' ? '  - at: 2026-03-01T12:00:00Z\n    status: resolved\n    message: Fixed.\n' : ''}---\n`,
  );
  return dir;
}

command('--format json gives the shape of docs/reference.md, and exit 1 when an open incident is breached', async () => {
  const { code, stdout } = await runCliCapturing(['sla', '--at', '2026-03-01T15:00:00Z', '--format', 'json', '--root', slaRepository('investigating')]);
  assert.is(code, 1);
  const report = JSON.parse(stdout);
  assert.is(report.at, '2026-03-01T15:00:00Z');
  assert.equal(
    report.incidents.map((incident: { id: string; priority: string }) => [incident.id, incident.priority]),
    [['INC-2026-0001', 'P1']],
  );
  const resolve = report.incidents[0].targets.find((figure: TargetFigures) => figure.target === 'resolve');
  assert.equal(Object.keys(resolve).sort(), ['at_risk', 'breach_at', 'breached', 'elapsed_seconds', 'ever_breached', 'remaining_seconds', 'state', 'target']);
  assert.is(resolve.state, 'breached');
  assert.is(resolve.elapsed_seconds, 5 * H);
  assert.is(resolve.remaining_seconds, -1 * H);
  assert.is(resolve.breach_at, '2026-03-01T14:00:00Z');
});

command('a resolved incident that breached is history: exit 0', async () => {
  const { code, stdout } = await runCliCapturing([
    'sla',
    '--at',
    '2026-03-01T15:00:00Z',
    '--root',
    slaRepository('resolved', 'resolved_at: 2026-03-01T12:00:00Z\nresolution: {code: fixed, summary: Fixed.}\n'),
  ]);
  assert.is(code, 0);
  assert.match(stdout, /^Finished incidents\nincident\s+priority\s+target\s+state\s+elapsed\s+remaining\s+breach at \(Europe\/London\)\n/);
  assert.match(stdout, /INC-2026-0001 +P1 +resolve +met +2h00m +2h00m\n/);
});

command('--format github: an error annotation at the status line for a breach, and the table in the job summary', async () => {
  const dir = slaRepository('investigating');
  const summary = join(dir, 'summary.md');
  const { code, stdout } = await runCliCapturing(['sla', '--at', '2026-03-01T15:00:00Z', '--format', 'github', '--root', dir], {
    env: { GITHUB_STEP_SUMMARY: summary },
  });
  assert.is(code, 1);
  assert.match(
    stdout,
    /::error file=incidents\/INC-2026-0001\.md,line=5,col=9,title=sla\/breached::INC-2026-0001 \(P1\) breached its resolve target 1h00m ago, at 2026-03-01T14:00:00Z/,
  );
  assert.match(readFileSync(summary, 'utf8'), /\| INC-2026-0001 \| P1 \| resolve \| breached \| 5h00m \| 1h00m overdue \|/);
});

command('drills, cancelled incidents and maintenance are not measured', async () => {
  const { stdout } = await runCliCapturing([
    'sla',
    '--at',
    '2026-03-01T15:00:00Z',
    '--format',
    'json',
    '--root',
    slaRepository('investigating', 'drill: true\n'),
  ]);
  assert.equal(JSON.parse(stdout).incidents, []);
});

command('a bad --at is a usage error', async () => {
  const { code, stderr } = await runCliCapturing(['sla', '--at', 'yesterday', '--root', slaRepository('investigating')]);
  assert.is(code, 2);
  assert.match(stderr, /--at yesterday is not an ISO 8601 date and time/);
});

worked.run();
rules.run();
properties.run();
command.run();
