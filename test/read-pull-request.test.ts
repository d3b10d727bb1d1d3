import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { readForEveryChange, recordsAChangeNeeds } from '../scripts/core/gate/records-a-change-needs.js';
import { parseTreeListing } from '../scripts/io/repository/git.js';
import { readPullRequest } from '../scripts/io/repository/read-pull-request.js';
import { MAX_FILE_BYTES } from '../scripts/io/repository/read-repository.js';
import { applyEdits, git, makePullRequestRepo } from './helpers/git-repo.js';
import { BASE, edit, INC1, INC2, INC3, read, runCheckPr } from './helpers/pull-request-cases.js';

const plumbing = suite('check-pr reads from git: only the head is listed; the diff gives the base');

plumbing('a listing keeps every path as git wrote it, spaces, tabs and newlines too', () => {
  const blob = 'a'.repeat(40);
  const listing = parseTreeListing(
    [`100644 blob ${blob}\tincidents.config.yml`, `120000 blob ${blob}\tincidents/a b\tc.md`, `160000 commit ${blob}\tincidents/sub\nline`, ''].join('\0'),
  );
  assert.equal(listing.paths, ['incidents.config.yml', 'incidents/a b\tc.md', 'incidents/sub\nline']);
  assert.equal(listing.entry(1), { mode: '120000', type: 'blob', object: blob, path: 'incidents/a b\tc.md' });
  assert.equal(listing.entry(2), { mode: '160000', type: 'commit', object: blob, path: 'incidents/sub\nline' });
  assert.equal(parseTreeListing('').paths, []);
});

plumbing('a rename, a deletion and a changed config: the base versions of each, and the policy of the base tip', async () => {
  const renamed = 'incidents/INC-2026-0003-exports.md';
  const repo = makePullRequestRepo(
    BASE,
    {},
    {
      [INC3]: null,
      [renamed]: read(INC3),
      [INC2]: null,
      ...edit('incidents.config.yml', ['postmortem_required: [P1, P2]', 'postmortem_required: [P1]']),
    },
  );
  const tipConfig = read('incidents.config.yml').replace('postmortem_required: [P1, P2]', 'postmortem_required: [P2]');
  git(repo.dir, 'checkout', '-q', 'main');
  applyEdits(repo.dir, { 'incidents.config.yml': tipConfig });
  git(repo.dir, 'commit', '-q', '-am', 'main changes its config');

  const pullRequest = await readPullRequest(repo.dir, 'main', 'pr');
  assert.equal(pullRequest.changes, [
    { kind: 'deleted', path: INC2 },
    { kind: 'renamed', basePath: INC3, path: renamed },
  ]);
  assert.equal(
    pullRequest.base.records.map(({ path, text }) => [path, text]),
    [
      [INC2, read(INC2)],
      [INC3, read(INC3)],
    ],
  );
  assert.is(pullRequest.base.config?.text, read('incidents.config.yml'));
  assert.is(pullRequest.policy?.text, tipConfig);
  // A changed config: every record of the head is read.
  assert.is(pullRequest.head.partial, false);
  assert.equal(
    pullRequest.head.records.map(({ path }) => path).sort(),
    ['incidents/INC-2026-0001.md', 'incidents/INC-2026-0002.postmortem.md', renamed, 'known-errors/KE-0001.md'].sort(),
  );
});

plumbing('an unchanged config: the base config is the head one, and the head reads only what the change needs', async () => {
  const repo = makePullRequestRepo(BASE, {}, { [INC1]: `${read(INC1)}More notes.\n` });
  const pullRequest = await readPullRequest(repo.dir, 'main', 'pr');
  assert.is(pullRequest.base.config?.text, read('incidents.config.yml'));
  assert.is(pullRequest.policy?.text, read('incidents.config.yml'));
  assert.equal(
    pullRequest.base.records.map(({ path }) => path),
    [INC1],
  );
  assert.is(pullRequest.head.partial, true);
  assert.equal(
    pullRequest.head.records.map(({ path }) => path),
    [INC1, 'known-errors/KE-0001.md'],
  );
});

