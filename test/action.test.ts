import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { parse } from 'yaml';
import { BUNDLES, bundle } from '../scripts/dev/build.js';
import { readActionInputs } from '../scripts/io/github/action-inputs.js';
import { ROOT } from './helpers/run-cli.js';

const ACTION = join(ROOT, 'dist/action.js');

/** Runs the committed Action bundle as GitHub runs it: inputs as INPUT_* variables, in the workspace, with a job summary file. */
function runAction(inputs: Record<string, string>, workspace: string) {
  const summary = join(mkdtempSync(join(tmpdir(), 'incidents-summary-')), 'summary.md');
  writeFileSync(summary, '');
  const env: Record<string, string> = { PATH: process.env.PATH ?? '', GITHUB_ACTIONS: 'true', GITHUB_WORKSPACE: workspace, GITHUB_STEP_SUMMARY: summary };
  for (const [name, value] of Object.entries(inputs)) env[`INPUT_${name.toUpperCase()}`] = value;
  const result = spawnSync(process.execPath, [ACTION], { cwd: workspace, env, encoding: 'utf8' });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr, summary: readFileSync(summary, 'utf8') };
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

action('action.yml takes the inputs DESIGN.md fixes and runs the committed bundle without an install', () => {
  const metadata = parse(readFileSync(join(ROOT, 'action.yml'), 'utf8')) as { inputs: Record<string, { default?: string }>; runs: { using: string; main: string } };
  assert.equal(Object.keys(metadata.inputs), ['command', 'root', 'github-token']);
  assert.is(metadata.inputs['github-token']!.default, '${{ github.token }}');
  assert.is(metadata.runs.using, 'node24');
  assert.is(metadata.runs.main, 'dist/action.js');
});

action('on a clean repository: exit 0, and the job summary says so', () => {
  const result = runAction({ command: 'validate', root: 'records' }, workspaceFrom('valid'));
  assert.is(result.code, 0, result.stderr);
  assert.is(result.stdout, '');
  assert.match(result.summary, /### incidents validate\n\nNo findings\./);
});

action('on a broken repository: annotations with file and line, the summary table, exit 1', () => {
  const result = runAction({ command: 'validate', root: 'records' }, workspaceFrom('record-priority-matrix'));
  assert.is(result.code, 1);
  assert.match(result.stdout, /^::error file=incidents\/INC-2026-0001\.md,line=8,col=11,title=record\/priority-matrix::priority is P2/);
  assert.match(result.summary, /\| `incidents\/INC-2026-0001\.md:8:11` \| error \| priority is P2/);
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
  assert.match(result.stdout, /^::error title=incidents-as-code::The input command is "deploy": expected one of validate, check-pr, sla, sla --notify, build, report\n$/);
});

action('build writes the status site into site/ under the root, as the Pages workflow uploads it', () => {
  const workspace = mkdtempSync(join(tmpdir(), 'incidents-action-'));
  cpSync(join(ROOT, 'test/fixtures/site/canary'), join(workspace, 'records'), { recursive: true });
  const result = runAction({ command: 'build', root: 'records' }, workspace);
  assert.is(result.code, 0, result.stderr);
  assert.match(readFileSync(join(workspace, 'records/site/index.html'), 'utf8'), /Public-marker Status/);
  assert.ok(JSON.parse(readFileSync(join(workspace, 'records/site/api/v2/summary.json'), 'utf8')).page);
});

const INPUT_CASES: { name: string; env: Record<string, string>; expected: string[] | string }[] = [
  { name: 'defaults: validate the workspace', env: {}, expected: ['validate', '--root', '.', '--format', 'github'] },
  { name: 'a root', env: { INPUT_COMMAND: 'validate', INPUT_ROOT: 'ops/incidents' }, expected: ['validate', '--root', 'ops/incidents', '--format', 'github'] },
  { name: 'sla --notify', env: { INPUT_COMMAND: 'sla --notify' }, expected: ['sla', '--notify', '--root', '.', '--format', 'github'] },
  { name: 'a flag the command does not take', env: { INPUT_COMMAND: 'validate --notify' }, expected: 'The input command is "validate --notify": expected one of validate, check-pr, sla, sla --notify, build, report' },
  { name: 'build', env: { INPUT_COMMAND: 'build', INPUT_ROOT: 'ops' }, expected: ['build', '--root', 'ops', '--format', 'github'] },
  { name: 'check-pr without a pull request event', env: { INPUT_COMMAND: 'check-pr', GITHUB_EVENT_PATH: '/nonexistent' }, expected: 'check-pr runs on pull_request and pull_request_review events, and this event has no pull request' },
];

for (const { name, env, expected } of INPUT_CASES) {
  action(`inputs: ${name}`, () => {
    const inputs = readActionInputs(env);
    assert.equal('error' in inputs ? inputs.error : inputs.argv, expected);
  });
}

action('inputs: check-pr takes base and head from the event, and the token from github-token', () => {
  const event = join(mkdtempSync(join(tmpdir(), 'incidents-event-')), 'event.json');
  writeFileSync(event, JSON.stringify({ pull_request: { number: 1, base: { sha: 'a'.repeat(40) }, head: { sha: 'b'.repeat(40) } } }));
  const inputs = readActionInputs({ INPUT_COMMAND: 'check-pr', GITHUB_EVENT_PATH: event, 'INPUT_GITHUB-TOKEN': 'secret' });
  assert.ok(!('error' in inputs));
  if ('error' in inputs) return;
  assert.equal(inputs.argv, ['check-pr', '--root', '.', '--format', 'github', '--base', 'a'.repeat(40), '--head', 'b'.repeat(40)]);
  assert.is(inputs.env.GITHUB_TOKEN, 'secret');
});

action('the committed dist/action.js is the bundle of the current sources (run npm run build and commit it)', async () => {
  const { entry, outfile } = BUNDLES.find((candidate) => candidate.name === 'action')!;
  assert.ok((await bundle(entry)) === readFileSync(outfile, 'utf8'), 'dist/action.js is out of date: run npm run build and commit dist/action.js');
});

action.run();
