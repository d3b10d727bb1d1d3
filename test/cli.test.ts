import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { RECORD_FOLDERS } from '../scripts/core/records/kinds.js';
import { runCli } from '../scripts/cli.js';
import { ROOT, runCliCapturing } from './helpers/run-cli.js';

const FIXTURES = join(ROOT, 'test/fixtures/validate');
const run = runCliCapturing;

/** A copy of a fixture case with the base config, as a standalone repository. */
function repoFrom(name: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'incidents-cli-'));
  cpSync(join(FIXTURES, 'base.config.yml'), join(dir, 'incidents.config.yml'));
  cpSync(join(FIXTURES, name), dir, { recursive: true });
  rmSync(join(dir, 'expected.json'));
  return dir;
}

const cli = suite('incidents validate');

cli('exit 0 on the sample records, with a count', async () => {
  const { code, stdout, stderr } = await run(['validate']);
  assert.is(code, 0);
  assert.is(stdout, '');
  assert.match(stderr, /^\d+ records valid\.\n$/);
});

cli('exit 1 with path:line:col: message (rule) lines', async () => {
  const { code, stdout } = await run(['validate', '--root', repoFrom('record-priority-matrix')]);
  assert.is(code, 1);
  assert.is(
    stdout,
    "incidents/INC-2026-0001.md:8:11: priority is P2, but impact high and urgency high give P1 in the config's priority_matrix: expected priority P1, or change impact or urgency (record/priority-matrix)\n" +
      "problems/PRB-0001.md:9:11: priority is P2, but impact high and urgency low give P3 in the config's priority_matrix: expected priority P3, or change impact or urgency (record/priority-matrix)\n",
  );
});

cli('--format json gives the findings shape of docs/reference.md', async () => {
  const { code, stdout } = await run(['validate', '--format', 'json', '--root', repoFrom('schema-enum')]);
  assert.is(code, 1);
  const { findings } = JSON.parse(stdout);
  assert.is(findings.length, 2);
  assert.equal(Object.keys(findings[0]).sort(), ['column', 'line', 'message', 'path', 'rule', 'severity']);
  assert.equal(findings[0], { ...findings[0], path: 'incidents/INC-2026-0001.md', line: 5, column: 9, rule: 'schema/enum', severity: 'error' });
});

cli('--format github prints annotations and writes every finding to the job summary', async () => {
  const dir = repoFrom('valid');
  const incident = readFileSync(join(dir, 'incidents/INC-2026-0001.md'), 'utf8');
  for (let n = 2; n <= 13; n++) {
    const id = `INC-2026-${String(n).padStart(4, '0')}`;
    writeFileSync(join(dir, `incidents/${id}.md`), incident.replace('id: INC-2026-0001', `id: ${id}`).replace('priority: P1', 'priority: P3'));
  }
  const summary = join(dir, 'summary.md');
  const { code, stdout } = await run(['validate', '--format', 'github', '--root', dir], { env: { GITHUB_STEP_SUMMARY: summary } });
  assert.is(code, 1);
  const annotations = stdout.trim().split('\n');
  assert.is(annotations.length, 12);
  assert.match(annotations[0]!, /^::error file=incidents\/INC-2026-0002\.md,line=8,col=11,title=record\/priority-matrix::priority is P3, but/);
  const table = readFileSync(summary, 'utf8');
  assert.is(table.split('\n').filter((line) => line.startsWith('| `incidents/')).length, 12, 'all 12 findings, past the 10 that GitHub shows');
});

cli('paths limit the report to those files, and the rest is still read', async () => {
  const dir = repoFrom('record-reference');
  const one = await run(['validate', 'incidents/INC-2026-0002.md'], { cwd: dir });
  assert.is(one.code, 1);
  assert.equal(
    one.stdout
      .trim()
      .split('\n')
      .map((line) => line.split(':')[0]),
    ['incidents/INC-2026-0002.md'],
  );
  const folder = await run(['validate', 'incidents'], { cwd: dir });
  assert.is(folder.stdout.trim().split('\n').length, 4);
});

cli('an unreadable or oversized file is one finding, and the others are still checked', async () => {
  const dir = repoFrom('record-priority-matrix');
  writeFileSync(join(dir, 'incidents/INC-2026-0009.md'), `---\ntitle: ${'x'.repeat(1024 * 1024)}\n---\n`);
  symlinkSync('/etc/hostname', join(dir, 'incidents/INC-2026-0010.md'));
  // A named pipe would block a read until something writes to it: it is refused unread.
  assert.is(spawnSync('mkfifo', [join(dir, 'incidents/INC-2026-0099.md')]).status, 0);
  const { code, stdout } = await run(['validate', '--root', dir]);
  assert.is(code, 1);
  assert.match(
    stdout,
    /incidents\/INC-2026-0009\.md:1:1: incidents\/INC-2026-0009\.md is \d+ bytes: a record file may be at most 1048576 bytes \(file\/unreadable\)/,
  );
  assert.match(stdout, /incidents\/INC-2026-0010\.md:1:1: incidents\/INC-2026-0010\.md is a symbolic link/);
  assert.match(stdout, /incidents\/INC-2026-0099\.md:1:1: incidents\/INC-2026-0099\.md is not a plain file/);
  assert.match(stdout, /INC-2026-0001\.md:8:11: .*\(record\/priority-matrix\)/);
});

