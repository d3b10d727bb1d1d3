import { cpSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { git, makePullRequestRepo } from './helpers/git-repo.js';
import { BASE } from './helpers/pull-request-cases.js';
import { ROOT, runCliCapturing } from './helpers/run-cli.js';

const HOSTILE = join(ROOT, 'test/fixtures/hostile');
const CANARY = 'CANARY-outside-the-repository-7f3a';

/** A record with `extra` lines before its updates and `updates` updates, for the cases too big to keep in git. */
function incident(id: string, { title = 'A hostile case', updates = 1, body = 'Notes.\n', message = 'Still looking.' } = {}): string {
  const list = Array.from(
    { length: updates },
    (_, index) =>
      `  - {at: "${new Date(Date.parse('2026-03-01T10:09:00Z') + index * 60_000).toISOString().replace('.000Z', 'Z')}", status: investigating, message: ${message}}`,
  );
  return `---\nid: ${id}\ntitle: ${title}\ntype: incident\nstatus: investigating\nimpact: low\nurgency: low\npriority: P5\nservices:\n  - id: web\n    status: degraded_performance\nvisibility: public\nreported_at: 2026-03-01T10:04:00Z\nacknowledged_at: 2026-03-01T10:09:00Z\nupdates:\n${list.join('\n')}\n---\n${body}`;
}

/** The cases made by the test: too big for git, or a link that must point outside the repository. */
const GENERATED: Record<string, string> = {
  'incidents/INC-2026-0902.md': incident('INC-2026-0902', { title: `${'['.repeat(20_000)}${']'.repeat(20_000)}` }),
  'incidents/INC-2026-0909.md': incident('INC-2026-0909', { body: 'x'.repeat(10 * 1024 * 1024) }),
  'incidents/INC-2026-0915.md': incident('INC-2026-0915', { updates: 100_000 }),
  'incidents/INC-2026-0916.md': incident('INC-2026-0916', { updates: 12_000 }),
  // A 900 KB first update for known errors' patterns to match (KE-0902, KE-0903): the gate examines its start.
  'incidents/INC-2026-0918.md': incident('INC-2026-0918', { message: `${'a'.repeat(900_000)}!` }),
  // 8,000 lines of lists in lists: each line made the Markdown parser copy all it had read (quadratic).
  'incidents/INC-2026-0934.md': incident('INC-2026-0934', { message: JSON.stringify('- - x\n'.repeat(8_000)) }),
};

/** Each hostile file and what must be found in it (`rule line`); [] means it must be accepted. */
const EXPECTED: Record<string, string[]> = JSON.parse(readFileSync(join(HOSTILE, 'expected.json'), 'utf8'));

/** The check-pr base repository, with every hostile file added on the pr branch, and a link out of it. */
function hostileRepository() {
  const outside = mkdtempSync(join(tmpdir(), 'incidents-outside-'));
  writeFileSync(join(outside, 'secret.md'), `---\nid: INC-2026-0910\ntitle: ${CANARY}\n---\n${CANARY}\n`);
  const repo = makePullRequestRepo(BASE, {}, GENERATED);
  cpSync(join(HOSTILE, 'records'), repo.dir, { recursive: true });
  symlinkSync(join(outside, 'secret.md'), join(repo.dir, 'incidents/INC-2026-0910.md'));
  git(repo.dir, 'add', '-A');
  git(repo.dir, 'commit', '-q', '-m', 'hostile records');
  return repo;
}

/** Findings as `rule line`, by path, for the paths of the corpus. */
function byPath(findings: { path: string; rule: string; line: number }[]): Record<string, string[]> {
  const found: Record<string, string[]> = Object.fromEntries(Object.keys(EXPECTED).map((path) => [path, []]));
  for (const finding of findings) if (finding.path in found) found[finding.path]!.push(`${finding.rule} ${finding.line}`);
  return found;
}

/** Nothing a command prints may be a stack trace or the canary behind the link. */
function assertClean(output: string): void {
  assert.not.match(output, /^\s+at .+\(.*:\d+:\d+\)$/m, 'a stack trace');
  assert.not.ok(output.includes(CANARY), 'the file behind the link was read');
}

const hostile = suite('hostile input: every case gives its finding, the rest are still checked');
const repo = hostileRepository();

hostile('validate: each hostile file its finding at a line; the records beside them still checked and clean', async () => {
  const { code, stdout, stderr } = await runCliCapturing(['validate', '--root', repo.dir, '--format', 'json']);
  assert.is(code, 1, stderr);
  assertClean(stdout + stderr);
  const { findings } = JSON.parse(stdout) as { findings: { path: string; rule: string; line: number; message: string }[] };
  assert.equal(byPath(findings), EXPECTED);
  assert.equal(
    findings.filter((finding) => !(finding.path in EXPECTED)),
    [],
    'a finding outside the corpus',
  );
  for (const finding of findings) assert.ok(finding.message.length > 20 && finding.line >= 1, JSON.stringify(finding));
});

hostile('check-pr: the same findings for the pull request that adds them, and no crash', async () => {
  const { code, stdout, stderr } = await runCliCapturing(['check-pr', '--base', 'main', '--head', 'pr', '--root', repo.dir, '--format', 'json']);
  assert.is(code, 1, stderr);
  assertClean(stdout + stderr);
  const found = byPath((JSON.parse(stdout) as { findings: { path: string; rule: string; line: number }[] }).findings);
  for (const [path, expected] of Object.entries(EXPECTED)) {
    for (const finding of expected) assert.ok(found[path]!.includes(finding), `${path}: ${finding} missing from ${JSON.stringify(found[path])}`);
  }
});

hostile('build: refuses with the findings, writes nothing, and no crash', async () => {
  const out = join(repo.dir, '..', `${repo.dir.split('/').pop()}-site`);
  const { code, stdout, stderr } = await runCliCapturing(['build', '--root', repo.dir, '--out', out, '--at', '2026-03-02T00:00:00Z']);
  assert.is(code, 2);
  assertClean(stdout + stderr);
  assert.match(stderr, /The site is not built/);
  assert.match(stdout, /incidents\/INC-2026-0901\.md:\d+:\d+: .*alias/);
});

hostile('a config that names a calendar it never defines: validate, check-pr and build stop with exit 2 at its line', async () => {
  const config = readFileSync(join(HOSTILE, 'missing-calendar/incidents.config.yml'), 'utf8');
  const pr = makePullRequestRepo(BASE, {}, { 'incidents.config.yml': config });
  for (const args of [['validate'], ['check-pr', '--base', 'main', '--head', 'pr'], ['build', '--out', join(pr.dir, 'site')]]) {
    const { code, stdout, stderr } = await runCliCapturing([...args, '--root', pr.dir]);
    assert.is(code, 2, `${args[0]}: ${stderr}`);
    assertClean(stdout + stderr);
    assert.match(stdout, /^incidents\.config\.yml:12:\d+: .*office-hours.* \(config\/calendar\)$/m, `${args[0]}: ${stdout}`);
  }
});

hostile(
  "a config whose service ids are JavaScript's own names or the page's (constructor, status, group-core): check-pr and build run, and resolving without approval is refused",
  async () => {
    const config = readFileSync(join(HOSTILE, 'reserved-ids/incidents.config.yml'), 'utf8');
    const resolved = readFileSync(join(BASE, 'incidents/INC-2026-0001.md'), 'utf8')
      .replace('status: investigating\nimpact', 'status: resolved\nimpact')
      .replace('  - id: api\n    status: partial_outage', '  - id: constructor\n    status: operational')
      .replace('updates:', 'resolved_at: 2026-03-01T11:00:00Z\nresolution: {code: fixed, summary: Fixed.}\nupdates:')
      .replace('\n---\nWorking', '\n  - at: 2026-03-01T11:00:00Z\n    status: resolved\n    message: Fixed.\n---\nWorking');
    const pr = makePullRequestRepo(BASE, { 'incidents.config.yml': config }, { 'incidents/INC-2026-0001.md': resolved });
    const gate = await runCliCapturing(['check-pr', '--base', 'main', '--head', 'pr', '--root', pr.dir]);
    assertClean(gate.stdout + gate.stderr);
    assert.is(gate.code, 1, gate.stderr);
    assert.match(gate.stdout, /Entering resolved needs an approving review from one of @alice, @bob[,;]/);
    const build = await runCliCapturing(['build', '--root', pr.dir, '--out', join(pr.dir, 'site'), '--at', '2026-03-02T00:00:00Z']);
    assertClean(build.stdout + build.stderr);
    assert.is(build.code, 0, build.stdout + build.stderr);
    assert.match(readFileSync(join(pr.dir, 'site/badges/status.svg'), 'utf8'), /aria-label="status: /);
  },
);

hostile.run();
