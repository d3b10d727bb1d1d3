import { spawn, spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { parse } from 'yaml';
import { BUNDLES, bundle } from '../scripts/dev/build.js';
import { toActionInvocation, type ActionInputs } from '../scripts/io/github/action-inputs.js';
import { FakeGitHub } from './helpers/fake-github.js';
import { makePullRequestRepo } from './helpers/git-repo.js';
import { BASE, RESOLVE_INC1 } from './helpers/pull-request-cases.js';
import { issueEvent } from './helpers/intake.js';
import { ROOT } from './helpers/run-cli.js';

const ACTION = join(ROOT, 'dist/action.js');

/**
 * Runs the committed Action bundle as GitHub runs it: inputs as INPUT_* variables, in the workspace,
 * with a job summary file and an outputs file (read back as `outputs`).
 */
function runAction(inputs: Record<string, string>, workspace: string, extraEnv: Record<string, string> = {}) {
  const files = mkdtempSync(join(tmpdir(), 'incidents-run-'));
  const summary = join(files, 'summary.md');
  const outputs = join(files, 'outputs');
  writeFileSync(summary, '');
  writeFileSync(outputs, '');
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '',
    GITHUB_ACTIONS: 'true',
    GITHUB_WORKSPACE: workspace,
    GITHUB_STEP_SUMMARY: summary,
    GITHUB_OUTPUT: outputs,
    ...extraEnv,
  };
  for (const [name, value] of Object.entries(inputs)) env[`INPUT_${name.toUpperCase()}`] = value;
  const result = spawnSync(process.execPath, [ACTION], { cwd: workspace, env, encoding: 'utf8' });
  return {
    code: result.status,
    stdout: result.stdout,
    stderr: result.stderr,
    summary: readFileSync(summary, 'utf8'),
    outputs: parseOutputs(readFileSync(outputs, 'utf8')),
  };
}

/** The outputs a step wrote to $GITHUB_OUTPUT, as the runner reads them (`name<<DELIMITER` … `DELIMITER`, or `name=value`). */
function parseOutputs(text: string): Record<string, string> {
  const outputs: Record<string, string> = {};
  const lines = text.split(/\r?\n/);
  for (let index = 0; index < lines.length; index++) {
    const line = lines[index]!;
    const heredoc = /^([^=<]+)<<(.+)$/.exec(line);
    if (heredoc) {
      const end = lines.indexOf(heredoc[2]!, index + 1);
      assert.ok(end > index, `the output ${heredoc[1]} has no closing delimiter`);
      outputs[heredoc[1]!] = lines.slice(index + 1, end).join('\n');
      index = end;
    } else if (line.includes('=')) {
      outputs[line.slice(0, line.indexOf('='))] = line.slice(line.indexOf('=') + 1);
    }
  }
  return outputs;
}

/** A workspace holding a validate fixture case, with the fixtures' base config. */
function workspaceFrom(name: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'incidents-action-'));
  cpSync(join(ROOT, 'test/fixtures/validate/base.config.yml'), join(dir, 'records/incidents.config.yml'), { recursive: true });
  cpSync(join(ROOT, 'test/fixtures/validate', name), join(dir, 'records'), { recursive: true });
  rmSync(join(dir, 'records/expected.json'));
  return dir;
}

const action = suite('the GitHub Action');

action('action.yml takes the inputs docs/reference.md documents, declares its outputs and runs the committed bundle without an install', () => {
  const metadata = parse(readFileSync(join(ROOT, 'action.yml'), 'utf8')) as {
    inputs: Record<string, { default?: string }>;
    outputs: Record<string, { description?: string }>;
    runs: { using: string; main: string };
  };
  assert.equal(Object.keys(metadata.inputs), ['command', 'root', 'github-token']);
  assert.equal(Object.keys(metadata.outputs), ['errors', 'warnings', 'approved', 'indicator', 'breached', 'sent', 'failed']);
  for (const [name, output] of Object.entries(metadata.outputs)) assert.ok(output.description, `the output ${name} says what it holds`);
  assert.is(metadata.inputs['github-token']!.default, '${{ github.token }}');
  assert.is(metadata.runs.using, 'node24');
  assert.is(metadata.runs.main, 'dist/action.js');
});

