import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { ROOT } from './helpers/run-cli.js';

const AT = '2026-11-28T10:00:00Z';
const NPM = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const NPX = process.platform === 'win32' ? 'npx.cmd' : 'npx';
// The test runs under `npm test`: npm's own variables would steer the nested npm.
const ENV = Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.toLowerCase().startsWith('npm_')));

const packaged = suite('the package, packed and installed as an adopter would');

/** Runs a command to its end; returns what it printed and its exit code. */
function sh(command: string, args: string[], cwd: string) {
  const result = spawnSync(command, args, { cwd, env: ENV, encoding: 'utf8', timeout: 120_000 });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

packaged('npm pack → npm install <tarball> in an empty folder → init in an empty git repository → validate, build, new', () => {
  const outside = mkdtempSync(join(tmpdir(), 'incidents-adopter-'));
  // npm pack runs prepack, which builds the bin from the sources as they are now.
  const packed = JSON.parse(execFileSync(NPM, ['pack', '--json', '--pack-destination', outside], { cwd: ROOT, env: ENV, encoding: 'utf8' }));
  const files: string[] = packed[0].files.map((file: { path: string }) => file.path);
  for (const path of ['dist/incidents.js', 'LICENSE', 'templates/init/incidents.config.yml', '.github/workflows/sla.yml', 'schemas/config.schema.json'])
    assert.ok(files.includes(path), `${path} is in the package`);
  assert.not.ok(
    files.some((path) => /^(scripts|test|bench|incidents|known-errors)\/|^dist\/action\.js$/.test(path)),
    `no sources, tests, samples or the Action (GitHub runs it from the repository): ${files.join(', ')}`,
  );

  const project = join(outside, 'project');
  mkdirSync(project);
  writeFileSync(join(project, 'package.json'), '{"private": true}\n');
  const installed = sh(NPM, ['install', '--offline', '--no-audit', '--no-fund', join(outside, packed[0].filename)], project);
  assert.is(installed.code, 0, installed.stderr);
  assert.not.match(installed.stderr, /warn/i, 'installs without a warning');
  assert.match(installed.stdout, /added 1 package/, 'no dependencies: the bin is one bundle');

  const repo = join(project, 'team-incidents');
  mkdirSync(repo);
  execFileSync('git', ['init', '-q'], { cwd: repo });
  const incidents = (...args: string[]) => sh(NPX, ['--no', 'incidents', ...args], repo);

  const made = incidents('init', '--approver', '@alice', '--ref', '0123456789abcdef0123456789abcdef01234567');
  assert.is(made.code, 0, made.stderr);
  assert.match(made.stdout, /^Wrote 18 files in /);
  const validated = incidents('validate');
  assert.is(validated.code, 0, validated.stdout + validated.stderr);
  const built = incidents('build', '--at', AT);
  assert.is(built.code, 0, built.stderr);
  assert.match(built.stderr, /All Systems Operational/);

  const created = incidents('new', '--title', 'Checkout errors', '--service', 'api=major_outage', '--impact', 'high', '--urgency', 'high', '--at', AT);
  assert.is(created.code, 0, created.stderr);
  assert.is(created.stdout, 'incidents/INC-2026-0001.md\n');
  const fromBelow = sh(NPX, ['--no', 'incidents', 'validate'], join(repo, '.github/workflows'));
  assert.is(fromBelow.code, 0, fromBelow.stdout + fromBelow.stderr);
  assert.is(fromBelow.stderr, '1 record valid.\n', 'the config is found from a sub-folder');
  assert.is(incidents('build', '--at', AT).code, 0);
  assert.match(readFileSync(join(repo, 'site/index.html'), 'utf8'), /Checkout errors/);
});

packaged.run();
