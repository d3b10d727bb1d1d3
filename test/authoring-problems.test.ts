import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { BASE } from './helpers/pull-request-cases.js';
import { problemAt } from './helpers/problem-cases.js';
import { runCliCapturing } from './helpers/run-cli.js';

/** A copy of the gate's base repository (INC-2026-0001 investigating, 0002 resolved, 0003 closed, KE-0001), plus files. */
function repository(files: Record<string, string> = {}): string {
  const dir = mkdtempSync(join(tmpdir(), 'incidents-problems-'));
  cpSync(BASE, dir, { recursive: true });
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  return dir;
}

const incidents = (dir: string, ...argv: string[]) => runCliCapturing([...argv, '--root', dir]);
const read = (dir: string, path: string) => readFileSync(join(dir, path), 'utf8');
const PROBLEM = [
  'new',
  '--type',
  'problem',
  '--title',
  'Card payments fail when the pool runs dry',
  '--service',
  'api',
  '--impact',
  'high',
  '--urgency',
  'medium',
];

const create = suite('incidents new --type problem');

create('writes the next free PRB id as a new problem, valid at once, and prints its path (problems/ made where the repository has none yet)', async () => {
  const dir = repository();
  const result = await incidents(
    dir,
    ...PROBLEM,
    '--incident',
    'INC-2026-0001',
    '--incident',
    'INC-2026-0002',
    '--owner',
    '@erin',
    '--at',
    '2026-03-05T09:30:00Z',
  );
  assert.is(result.code, 0, result.stderr);
  assert.ok(result.stdout.endsWith('problems/PRB-0001.md\n'), result.stdout);
  assert.is(
    read(dir, 'problems/PRB-0001.md'),
    `---
id: PRB-0001
title: Card payments fail when the pool runs dry
status: new
services: [api]
incidents: [INC-2026-0001, INC-2026-0002]
impact: high
urgency: medium
priority: P2
owner: "@erin"
created_at: 2026-03-05T09:30:00Z
---
## Symptoms

## Investigation

## Root cause

## Fix
`,
  );
  assert.is((await incidents(dir, 'validate')).code, 0);
  const second = await incidents(dir, ...PROBLEM, '--at', '2026-03-06T09:30:00Z');
  assert.ok(second.stdout.endsWith('problems/PRB-0002.md\n'), 'the next one counts on');
});

const REFUSED: { name: string; args: string[]; code: number; message: RegExp }[] = [
  { name: 'an incident that does not exist', args: ['--incident', 'INC-2026-0042'], code: 2, message: /Incident INC-2026-0042 does not exist/ },
  { name: 'not an incident id', args: ['--incident', 'PRB-0001'], code: 2, message: /--incident PRB-0001 is not an incident id: expected INC-YYYY-NNNN/ },
  { name: 'a service with a state', args: ['--service', 'web=major_outage'], code: 2, message: /a problem names services without a state, e.g. --service web/ },
  { name: "an incident's option", args: ['--message', 'Hello'], code: 2, message: /--message is not for a problem/ },
];

for (const { name, args, code, message } of REFUSED) {
  create(`refused, nothing written: ${name}`, async () => {
    const dir = repository();
    const result = await incidents(dir, ...PROBLEM, ...args);
    assert.is(result.code, code);
    assert.match(result.stdout + result.stderr, message);
    assert.not.ok(existsSync(join(dir, 'problems/PRB-0001.md')));
  });
}

create('an incident another problem lists is refused, naming that problem', async () => {
  const dir = repository({ 'problems/PRB-0001.md': problemAt('investigating') });
  const result = await incidents(dir, ...PROBLEM, '--incident', 'INC-2026-0001');
  assert.is(result.code, 2);
  assert.match(result.stdout, /problems\/PRB-0002\.md:6:\d+: INC-2026-0001 is also listed by PRB-0001/);
  assert.not.ok(existsSync(join(dir, 'problems/PRB-0002.md')));
});

create('--owner and --incident are for problems only', async () => {
  const result = await incidents(repository(), 'new', '--title', 'Slow', '--service', 'web', '--impact', 'low', '--urgency', 'low', '--owner', '@erin');
  assert.is(result.code, 2);
  assert.match(result.stderr, /--owner is for --type problem/);
});

const move = suite('incidents update PRB-…');