action('on a clean repository: exit 0, the job summary says so, and the outputs count no findings', () => {
  const result = runAction({ command: 'validate', root: 'records' }, workspaceFrom('valid'));
  assert.is(result.code, 0, result.stderr);
  assert.is(result.stdout, '');
  assert.match(result.summary, /### incidents validate\n\nNo findings\./);
  assert.equal(result.outputs, { errors: '0', warnings: '0' });
});

action('on a broken repository: annotations with file and line, the summary table, the counts as outputs, exit 1', () => {
  const result = runAction({ command: 'validate', root: 'records' }, workspaceFrom('record-priority-matrix'));
  assert.is(result.code, 1);
  // @actions/core writes the title first; the runner reads the properties in any order.
  assert.match(result.stdout, /^::error title=record\/priority-matrix,file=incidents\/INC-2026-0001\.md,line=8,col=11::priority is P2/);
  assert.match(result.summary, /\| `incidents\/INC-2026-0001\.md:8:11` \| error \| priority is P2/);
  assert.equal(result.outputs, { errors: '2', warnings: '0' }); // the fixture's incident and its problem
});

action('a warning is a warning annotation and counts in the warnings output, not errors', () => {
  const workspace = workspaceFrom('valid');
  mkdirSync(join(workspace, 'records/incidents/old'));
  const result = runAction({ command: 'validate', root: 'records' }, workspace);
  assert.is(result.code, 0, result.stderr);
  assert.match(result.stdout, /^::warning title=file\/name,file=incidents\/old,line=1,col=1::/);
  assert.equal(result.outputs, { errors: '0', warnings: '1' });
});

action('an input with a line break cannot inject a workflow command', () => {
  const result = runAction({ command: 'deploy\n::add-mask::x' }, workspaceFrom('valid'));
  assert.is(result.code, 2);
  assert.is(result.stdout.split('\n').filter(Boolean).length, 1);
  assert.match(result.stdout, /deploy%0A::add-mask::x/);
});

action('an unknown command fails the step with a message, not a stack trace', () => {
  const result = runAction({ command: 'deploy' }, workspaceFrom('valid'));
  assert.is(result.code, 2);
  assert.match(
    result.stdout,
    /^::error title=incidents-as-code::The input command is "deploy": expected one of validate, check-pr, sla, sla --notify, build, report, announce, intake, intake --pull-request\n$/,
  );
});

action('build writes the status site into site/ under the root, as the Pages workflow uploads it, and its indicator as an output', () => {
  const workspace = mkdtempSync(join(tmpdir(), 'incidents-action-'));
  cpSync(join(ROOT, 'test/fixtures/site/canary'), join(workspace, 'records'), { recursive: true });
  const result = runAction({ command: 'build', root: 'records' }, workspace);
  assert.is(result.code, 0, result.stderr);
  assert.match(readFileSync(join(workspace, 'records/site/index.html'), 'utf8'), /Public-marker Status/);
  assert.ok(JSON.parse(readFileSync(join(workspace, 'records/site/api/v2/summary.json'), 'utf8')).page);
  // The Action builds at the real now, so the indicator is whatever the page says.
  const { status } = JSON.parse(readFileSync(join(workspace, 'records/site/api/v2/status.json'), 'utf8')) as { status: { indicator: string } };
  assert.ok(['none', 'minor', 'major', 'critical', 'maintenance'].includes(status.indicator), status.indicator);
  assert.is(result.outputs.indicator, status.indicator);
  assert.is(result.outputs.errors, '0');
});

/** A workspace whose one P1 incident was reported in March 2026: open, it has long breached its targets; resolved, it is history. */
function slaWorkspace(status: 'investigating' | 'resolved'): string {
  const workspace = mkdtempSync(join(tmpdir(), 'incidents-action-'));
  cpSync(join(ROOT, 'test/fixtures/validate/base.config.yml'), join(workspace, 'incidents.config.yml'));
  mkdirSync(join(workspace, 'incidents'));
  const resolved = status === 'resolved' ? 'resolved_at: 2026-03-01T12:00:00Z\nresolution: {code: fixed, summary: Fixed.}\n' : '';
  const update = status === 'resolved' ? '  - at: 2026-03-01T12:00:00Z\n    status: resolved\n    message: Fixed.\n' : '';
  writeFileSync(
    join(workspace, 'incidents/INC-2026-0001.md'),
    `---\nid: INC-2026-0001\ntitle: API errors\ntype: incident\nstatus: ${status}\nimpact: high\nurgency: high\npriority: P1\nservices:\n  - id: api\n    status: major_outage\nvisibility: public\nreported_at: 2026-03-01T10:00:00Z\nacknowledged_at: 2026-03-01T10:10:00Z\n${resolved}updates:\n  - at: 2026-03-01T10:10:00Z\n    status: investigating\n    message: Looking.\n${update}---\n`,
  );
  return workspace;
}

action('sla: breached is true while an open incident has breached a target, with an error annotation', () => {
  const result = runAction({ command: 'sla' }, slaWorkspace('investigating'));
  assert.is(result.code, 1, result.stderr);
  assert.match(result.stdout, /^::error title=sla\/breached,file=incidents\/INC-2026-0001\.md,line=5,col=9::INC-2026-0001 \(P1\) breached its resolve target/m);
  assert.match(result.summary, /### incidents sla at /);
  assert.is(result.outputs.breached, 'true');
  assert.is(result.outputs.errors, String(result.stdout.split('\n').filter((line) => line.startsWith('::error ')).length));
});

action('sla: breached is false once the incident is resolved, however late', () => {
  const result = runAction({ command: 'sla' }, slaWorkspace('resolved'));
  assert.is(result.code, 0, result.stderr);
  assert.equal(result.outputs, { errors: '0', warnings: '0', breached: 'false' });
});

/** Runs check-pr through the Action on a pull request from `main` to `pr`, as a pull_request event gives it (no token: no reviews). */
function checkPrAction(repo: { dir: string; baseSha: string; headSha: string }) {
  const event = join(mkdtempSync(join(tmpdir(), 'incidents-event-')), 'event.json');
  writeFileSync(event, JSON.stringify({ pull_request: { number: 7, base: { sha: repo.baseSha }, head: { sha: repo.headSha } } }));
  return runAction({ command: 'check-pr' }, repo.dir, { GITHUB_EVENT_PATH: event });
}

action('check-pr: approved is false while a resolution lacks an approval', () => {
  const result = checkPrAction(makePullRequestRepo(BASE, {}, RESOLVE_INC1));
  assert.is(result.code, 1, result.stderr);
  assert.equal(result.outputs, { errors: '1', warnings: '0', approved: 'false' });
});

action('check-pr: approved is empty when nothing in the pull request needs an approval', () => {
  const result = checkPrAction(
    makePullRequestRepo(
      BASE,
      {},
      { 'incidents/INC-2026-0001.md': readFileSync(join(BASE, 'incidents/INC-2026-0001.md'), 'utf8').replace(/\n---\n/, '\n---\nA note in the body.\n') },
    ),
  );
  assert.is(result.code, 0, result.stderr);
  assert.equal(result.outputs, { errors: '0', warnings: '0', approved: '' });
});

action("check-pr: the job summary shows what merging publishes (a fork's pull request gets no comment)", () => {
  const result = checkPrAction(makePullRequestRepo(BASE, {}, RESOLVE_INC1));
  assert.match(result.summary, /### incidents check-pr\n\n1 finding\./);
  assert.match(result.summary, /### What this publishes\n\nMerging this shows the public:/);
  assert.match(result.summary, /> Card payments work again\\\.\n/);
  assert.match(result.summary, /- API: partial outage → operational\n/);
});

/** The inputs as @actions/core's getInput gives them: '' when not given. */
const inputs = (given: Partial<ActionInputs>): ActionInputs => ({ command: '', root: '', githubToken: '', ...given });

const INPUT_CASES: { name: string; inputs: Partial<ActionInputs>; env?: Record<string, string>; expected: string[] | string }[] = [
  { name: 'defaults: validate the workspace', inputs: {}, expected: ['validate', '--root', '.', '--format', 'github'] },
  { name: 'a root', inputs: { command: 'validate', root: 'ops/incidents' }, expected: ['validate', '--root', 'ops/incidents', '--format', 'github'] },
  { name: 'sla --notify', inputs: { command: 'sla --notify' }, expected: ['sla', '--notify', '--root', '.', '--format', 'github'] },
  { name: 'announce', inputs: { command: 'announce' }, expected: ['announce', '--root', '.', '--format', 'github'] },
  {
    name: 'a flag the command does not take',
    inputs: { command: 'validate --notify' },
    expected:
      'The input command is "validate --notify": expected one of validate, check-pr, sla, sla --notify, build, report, announce, intake, intake --pull-request',
  },
  { name: 'build', inputs: { command: 'build', root: 'ops' }, expected: ['build', '--root', 'ops', '--format', 'github'] },
  {
    name: 'check-pr without a pull request event',
    inputs: { command: 'check-pr' },
    env: { GITHUB_EVENT_PATH: '/nonexistent' },
    expected: 'check-pr runs on pull_request and pull_request_review events, and this event has no pull request',
  },
];

for (const testCase of INPUT_CASES) {
  action(`inputs: ${testCase.name}`, () => {
    const invocation = toActionInvocation(inputs(testCase.inputs), testCase.env ?? {});
    assert.equal('error' in invocation ? invocation.error : invocation.argv, testCase.expected);
  });
}

action('inputs: check-pr takes base and head from the event, and the token from github-token', () => {
  const event = join(mkdtempSync(join(tmpdir(), 'incidents-event-')), 'event.json');
  writeFileSync(event, JSON.stringify({ pull_request: { number: 1, base: { sha: 'a'.repeat(40) }, head: { sha: 'b'.repeat(40) } } }));
  const invocation = toActionInvocation(inputs({ command: 'check-pr', githubToken: 'secret' }), { GITHUB_EVENT_PATH: event });
  assert.ok(!('error' in invocation));
  if ('error' in invocation) return;
  assert.equal(invocation.argv, ['check-pr', '--root', '.', '--format', 'github', '--base', 'a'.repeat(40), '--head', 'b'.repeat(40)]);
  assert.is(invocation.env.GITHUB_TOKEN, 'secret');
});

/** Runs the Action bundle without blocking this process, so a fake GitHub in it can answer; its exit code and stderr. */
function runActionAside(inputs: Record<string, string>, workspace: string, env: Record<string, string>): Promise<{ code: number | null; stderr: string }> {
  const child = spawn(process.execPath, [ACTION], {
    cwd: workspace,
    env: {
      PATH: process.env.PATH ?? '',
      GITHUB_ACTIONS: 'true',
      ...env,
      ...Object.fromEntries(Object.entries(inputs).map(([name, value]) => [`INPUT_${name.toUpperCase()}`, value])),
    },
  });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((resolve) => child.on('close', (code) => resolve({ code, stderr })));
}

action('sla --notify talks to GitHub with the github-token input, not an ambient token', async () => {
  const github = await FakeGitHub.start({ owner: 'acme', repo: 'incidents', number: 1, author: 'dave', headSha: 'a'.repeat(40) });
  try {
    // One sample incident, open and past its targets whatever the date, so a few notices are due (GitHub's pace is a post a second).
    const workspace = mkdtempSync(join(tmpdir(), 'incidents-action-'));
    for (const path of ['incidents.config.yml', 'incidents/INC-2026-0014.md']) cpSync(join(ROOT, path), join(workspace, path), { recursive: true });
    const env = { GITHUB_API_URL: github.url, GITHUB_REPOSITORY: 'acme/incidents', GITHUB_TOKEN: 'an-ambient-token-github-refuses' };
    const refused = await runActionAside({ command: 'sla --notify', 'github-token': 'a-token-github-refuses' }, workspace, env);
    assert.is(refused.code, 2, refused.stderr);
    assert.is(github.issues.length, 0);
    const told = await runActionAside({ command: 'sla --notify', 'github-token': github.token }, workspace, env);
    assert.ok(told.code === 0 || told.code === 1, told.stderr);
    assert.equal(
      github.issues.map((issue) => issue.title),
      ['INC-2026-0014: Search filters show sizes that are out of stock'],
      'a tracking issue was opened with the input token',
    );
    assert.equal(github.problems, []);
  } finally {
    await github.close();
  }
});

action('intake --pull-request: an issue opened with the form becomes a pull request, the payload read from GITHUB_EVENT_PATH', async () => {
  const github = await FakeGitHub.start({ owner: 'acme', repo: 'incidents', number: 1, author: 'dave', headSha: 'a'.repeat(40) });
  try {
    const workspace = mkdtempSync(join(tmpdir(), 'incidents-action-'));
    cpSync(join(ROOT, 'test/fixtures/intake/repo'), workspace, { recursive: true });
    const event = join(mkdtempSync(join(tmpdir(), 'incidents-event-')), 'event.json');
    writeFileSync(event, JSON.stringify(issueEvent({ title: '[Incident] ::warning::Checkout fails' })));
    const env = { GITHUB_API_URL: github.url, GITHUB_REPOSITORY: 'acme/incidents', GITHUB_EVENT_PATH: event };
    const run = await runActionAside({ command: 'intake --pull-request', 'github-token': github.token }, workspace, env);
    assert.is(run.code, 0, run.stderr);
    assert.equal(
      github.pulls.map((pull) => [pull.title, pull.labels]),
      [['INC-2026-0001: ::warning::Checkout fails', ['incident', 'intake']]],
    );
    assert.equal(github.problems, []);
  } finally {
    await github.close();
  }
});

action('the committed dist/action.js is the bundle of the current sources (run npm run build and commit it)', async () => {
  const { entry, outfile } = BUNDLES.find((candidate) => candidate.name === 'action')!;
  assert.ok((await bundle(entry)) === readFileSync(outfile, 'utf8'), 'dist/action.js is out of date: run npm run build and commit dist/action.js');
});

action.run();
