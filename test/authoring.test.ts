import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { setKey } from '../scripts/core/authoring/edit-frontmatter.js';
import { RecordWriteError } from '../scripts/core/errors.js';
import { writeRecordFile } from '../scripts/io/repository/write-record.js';
import { TRANSITIONS } from '../scripts/core/gate/lifecycle.js';
import { updateRecord } from '../scripts/core/authoring/update-record.js';
import { parseRecordAs } from '../scripts/core/records/validate.js';
import { BASE } from './helpers/pull-request-cases.js';
import { ROOT, runCliCapturing } from './helpers/run-cli.js';

const ODD = join(ROOT, 'test/fixtures/update');

/** A copy of the gate's base repository (INC-2026-0001 investigating, 0002 resolved, 0003 closed, KE-0001), plus files. */
function repository(files: Record<string, string> = {}): string {
  const dir = mkdtempSync(join(tmpdir(), 'incidents-authoring-'));
  cpSync(BASE, dir, { recursive: true });
  for (const [path, text] of Object.entries(files)) writeFileSync(join(dir, path), text);
  return dir;
}

async function incidents(dir: string, ...argv: string[]) {
  return runCliCapturing([...argv, '--root', dir]);
}

const read = (dir: string, path: string) => readFileSync(join(dir, path), 'utf8');

/** The options of a small valid incident, for tests about something else. */
const SLOW_PAGES = ['--title', 'Slow pages', '--service', 'web', '--impact', 'low', '--urgency', 'low'];

const create = suite('incidents new');

create('writes the next free id, in its initial state, valid at once, and prints its path', async () => {
  const dir = repository();
  const result = await incidents(
    dir,
    'new',
    '--title',
    'Checkout: card payments fail',
    '--service',
    'api=major_outage',
    '--service',
    'web',
    '--impact',
    'high',
    '--urgency',
    'medium',
    '--at',
    '2026-03-05T09:30:00Z',
    '--message',
    'Card payments fail at checkout.',
  );
  assert.is(result.code, 0, result.stderr);
  assert.ok(result.stdout.endsWith('incidents/INC-2026-0004.md\n'), result.stdout);
  assert.is(
    read(dir, 'incidents/INC-2026-0004.md'),
    `---
id: INC-2026-0004
title: "Checkout: card payments fail"
type: incident
status: reported
impact: high
urgency: medium
priority: P2
services:
  - id: api
    status: major_outage
  - id: web
    status: degraded_performance
visibility: public
reported_at: 2026-03-05T09:30:00Z
updates:
  - at: 2026-03-05T09:30:00Z
    status: reported
    message: Card payments fail at checkout.
    services: [{id: api, status: major_outage}, {id: web, status: degraded_performance}]
---
Working notes (internal, never published).
`,
  );
  assert.is((await incidents(dir, 'validate')).code, 0);
});

create('--started-at, --detected-at, --commander and --communications are written, so MTTD needs no hand edit', async () => {
  const dir = repository();
  const result = await incidents(
    dir,
    'new',
    ...['--title', 'Slow search', '--service', 'web', '--impact', 'low', '--urgency', 'low', '--at', '2026-03-05T09:30:00Z'],
    ...['--started-at', '2026-03-05T09:10:00Z', '--detected-at', '2026-03-05T09:20:00Z', '--commander', '@alice', '--communications', '@bob'],
  );
  assert.is(result.code, 0, result.stderr);
  assert.match(
    read(dir, 'incidents/INC-2026-0004.md'),
    /\nstarted_at: 2026-03-05T09:10:00Z\ndetected_at: 2026-03-05T09:20:00Z\nreported_at: 2026-03-05T09:30:00Z\ncommander: "@alice"\ncommunications: "@bob"\n/,
  );
  const refused = await incidents(
    dir,
    'new',
    ...['--title', 'x', '--service', 'web', '--impact', 'low', '--urgency', 'low', '--at', '2026-03-05T09:30:00Z', '--detected-at', '2026-03-05T09:40:00Z'],
  );
  assert.is(refused.code, 2, 'detected after it was reported: the timestamp order refuses it');
  assert.match(refused.stdout + refused.stderr, /record\/timestamp-order/);
});

create('ids count per year, from the year of --at', async () => {
  const dir = repository();
  const result = await incidents(dir, 'new', ...SLOW_PAGES, '--at', '2027-01-01T00:10:00+01:00');
  assert.ok(result.stdout.endsWith('incidents/INC-2027-0001.md\n'));
});