/** Each move with the options it needs, in order, from new to closed; and what the file then holds. */
const STEPS: { args: string[]; says: string; holds: string[] }[] = [
  { args: ['--status', 'investigating'], says: 'new → investigating', holds: ['status: investigating'] },
  {
    args: ['--status', 'root_cause_known', '--root-cause', 'The pool has 10 connections: too few at peak.'],
    says: 'investigating → root_cause_known',
    holds: ['status: root_cause_known', 'root_cause: "The pool has 10 connections: too few at peak."'],
  },
  { args: ['--status', 'known_error', '--known-error', 'KE-0001'], says: 'root_cause_known → known_error', holds: ['known_error: KE-0001'] },
  {
    args: ['--status', 'resolved', '--fix', 'https://github.com/acme/api/pull/12', '--at', '2026-03-10T10:00:00Z'],
    says: 'known_error → resolved',
    holds: ['fix: https://github.com/acme/api/pull/12', 'resolved_at: 2026-03-10T10:00:00Z'],
  },
  { args: ['--status', 'closed', '--at', '2026-03-11T10:00:00Z'], says: 'resolved → closed', holds: ['status: closed', 'closed_at: 2026-03-11T10:00:00Z'] },
];

move('from new to closed, each status with what it needs, the file valid after each step, its body kept', async () => {
  const dir = repository();
  await incidents(dir, ...PROBLEM, '--incident', 'INC-2026-0001', '--at', '2026-03-05T09:30:00Z');
  for (const { args, says, holds } of STEPS) {
    const result = await incidents(dir, 'update', 'PRB-0001', ...args);
    assert.is(result.code, 0, result.stdout + result.stderr);
    assert.ok(result.stdout.endsWith(`problems/PRB-0001.md: ${says}\n`), result.stdout);
    for (const line of holds) assert.ok(read(dir, 'problems/PRB-0001.md').includes(`\n${line}\n`), `${line} in\n${read(dir, 'problems/PRB-0001.md')}`);
    assert.is((await incidents(dir, 'validate')).code, 0);
  }
  assert.ok(read(dir, 'problems/PRB-0001.md').endsWith('---\n## Symptoms\n\n## Investigation\n\n## Root cause\n\n## Fix\n'));
});

const UPDATE_REFUSED: { name: string; from?: Parameters<typeof problemAt>[0]; args: string[]; code: number; message: RegExp }[] = [
  {
    name: 'root_cause_known without --root-cause',
    args: ['--status', 'root_cause_known'],
    code: 2,
    message: /entering root_cause_known needs --root-cause TEXT/,
  },
  { name: 'resolved without --fix', from: 'root_cause_known', args: ['--status', 'resolved'], code: 2, message: /entering resolved needs --fix URL/ },
  {
    name: 'known_error with a known error that does not exist',
    from: 'root_cause_known',
    args: ['--status', 'known_error', '--known-error', 'KE-0009'],
    code: 1,
    message: /known_error KE-0009 does not exist/,
  },
  {
    name: 'a move back',
    from: 'resolved',
    args: ['--status', 'investigating'],
    code: 1,
    message: /Unexpected problem status "investigating" after "resolved"/,
  },
  { name: 'cancelling without a reason', args: ['--status', 'cancelled'], code: 2, message: /entering cancelled needs --reason duplicate\|not_a_problem/ },
  {
    name: 'a reason a problem does not take',
    args: ['--status', 'cancelled', '--reason', 'not_a_problm'],
    code: 2,
    message: /--reason not_a_problm is not a reason to cancel a problem: expected one of duplicate, not_a_problem \(did you mean not_a_problem\?\)/,
  },
  { name: 'a public update', args: ['--status', 'investigating', '--message', 'Hi'], code: 2, message: /--message is not for a problem/ },
  { name: 'nothing to change', from: 'investigating', args: ['--status', 'investigating'], code: 2, message: /PRB-0001 is already investigating/ },
  { name: 'no such problem', args: ['--status', 'investigating'], code: 2, message: /there is no problems\/PRB-0007\.md/ },
];

for (const { name, from = 'new', args, code, message } of UPDATE_REFUSED) {
  move(`refused, the file as it was: ${name}`, async () => {
    const before = problemAt(from);
    const dir = repository({ 'problems/PRB-0001.md': before });
    const id = name === 'no such problem' ? 'PRB-0007' : 'PRB-0001';
    const result = await incidents(dir, 'update', id, ...args);
    assert.is(result.code, code, result.stdout + result.stderr);
    assert.match(result.stdout + result.stderr, message);
    assert.is(read(dir, 'problems/PRB-0001.md'), before);
  });
}

move('cancelling as a duplicate sets cancel_reason, and the cancelled problem is valid', async () => {
  const dir = repository({ 'problems/PRB-0001.md': problemAt('investigating') });
  const result = await incidents(dir, 'update', 'PRB-0001', '--status', 'cancelled', '--reason', 'duplicate');
  assert.is(result.code, 0, result.stderr);
  assert.ok(read(dir, 'problems/PRB-0001.md').includes('\ncancel_reason: duplicate\n'));
  assert.is((await incidents(dir, 'validate')).code, 0);
});

create.run();
move.run();