const errors = suite('incidents: exit 2');

const USAGE_ERRORS: { name: string; argv: string[]; message: RegExp }[] = [
  { name: 'no command', argv: [], message: /Usage: incidents <command>/ },
  { name: 'unknown command', argv: ['valdiate'], message: /unknown command "valdiate"/ },
  { name: 'unknown option', argv: ['validate', '--strict'], message: /incidents validate: Unknown option '--strict'/ },
  { name: 'bad format', argv: ['validate', '--format', 'xml'], message: /--format must be one of text, json, github, not "xml"/ },
  {
    name: 'no config',
    argv: ['validate', '--root', 'test'],
    message: /no incidents\.config\.yml in .*test: run it in an incident repository, or name one with --root DIR/,
  },
  { name: 'path outside the repository', argv: ['validate', '/etc'], message: /\/etc is outside the repository/ },
  {
    name: 'path that holds no records',
    argv: ['validate', 'README.md'],
    message: new RegExp(`README\\.md holds no records: name files or folders in ${RECORD_FOLDERS.join('/, ')}/, or incidents\\.config\\.yml`),
  },
  { name: 'path that does not exist', argv: ['validate', 'incidents/INC-2099-0001.md'], message: /INC-2099-0001\.md does not exist/ },
  { name: 'a --root that does not exist', argv: ['validate', '--root', 'no-such-folder'], message: /incidents validate: --root no-such-folder does not exist/ },
];

for (const { name, argv, message } of USAGE_ERRORS) {
  errors(name, async () => {
    const { code, stderr } = await run(argv);
    assert.is(code, 2);
    assert.match(stderr, message);
  });
}

cli('from a sub-folder, the repository is found upwards, as git finds its own', async () => {
  const { code, stderr } = await runCliCapturing(['validate'], { cwd: join(ROOT, 'incidents') });
  assert.is(code, 0, stderr);
  assert.match(stderr, /^\d+ records valid\.\n$/);
});

errors('an invalid config is reported, and the records are not checked against it', async () => {
  const dir = repoFrom('valid');
  cpSync(join(FIXTURES, 'config-calendar/incidents.config.yml'), join(dir, 'incidents.config.yml'));
  const { code, stdout, stderr } = await run(['validate', '--root', dir]);
  assert.is(code, 2);
  assert.match(stdout, /^incidents\.config\.yml:10:3: The calendar name 24x7 is reserved/);
  assert.match(stderr, /incidents\.config\.yml is not valid: fix it first/);
});

errors('a bug of ours is an internal error that says how to report it, not a stack trace', async () => {
  let captured = '';
  const failing = await runCli(['validate', '--format', 'json'], {
    cwd: ROOT,
    env: {},
    stdout: () => {
      throw new Error('disk full');
    },
    stderr: (text) => (captured += text),
  });
  assert.is(failing, 2);
  assert.match(captured, /incidents validate: internal error: disk full\nThis is a bug in incidents-as-code/);
  assert.not.match(captured, /\n\s+at /);
});

const bin = suite('the incidents bin');

bin('the bundled bin runs through a symlink, as npm installs it', () => {
  const build = spawnSync('npm', ['run', '-s', 'build'], { cwd: ROOT, encoding: 'utf8' });
  assert.is(build.status, 0, build.stderr);
  const dir = mkdtempSync(join(tmpdir(), 'incidents-bin-'));
  symlinkSync(join(ROOT, 'dist/incidents.js'), join(dir, 'incidents'));
  const result = spawnSync(join(dir, 'incidents'), ['validate', '--format', 'json'], { cwd: ROOT, encoding: 'utf8' });
  assert.is(result.status, 0, result.stderr);
  assert.equal(JSON.parse(result.stdout), { findings: [] });
});

bin('the bundle, with its precompiled validators, finds what the sources find (schema and config fixtures)', async () => {
  const names = readdirSync(join(ROOT, 'test/fixtures/validate')).filter((name) => /^(schema|config)-|^valid$/.test(name));
  assert.ok(names.length >= 18);
  for (const name of names) {
    const dir = repoFrom(name);
    const bundled = spawnSync(process.execPath, [join(ROOT, 'dist/incidents.js'), 'validate', '--root', dir, '--format', 'json'], { encoding: 'utf8' });
    const sources = await runCliCapturing(['validate', '--root', dir, '--format', 'json']);
    assert.equal(JSON.parse(bundled.stdout), JSON.parse(sources.stdout), name);
    assert.is(bundled.status, sources.code, name);
  }
});

bin('npm run -s incidents -- validate runs the TypeScript sources', () => {
  const result = spawnSync('npm', ['run', '-s', 'incidents', '--', 'validate', '--root', repoFrom('record-unique-service')], { cwd: ROOT, encoding: 'utf8' });
  assert.is(result.status, 1, result.stderr);
  assert.match(result.stdout, /Service api is listed twice/);
});

cli.run();
errors.run();
bin.run();