plumbing('an oversized file is refused unread, at the head with the finding validate gives, and at the base', async () => {
  const big = `${read(INC1)}${'More notes.\n'.repeat(Math.ceil(MAX_FILE_BYTES / 12))}`;
  const headBig = await runCheckPr(makePullRequestRepo(BASE, {}, { [INC1]: big }).dir);
  assert.equal(headBig.errors, ['file/unreadable incidents/INC-2026-0001.md:1']);
  assert.match(
    headBig.verdict.findings[0]!.message,
    `incidents/INC-2026-0001.md is ${Buffer.byteLength(big)} bytes: a record file may be at most 1048576 bytes`,
  );

  const repo = makePullRequestRepo(BASE, { [INC1]: big }, { [INC1]: read(INC1) });
  const pullRequest = await readPullRequest(repo.dir, 'main', 'pr');
  assert.equal(
    pullRequest.base.records.map(({ path }) => path),
    [],
  );
  assert.equal(
    pullRequest.base.findings.map(({ rule, path }) => `${rule} ${path}`),
    ['file/unreadable incidents/INC-2026-0001.md'],
  );
});

plumbing('a submodule where a record was is refused as a commit, not a file', async () => {
  const repo = makePullRequestRepo(BASE, {}, {});
  const commit = git(repo.dir, 'rev-parse', 'HEAD');
  git(repo.dir, 'rm', '-q', INC1);
  git(repo.dir, 'update-index', '--add', '--cacheinfo', `160000,${commit},${INC1}`);
  git(repo.dir, 'commit', '-q', '-m', 'a submodule');
  const { errors, verdict } = await runCheckPr(repo.dir);
  assert.equal(errors, ['file/unreadable incidents/INC-2026-0001.md:1']);
  assert.is(verdict.findings[0]!.message, 'incidents/INC-2026-0001.md is a commit, not a file');
});

plumbing.run();

const needs = suite('the unchanged records a change needs');

const CHANGED = [{ path: 'incidents/INC-2026-0001.md', text: 'id: INC-2026-0001\nknown_error: KE-0007\n' }];

/** A path, whether it is read for every change, and whether for a change naming INC-2026-0001 and KE-0007. */
const READS: [string, boolean, boolean][] = [
  ['known-errors/KE-0100.md', true, false],
  ['problems/PRB-0100.md', true, false],
  ['known-errors/KE-0007-slug.md', true, true],
  ['incidents/INC-2026-0001.postmortem.md', false, true],
  ['incidents/INC-2026-0001-slug.md', false, true],
  ['incidents/INC-2026-0002.md', false, false],
  ['incidents/old/INC-2026-0001.md', false, false],
  ['incidents/notes-INC-2026-0001.txt', false, false],
  ['known-errors/old/KE-0100.md', false, false],
];

for (const [path, always, named] of READS) {
  needs(`${path}: ${always ? 'read for every change' : 'not read for every change'}, ${named ? 'read' : 'not read'} for what the change names`, () => {
    assert.is(readForEveryChange(path), always);
    assert.is(recordsAChangeNeeds(CHANGED).reads(path), named);
  });
}

const KEEPS: [string, string, boolean][] = [
  ['an active known error', 'status: active', true],
  ['a retired known error', 'status: retired', false],
  ['a fixed known error', 'status: fixed', false],
  ['a known error whose status may be an escape', 'status: "\\x61ctive"', true],
  ['a retired known error naming an id the change names', 'id: KE-0100\nstatus: retired\nproblem: INC-2026-0001', true],
];

for (const [name, frontmatter, expected] of KEEPS) {
  needs(`${expected ? 'checks' : 'does not check'} ${name}`, () => {
    assert.is(recordsAChangeNeeds(CHANGED).keeps({ path: 'known-errors/KE-0100.md', text: `---\n${frontmatter}\n---\n` }), expected);
  });
}

needs('checks a known error the change names by its file name, and every problem', () => {
  assert.ok(recordsAChangeNeeds(CHANGED).keeps({ path: 'known-errors/KE-0007.md', text: '---\nid: KE-0008\nstatus: retired\n---\n' }));
  assert.ok(recordsAChangeNeeds(CHANGED).keeps({ path: 'problems/PRB-0100.md', text: '---\nstatus: closed\n---\n' }));
});

needs.run();