create('--at defaults to now, to the second, in UTC', async () => {
  const dir = repository();
  const before = Date.now();
  await incidents(dir, 'new', ...SLOW_PAGES);
  const file = readdirSync(join(dir, 'incidents')).find(
    (name) => !['INC-2026-0001.md', 'INC-2026-0002.md', 'INC-2026-0003.md', 'INC-2026-0002.postmortem.md'].includes(name),
  )!;
  const reportedAt = /reported_at: (\S+)/.exec(read(dir, `incidents/${file}`))![1]!;
  assert.match(reportedAt, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
  assert.ok(Math.abs(Date.parse(reportedAt) - before) < 60_000);
});

create('a maintenance is scheduled, with its window, its services under maintenance', async () => {
  const dir = repository();
  const result = await incidents(
    dir,
    'new',
    '--type',
    'maintenance',
    '--title',
    'Database upgrade',
    '--service',
    'api',
    '--impact',
    'medium',
    '--urgency',
    'low',
    '--at',
    '2026-03-05T09:30:00Z',
    '--scheduled-for',
    '2026-03-10T06:00:00Z',
    '--scheduled-until',
    '2026-03-10T07:00:00Z',
  );
  assert.is(result.code, 0, result.stderr);
  const text = read(dir, 'incidents/INC-2026-0004.md');
  for (const line of [
    'type: maintenance',
    'status: scheduled',
    '    status: under_maintenance',
    'scheduled_for: 2026-03-10T06:00:00Z',
    'scheduled_until: 2026-03-10T07:00:00Z',
    'priority: P4',
  ])
    assert.ok(text.includes(`${line}\n`), line);
});

create('a match with a known error is a warning on stderr; stdout is only the path', async () => {
  const dir = repository();
  const result = await incidents(
    dir,
    'new',
    '--title',
    'Report export timed out',
    '--service',
    'reports',
    '--impact',
    'low',
    '--urgency',
    'low',
    '--at',
    '2026-03-05T09:30:00Z',
  );
  assert.is(result.code, 0);
  assert.is(result.stdout.trim().split('\n').length, 1);
  assert.match(result.stderr, /warning: This looks like KE-0001/);
  // in the words of someone who typed a command: the command to run, not the keys to write
  assert.match(result.stderr, /cancel it with incidents update INC-2026-0\d{3} --status cancelled --known-error KE-0001 --message "…"/);
  assert.not.match(result.stderr, /cancel_reason/);
});

const NEW_REFUSALS: { name: string; args: string[]; message: RegExp }[] = [
  { name: 'an unknown service', args: ['--service', 'apii'], message: /--service apii: apii is not a service in the config \(did you mean api\?\)/ },
  { name: 'a service state that does not exist', args: ['--service', 'api=down'], message: /--service down is not one of operational, degraded_performance/ },
  { name: 'an impact that does not exist', args: ['--impact', 'hig'], message: /--impact hig is not one of high, medium, low \(did you mean high\?\)/ },
  { name: 'a time without an offset', args: ['--at', '2026-03-05T09:30:00'], message: /--at 2026-03-05T09:30:00 has no UTC offset/ },
  { name: 'a maintenance without its window', args: ['--type', 'maintenance'], message: /a maintenance needs its window/ },
  {
    name: 'a title too long for the schema',
    args: ['--title', 'x'.repeat(201)],
    message: /title is longer than 200 characters \(schema\/maxLength\)[\s\S]*Nothing was written: incidents\/INC-2026-0004.md would not be valid/,
  },
];

for (const word of ['constructor', '__proto__', 'toString', 'hasOwnProperty', 'valueOf']) {
  NEW_REFUSALS.push(
    { name: `--service ${word}`, args: ['--service', word], message: new RegExp(`--service ${word}: ${word} is not a service in the config`) },
    { name: `--service api=${word}`, args: ['--service', `api=${word}`], message: new RegExp(`--service ${word} is not one of operational`) },
    { name: `--impact ${word}`, args: ['--impact', word], message: new RegExp(`--impact ${word} is not one of high, medium, low`) },
    { name: `--type ${word}`, args: ['--type', word], message: new RegExp(`--type ${word} is not one of incident, maintenance`) },
    { name: `--visibility ${word}`, args: ['--visibility', word], message: new RegExp(`--visibility ${word} is not one of public, internal`) },
    { name: `--at ${word}`, args: ['--at', word], message: new RegExp(`--at ${word} is not an ISO 8601 date and time`) },
  );
}
NEW_REFUSALS.push(
  {
    name: 'a time past the last year',
    args: ['--at', '9999-12-31T23:59:59Z'],
    message: /--at 9999-12-31T23:59:59Z is in the year 9999: expected a year from 1970 to 9899/,
  },
  { name: 'a started_at past the last year', args: ['--started-at', '9900-01-01T00:00:00Z'], message: /--started-at 9900-01-01T00:00:00Z is in the year 9900/ },
);

for (const { name, args, message } of NEW_REFUSALS) {
  create(`exit 2, nothing written: ${name}`, async () => {
    const dir = repository();
    const defaults: Record<string, string> = { '--title': 'Slow pages', '--service': 'web', '--impact': 'low', '--urgency': 'low' };
    for (let index = 0; index < args.length; index += 2) defaults[args[index]!] = args[index + 1]!;
    const result = await incidents(dir, 'new', ...Object.entries(defaults).flat());
    assert.is(result.code, 2);
    assert.match(`${result.stdout}${result.stderr}`, message);
    assert.not.match(result.stderr, /internal error/);
    assert.not.ok(existsSync(join(dir, 'incidents/INC-2026-0004.md')));
  });
}

/** Things in the record folder under the next id's name that are not a record it can read. */
const IN_THE_WAY: { name: string; make: (path: string) => void }[] = [
  { name: 'a binary file', make: (path) => writeFileSync(path, Buffer.from([0xff, 0xfe, 0x00, 0x62])) },
  { name: 'a file that is not UTF-8', make: (path) => writeFileSync(path, Buffer.from('---\nid: \xe9\n---\n', 'latin1')) },
  { name: 'a folder', make: (path) => mkdirSync(path) },
  { name: 'a symbolic link', make: (path) => symlinkSync('/etc/hostname', path) },
  { name: 'a file over the size limit', make: (path) => writeFileSync(path, 'x'.repeat(1024 * 1024 + 1)) },
];

for (const { name, make } of IN_THE_WAY) {
  create(`the next id's name is taken by ${name} it cannot read: the id after it is written, and nothing is overwritten`, async () => {
    const dir = repository();
    make(join(dir, 'incidents/INC-2026-0004.md'));
    const result = await incidents(dir, 'new', ...SLOW_PAGES, '--at', '2026-03-05T09:30:00Z');
    assert.is(result.code, 0, result.stderr);
    assert.ok(result.stdout.endsWith('incidents/INC-2026-0005.md\n'), result.stdout);
    assert.ok(existsSync(join(dir, 'incidents/INC-2026-0005.md')));
  });
}

create('a record that cannot be written (something appeared where it goes) is an error that says so, not a bug', async () => {
  const dir = repository();
  mkdirSync(join(dir, 'incidents/INC-2026-0009.md'));
  const failure = (mode: 'create' | 'replace') =>
    writeRecordFile(dir, 'incidents/INC-2026-0009.md', 'x', mode).then(
      () => undefined,
      (error: unknown) => error,
    );
  const created = await failure('create');
  assert.instance(created, RecordWriteError);
  assert.match((created as Error).message, /incidents\/INC-2026-0009\.md could not be written: something is already there/);
  assert.instance(await failure('replace'), RecordWriteError);
  assert.equal(
    readdirSync(join(dir, 'incidents')).filter((name) => name.endsWith('.tmp')),
    [],
    'no temporary file is left behind',
  );
});

const update = suite('incidents update');

update('moves an incident on: status, the timestamps it implies, services, a new update; nothing else changes', async () => {
  const dir = repository();
  const before = read(dir, 'incidents/INC-2026-0001.md');
  const result = await incidents(
    dir,
    'update',
    'INC-2026-0001',
    '--status',
    'resolved',
    '--message',
    'Card payments work again.',
    '--at',
    '2026-03-01T11:00:00Z',
    '--resolution',
    'fixed',
    '--summary',
    'Restarted the payment workers.',
    '--service',
    'api=operational',
  );
  assert.is(result.code, 0, result.stderr);
  assert.match(result.stdout, /incidents\/INC-2026-0001\.md: investigating → resolved\n$/);
  const expected = before
    .replace('status: investigating\nimpact', 'status: resolved\nimpact')
    .replace('    status: partial_outage', '    status: operational')
    .replace(
      'acknowledged_at: 2026-03-01T10:09:00Z\n',
      'acknowledged_at: 2026-03-01T10:09:00Z\nresolved_at: 2026-03-01T11:00:00Z\nresolution:\n  code: fixed\n  summary: Restarted the payment workers.\n',
    )
    .replace(
      'failed card payments.\n',
      'failed card payments.\n    services: [{id: api, status: partial_outage}]\n  - at: 2026-03-01T11:00:00Z\n    status: resolved\n    message: Card payments work again.\n    services: [{id: api, status: operational}]\n',
    );
  assert.is(read(dir, 'incidents/INC-2026-0001.md'), expected);
});

update('resolving with a service still shown as down is written, with a warning that says how to mark it recovered', async () => {
  const dir = repository();
  const result = await incidents(
    dir,
    'update',
    'INC-2026-0001',
    ...['--status', 'resolved', '--message', 'Fixed.', '--at', '2026-03-01T11:00:00Z'],
    ...['--resolution', 'fixed', '--summary', 'x'],
  );
  assert.is(result.code, 0, result.stderr);
  assert.match(
    result.stderr,
    /warning: resolved with api partial_outage still shown: if it has recovered, pass --service api=operational \(update\/services-down\)/,
  );
  assert.ok(read(dir, 'incidents/INC-2026-0001.md').includes('status: resolved\n'));
});

update('comments, quoting, flow lists, block scalars, blank lines and the body are kept', async () => {
  const dir = repository({ 'incidents/INC-2026-0009.md': readFileSync(join(ODD, 'odd-layout.md'), 'utf8') });
  const result = await incidents(
    dir,
    'update',
    'INC-2026-0009',
    '--status',
    'monitoring',
    '--message',
    'A fix is out: results are back.',
    '--at',
    '2026-03-01T10:40:00Z',
    '--service',
    'api=operational',
  );
  assert.is(result.code, 0, result.stderr);
  const expected = readFileSync(join(ODD, 'odd-layout.md'), 'utf8')
    .replace('status: investigating\nimpact', 'status: monitoring\nimpact')
    .replace('{id: api, status: partial_outage}', '{id: api, status: operational}')
    .replace('mitigated_at:\n', 'mitigated_at: 2026-03-01T10:40:00Z\n')
    .replace(
      '    We are investigating.\n',
      '    We are investigating.\n  services: [{id: api, status: partial_outage}]\n- at: 2026-03-01T10:40:00Z\n  status: monitoring\n  message: "A fix is out: results are back."\n  services: [{id: api, status: operational}]\n',
    );
  assert.is(read(dir, 'incidents/INC-2026-0009.md'), expected);
});

update('a fix that did not hold: monitoring back to identified clears mitigated_at, and the next monitoring sets it anew', async () => {
  const dir = repository({ 'incidents/INC-2026-0009.md': readFileSync(join(ODD, 'odd-layout.md'), 'utf8') });
  const move = (status: string, at: string) => incidents(dir, 'update', 'INC-2026-0009', '--status', status, '--message', `Now ${status}.`, '--at', at);
  for (const [status, at, mitigated] of [
    ['monitoring', '2026-03-01T10:40:00Z', 'mitigated_at: 2026-03-01T10:40:00Z\n'],
    ['identified', '2026-03-01T11:00:00Z', 'mitigated_at:\n'],
    ['monitoring', '2026-03-01T11:30:00Z', 'mitigated_at: 2026-03-01T11:30:00Z\n'],
  ] as const) {
    const result = await move(status, at);
    assert.is(result.code, 0, result.stderr);
    assert.ok(read(dir, 'incidents/INC-2026-0009.md').includes(`\n${mitigated}`), `${status} at ${at}: ${mitigated.trim()}`);
  }
});

update('Windows line endings stay Windows line endings', async () => {
  const dir = repository({ 'incidents/INC-2026-0008.md': readFileSync(join(ODD, 'crlf.md'), 'utf8') });
  const result = await incidents(dir, 'update', 'INC-2026-0008', '--status', 'investigating', '--message', 'Looking into it.', '--at', '2026-03-01T10:10:00Z');
  assert.is(result.code, 0, result.stderr);
  const text = read(dir, 'incidents/INC-2026-0008.md');
  assert.not.match(text.replaceAll('\r\n', ''), /\n/, 'every line ends with CRLF');
  assert.ok(text.includes('acknowledged_at: 2026-03-01T10:10:00Z\r\n'));
  assert.ok(text.endsWith('    message: Looking into it.\r\n---\r\nNotes.\r\n'));
});

update('a reopen clears resolved_at and records the reason', async () => {
  const dir = repository();
  const result = await incidents(
    dir,
    'update',
    'INC-2026-0002',
    '--status',
    'investigating',
    '--message',
    'Pages are slow again.',
    '--at',
    '2026-02-02T08:00:00Z',
    '--reason',
    'The CDN rule came back with the next deploy.',
  );
  assert.is(result.code, 0, result.stderr);
  const text = read(dir, 'incidents/INC-2026-0002.md');
  assert.ok(text.includes('\nresolved_at:\n'));
  assert.ok(text.includes('\nreopen_reason: The CDN rule came back with the next deploy.\n'));
});

update('resolving again after a reopen replaces the earlier resolution', async () => {
  const dir = repository();
  await incidents(
    dir,
    'update',
    'INC-2026-0002',
    '--status',
    'investigating',
    '--message',
    'Slow again.',
    '--at',
    '2026-02-02T08:00:00Z',
    '--reason',
    'It came back.',
  );
  const result = await incidents(
    dir,
    'update',
    'INC-2026-0002',
    '--status',
    'resolved',
    '--message',
    'Fast again.',
    '--at',
    '2026-02-02T09:00:00Z',
    '--resolution',
    'workaround',
    '--summary',
    'Pinned the old CDN rule.',
  );
  assert.is(result.code, 0, result.stderr);
  const text = read(dir, 'incidents/INC-2026-0002.md');
  assert.ok(text.includes('resolution:\n  code: workaround\n  summary: Pinned the old CDN rule.\n'), text);
  assert.ok(text.includes('\nresolved_at: 2026-02-02T09:00:00Z\n'));
});

update('on hold and back: hold_reason is set, then cleared', async () => {
  const dir = repository();
  assert.is(
    (
      await incidents(
        dir,
        'update',
        'INC-2026-0001',
        '--status',
        'on_hold',
        '--message',
        'Waiting for the provider.',
        '--at',
        '2026-03-01T10:20:00Z',
        '--reason',
        'awaiting_vendor',
      )
    ).code,
    0,
  );
  assert.ok(read(dir, 'incidents/INC-2026-0001.md').includes('\nhold_reason: awaiting_vendor\n'));
  assert.is(
    (await incidents(dir, 'update', 'INC-2026-0001', '--status', 'identified', '--message', 'The provider found it.', '--at', '2026-03-01T10:50:00Z')).code,
    0,
  );
  assert.not.ok(read(dir, 'incidents/INC-2026-0001.md').includes('hold_reason: awaiting_vendor'));
});

update("a forbidden move gets the gate's message and exit 1, and nothing is written", async () => {
  const dir = repository();
  const before = read(dir, 'incidents/INC-2026-0003.md');
  const result = await incidents(
    dir,
    'update',
    'INC-2026-0003',
    '--status',
    'investigating',
    '--message',
    'Again.',
    '--at',
    '2026-01-12T09:00:00Z',
    '--reason',
    'x',
  );
  assert.is(result.code, 1);
  assert.is(
    result.stdout,
    'incidents/INC-2026-0003.md:5:9: Unexpected status "investigating" after "closed", closed is final: nothing follows it (lifecycle/transition)\n',
  );
  assert.is(read(dir, 'incidents/INC-2026-0003.md'), before);
});

update('what the gate would refuse is refused: a time before the published updates', async () => {
  const dir = repository();
  const result = await incidents(dir, 'update', 'INC-2026-0001', '--status', 'identified', '--message', 'Found it.', '--at', '2026-03-01T10:00:00Z');
  assert.is(result.code, 1);
  assert.match(result.stdout, /record\/updates-order/);
});

update('a one-line updates list is appended to in place, and the record stays valid', async () => {
  const flow = read(repository(), 'incidents/INC-2026-0001.md').replace(
    /updates:\n[\s\S]*?\n---/,
    'updates: [{at: 2026-03-01T10:09:00Z, status: investigating, message: Looking.}]\n---',
  );
  const dir = repository({ 'incidents/INC-2026-0001.md': flow });
  const result = await incidents(dir, 'update', 'INC-2026-0001', '--status', 'identified', '--message', 'Found it, at last.', '--at', '2026-03-01T10:30:00Z');
  assert.is(result.code, 0, result.stderr);
  assert.ok(
    read(dir, 'incidents/INC-2026-0001.md').includes(
      'updates: [{at: 2026-03-01T10:09:00Z, status: investigating, message: Looking.}, {at: 2026-03-01T10:30:00Z, status: identified, message: "Found it, at last."}]\n---',
    ),
    read(dir, 'incidents/INC-2026-0001.md'),
  );
});

update('--known-error alone cancels as that known error (cancel_reason known_error is implied)', async () => {
  const dir = repository();
  const result = await incidents(
    dir,
    'update',
    'INC-2026-0001',
    '--status',
    'cancelled',
    '--message',
    'A known issue.',
    '--known-error',
    'KE-0001',
    '--at',
    '2026-03-01T10:30:00Z',
  );
  assert.is(result.code, 0, result.stderr);
  const text = read(dir, 'incidents/INC-2026-0001.md');
  assert.ok(text.includes('\ncancel_reason: known_error\n'), text);
  assert.ok(text.includes('\nknown_error: KE-0001\n'), text);
});

const UPDATE_REFUSALS: { name: string; args: string[]; message: RegExp }[] = [
  {
    name: 'resolving without a resolution',
    args: ['INC-2026-0001', '--status', 'resolved', '--message', 'Done.'],
    message: /entering resolved needs --resolution CODE \(one of fixed, workaround, no_fault_found, caused_by_change\) and --summary TEXT/,
  },
  {
    name: 'a reopen without a reason',
    args: ['INC-2026-0002', '--status', 'investigating', '--message', 'Again.'],
    message: /entering investigating from resolved needs --reason: why it came back, in a sentence/,
  },
  {
    name: 'on hold without a reason: the reasons are listed',
    args: ['INC-2026-0001', '--status', 'on_hold', '--message', 'Waiting.'],
    message: /entering on_hold from investigating needs --reason, one of awaiting_vendor, awaiting_change, awaiting_problem, awaiting_customer/,
  },
  {
    name: 'on hold with a reason of its own words: refused at the flag, not at a line of a file never written',
    args: ['INC-2026-0001', '--status', 'on_hold', '--message', 'Waiting.', '--reason', 'awaiting_vendr'],
    message: /--reason awaiting_vendr is not a reason for on_hold: expected one of awaiting_vendor, .* \(did you mean awaiting_vendor\?\)/,
  },
  {
    name: 'a resolution code that does not exist',
    args: ['INC-2026-0001', '--status', 'resolved', '--message', 'Done.', '--resolution', 'fxed', '--summary', 'x'],
    message: /--resolution fxed is not a resolution code: expected one of fixed, .* \(did you mean fixed\?\)/,
  },
  {
    name: 'cancelling as a duplicate without naming it',
    args: ['INC-2026-0001', '--status', 'cancelled', '--message', 'A duplicate.', '--reason', 'duplicate'],
    message: /--reason duplicate needs --duplicate-of/,
  },
  {
    name: 'the same update twice',
    args: ['INC-2026-0001', '--status', 'investigating', '--message', 'We are investigating failed card payments.'],
    message: /the last update of INC-2026-0001 already says this \(2026-03-01T10:09:00Z\): nothing is added/,
  },
  {
    name: 'a status of the other type',
    args: ['INC-2026-0001', '--status', 'completed', '--message', 'Done.'],
    message: /--status completed is not one of reported, investigating/,
  },
  {
    name: 'a record that does not exist',
    args: ['INC-2026-0042', '--status', 'identified', '--message', 'x'],
    message: /there is no incidents\/INC-2026-0042\.md/,
  },
  { name: 'no message', args: ['INC-2026-0001', '--status', 'identified'], message: /--status and --message are both needed/ },
];

for (const word of ['constructor', '__proto__', 'toString', 'hasOwnProperty', 'valueOf']) {
  UPDATE_REFUSALS.push(
    { name: `a record named ${word}`, args: [word, '--status', 'identified', '--message', 'x'], message: new RegExp(`there is no incidents/${word}\\.md`) },
    { name: `--status ${word}`, args: ['INC-2026-0001', '--status', word, '--message', 'x'], message: new RegExp(`--status ${word} is not one of reported`) },
    {
      name: `--reason ${word} for on_hold`,
      args: ['INC-2026-0001', '--status', 'on_hold', '--message', 'x', '--reason', word],
      message: new RegExp(`--reason ${word} is not a reason for on_hold`),
    },
    {
      name: `--reason ${word} for cancelled`,
      args: ['INC-2026-0001', '--status', 'cancelled', '--message', 'x', '--reason', word],
      message: new RegExp(`--reason ${word} is not a reason for cancelled`),
    },
    {
      name: `--resolution ${word}`,
      args: ['INC-2026-0001', '--status', 'resolved', '--message', 'x', '--resolution', word, '--summary', 'x'],
      message: new RegExp(`--resolution ${word} is not a resolution code`),
    },
    {
      name: `--service ${word}=operational`,
      args: ['INC-2026-0001', '--status', 'identified', '--message', 'x', '--service', `${word}=operational`],
      message: new RegExp(`--service ${word}=operational: ${word} is not a service in the config`),
    },
  );
}
UPDATE_REFUSALS.push(
  {
    name: "a postmortem's id",
    args: ['INC-2026-0002.postmortem', '--status', 'closed', '--message', 'x'],
    message: /there is no incidents\/INC-2026-0002\.postmortem\.md/,
  },
  {
    name: 'a time past the last year',
    args: ['INC-2026-0001', '--status', 'identified', '--message', 'x', '--at', '9999-12-31T23:59:59Z'],
    message: /--at 9999-12-31T23:59:59Z is in the year 9999: expected a year from 1970 to 9899/,
  },
);

for (const { name, args, message } of UPDATE_REFUSALS) {
  update(`exit 2: ${name}`, async () => {
    const dir = repository();
    const before = read(dir, 'incidents/INC-2026-0001.md');
    const result = await incidents(dir, 'update', ...args);
    assert.is(result.code, 2);
    assert.match(result.stderr, message);
    assert.not.match(result.stderr, /internal error/);
    assert.is(read(dir, 'incidents/INC-2026-0001.md'), before);
  });
}

const layouts = suite('update edits every layout validate accepts');

/** Ways of writing INC-2026-0001 (investigating, api partial_outage) that validate accepts, as edits of its plain text. */
const LAYOUTS: { name: string; layout: (text: string) => string }[] = [
  { name: 'CRLF line endings', layout: (text) => text.replaceAll('\n', '\r\n') },
  { name: 'CR line endings only', layout: (text) => text.replaceAll('\n', '\r') },
  { name: 'CR line endings inside the frontmatter only', layout: (text) => text.replace(/(?<=\n)([^-][^\n]*)\n(?!---)/g, '$1\r') },
  { name: 'a byte order mark', layout: (text) => `\uFEFF${text}` },
  { name: 'a byte order mark and CRLF', layout: (text) => `\uFEFF${text.replaceAll('\n', '\r\n')}` },
  { name: 'a byte order mark and CR', layout: (text) => `\uFEFF${text.replaceAll('\n', '\r')}` },
  { name: 'the status folded (>-)', layout: (text) => text.replace('status: investigating\nimpact', 'status: >-\n  investigating\nimpact') },
  {
    name: 'the status literal (|-), with CRLF',
    layout: (text) => text.replace('status: investigating\nimpact', 'status: |-\n  investigating\nimpact').replaceAll('\n', '\r\n'),
  },
  { name: 'the status on the line below its key', layout: (text) => text.replace('status: investigating\nimpact', 'status:\n  investigating\nimpact') },
  {
    name: 'the status quoted, with a comment',
    layout: (text) => text.replace('status: investigating\nimpact', "status: 'investigating'   # as of 10:09\nimpact"),
  },
  { name: 'empty keys as a template leaves them', layout: (text) => text.replace('updates:', 'mitigated_at:\nresolved_at:\nresolution:\nupdates:') },
  { name: 'empty keys written ~ and null', layout: (text) => text.replace('updates:', 'mitigated_at: ~\nresolved_at: null\nresolution: ~\nupdates:') },
  {
    name: 'empty keys with comments',
    layout: (text) => text.replace('updates:', 'resolved_at:   # when it is over\nresolution:   # code and summary\nupdates:'),
  },
  { name: 'an empty resolution on the line below', layout: (text) => text.replace('updates:', 'resolution:\n  ~\nupdates:') },
  {
    name: 'services as a one-line list',
    layout: (text) => text.replace('services:\n  - id: api\n    status: partial_outage', 'services: [{id: api, status: partial_outage}]'),
  },
  { name: 'a service as a one-line map', layout: (text) => text.replace('  - id: api\n    status: partial_outage', '  - {id: api, status: partial_outage}') },
  {
    name: 'a service status folded',
    layout: (text) => text.replace('  - id: api\n    status: partial_outage', '  -\n    id: api\n    status: >-\n      partial_outage'),
  },
  {
    name: 'updates as a one-line list',
    layout: (text) =>
      text.replace(
        /updates:\n[\s\S]*?\n---/,
        'updates: [{at: 2026-03-01T10:09:00Z, status: investigating, message: "We are investigating failed card payments."}]\n---',
      ),
  },
  { name: "list items at the key's column", layout: (text) => text.replace(/\n {2}- /g, '\n- ').replace(/\n {4}(?=[a-z])/g, '\n  ') },
  { name: 'four-space indentation', layout: (text) => text.replace(/\n {2}- /g, '\n    - ').replace(/\n {4}(?=[a-z])/g, '\n      ') },
  {
    name: 'the last message folded, and a comment after the list',
    layout: (text) => text.replace('    message: We are', '    message: >-\n      We are').replace('\n---\nWorking', '\n# more updates above\n---\nWorking'),
  },
  {
    name: 'no line break after the last key',
    layout: (text) => text.replace('payments.\n---', 'payments.\n---').replace(/\n---\nWorking notes\.\n$/, '\n---'),
  },
];

/** The moves made on each layout: the data after each must be the same as after the move on the plain text. */
const MOVES: { name: string; update: Parameters<typeof updateRecord>[2] }[] = [
  {
    name: 'identified, api operational, web added',
    update: {
      status: 'identified',
      message: 'Found it: a bad deploy, rolled back.',
      at: '2026-03-01T10:30:00Z',
      services: [
        { id: 'api', status: 'operational' },
        { id: 'web', status: 'degraded_performance' },
      ],
    },
  },
  {
    name: 'resolved with a resolution',
    update: {
      status: 'resolved',
      message: 'Fixed.',
      at: '2026-03-01T11:00:00Z',
      services: [{ id: 'api', status: 'operational' }],
      resolution: { code: 'fixed', summary: 'Rolled back: #123, then {the fix}.' },
    },
  },
  {
    name: 'on hold with a reason',
    update: { status: 'on_hold', message: 'Waiting on the vendor.', at: '2026-03-01T11:00:00Z', services: [], reason: 'awaiting_vendor' },
  },
];

const plain = read(repository(), 'incidents/INC-2026-0001.md');
const parse = (text: string) => parseRecordAs('incidents', { path: 'incidents/INC-2026-0001.md', text });

for (const { name, layout } of LAYOUTS) {
  const text = layout(plain);
  layouts(`${name}: validate accepts it, and each move edits it to the same data as the plain file's`, () => {
    assert.is.not(text, plain, 'the layout changes the text');
    const before = parse(text);
    assert.equal(before.findings, [], 'validate accepts it');
    assert.equal(before.record!.data, parse(plain).record!.data, 'it reads as the plain file does');
    for (const { name: move, update } of MOVES) {
      const expected = updateRecord(plain, parse(plain).record!.data, update);
      const result = updateRecord(text, before.record!.data, update);
      assert.ok(result.ok && expected.ok, move);
      if (!result.ok || !expected.ok) continue;
      const after = parse(result.text);
      assert.equal(after.findings, [], `${move}: the edited file is valid:\n${result.text}`);
      assert.equal(after.record!.data, parse(expected.text).record!.data, `${move}: the same data as the plain file's:\n${result.text}`);
      assert.ok(result.text.endsWith(text.slice(text.lastIndexOf('---'))), `${move}: the body is kept`);
      assert.is(result.text.startsWith('\uFEFF'), text.startsWith('\uFEFF'), `${move}: the byte order mark is kept`);
    }
  });
}

const roundTrip = suite('editing in place keeps every byte it does not change');

const samples = [join(ROOT, 'incidents'), join(ROOT, 'test/fixtures/update')].flatMap((folder) =>
  readdirSync(folder)
    .filter((name) => name.endsWith('.md') && !name.includes('.postmortem.'))
    .map((name) => join(folder, name)),
);

for (const path of samples) {
  roundTrip(`${path.slice(ROOT.length)}: setting each key to the value it has changes nothing`, () => {
    const text = readFileSync(path, 'utf8');
    for (const key of ['id', 'status', 'type', 'reported_at', 'visibility']) {
      const value = new RegExp(`^${key}: ['"]?([^'"\\r\\n#]+?)['"]?\\s*(?:#.*)?\\r?$`, 'm').exec(text)![1]!;
      assert.is(setKey(text, [key], value), text, key);
    }
  });
}

for (const path of samples) {
  const text = readFileSync(path, 'utf8');
  const record = parseRecordAs('incidents', { path: `incidents/${basename(path)}`, text }).record?.data;
  const next = record && TRANSITIONS[record.status].find((status) => status !== 'closed');
  if (!record || !next) continue;
  roundTrip(`${path.slice(ROOT.length)}: moving it on (${record.status} → ${next}) only changes the status line and adds lines`, () => {
    const result = updateRecord(text, record, {
      status: next,
      message: 'Moving on.',
      at: '2026-12-31T23:00:00Z',
      services: [],
      reason: 'awaiting_vendor',
      resolution: record.resolution ? undefined : { code: 'fixed', summary: 'Fixed.' },
    });
    assert.ok(result.ok);
    if (!result.ok) return;
    const after = result.text.split('\n');
    const blank = (lines: string[]) => lines.filter((line) => line.trim() === '').length;
    assert.is(blank(after), blank(text.split('\n')), 'no blank line is added');
    let index = 0;
    for (const line of text.split('\n')) {
      if (/^(status|resolved_at|mitigated_at|hold_reason):/.test(line)) continue;
      while (index < after.length && after[index] !== line) index++;
      assert.ok(index < after.length, `the line ${JSON.stringify(line)} was changed or moved`);
      index++;
    }
  });
}

create.run();
update.run();
layouts.run();
roundTrip.run();
