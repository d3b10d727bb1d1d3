import { cpSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { createGitHub } from '../scripts/io/github/api.js';
import { openGitHubIssueChannel } from '../scripts/io/notify/github-issue.js';
import { FakeGitHub } from './helpers/fake-github.js';
import { ROOT, runCliCapturing } from './helpers/run-cli.js';

/**
 * A repository with the validate fixtures' config (P1: acknowledge 15m, resolve 4h; escalation
 * 15m @team/oncall, 45m @team/leads) and one P1 incident reported at 10:00.
 */
function repository(dir = mkdtempSync(join(tmpdir(), 'incidents-notify-')), status = 'reported', extra = ''): string {
  cpSync(join(ROOT, 'test/fixtures/validate/base.config.yml'), join(dir, 'incidents.config.yml'));
  mkdirSync(join(dir, 'incidents'), { recursive: true });
  const resolved = status === 'resolved' ? '  - at: 2026-03-01T12:00:00Z\n    status: resolved\n    message: Fixed.\n' : '';
  writeFileSync(
    join(dir, 'incidents/INC-2026-0001.md'),
    `---\nid: INC-2026-0001\ntitle: API errors\ntype: incident\nstatus: ${status}\nimpact: high\nurgency: high\npriority: P1\nservices:\n  - id: api\n    status: major_outage\nvisibility: public\nreported_at: 2026-03-01T10:00:00Z\n${extra}updates:\n  - at: 2026-03-01T10:00:00Z\n    status: reported\n    message: Looking.\n${resolved}---\n`,
  );
  return dir;
}

async function withGitHub(test: (github: FakeGitHub) => Promise<void>): Promise<void> {
  const github = await FakeGitHub.start({ owner: 'acme', repo: 'incidents', number: 1, author: 'dave', headSha: 'a'.repeat(40) });
  try {
    await test(github);
  } finally {
    await github.close();
  }
}

const env = (github: FakeGitHub) => ({ GITHUB_API_URL: github.url, GITHUB_REPOSITORY: 'acme/incidents', GITHUB_TOKEN: github.token });
const notifyAt = (dir: string, at: string, github: FakeGitHub) =>
  runCliCapturing(['sla', '--notify', '--at', at, '--root', dir, '--format', 'json'], { env: env(github) });
const posts = (github: FakeGitHub) => github.requests.filter((request) => !request.startsWith('GET ')).length;

const notify = suite('incidents sla --notify');

notify('escalation levels due are posted once on one tracking issue; a re-run posts nothing', () =>
  withGitHub(async (github) => {
    const dir = repository();
    const first = await notifyAt(dir, '2026-03-01T10:50:00Z', github);
    assert.is(first.code, 1, first.stderr);
    assert.is(github.issues.length, 1);
    const [issue] = github.issues;
    assert.is(issue!.title, 'INC-2026-0001: API errors');
    assert.equal(
      issue!.comments.map((comment) => comment.body.split('\n')[1]),
      [
        '@team/oncall Escalation level 1: INC-2026-0001 (P1) is still not acknowledged 15m after it was reported.',
        '@team/leads Escalation level 2: INC-2026-0001 (P1) is still not acknowledged 45m after it was reported.',
        '@team/oncall INC-2026-0001 (P1) breached its acknowledge target at 2026-03-01T10:15:00Z.',
      ],
    );
    const written = posts(github);
    const again = await notifyAt(dir, '2026-03-01T10:55:00Z', github);
    assert.is(again.code, 1);
    assert.is(posts(github), written, 'nothing posted twice');
    assert.equal(github.problems, []);
  }),
);

notify('only what became due since is posted; a resolved incident closes its tracking issue', () =>
  withGitHub(async (github) => {
    const dir = repository();
    await notifyAt(dir, '2026-03-01T10:20:00Z', github);
    assert.is(github.issues[0]!.comments.length, 2, 'level 1, and the acknowledge breach');
    await notifyAt(dir, '2026-03-01T10:50:00Z', github);
    assert.is(github.issues[0]!.comments.length, 3, 'level 2 only');
    repository(dir, 'resolved', 'acknowledged_at: 2026-03-01T10:55:00Z\nresolved_at: 2026-03-01T12:00:00Z\nresolution: {code: fixed, summary: Fixed.}\n');
    const done = await notifyAt(dir, '2026-03-01T12:30:00Z', github);
    assert.is(done.code, 0, done.stderr);
    assert.is(github.issues[0]!.state, 'closed');
    assert.match(done.stderr, /INC-2026-0001: closed tracking issue #100/);
  }),
);

notify('a comment with a notice marker written by a person does not count as posted', () =>
  withGitHub(async (github) => {
    const dir = repository();
    await notifyAt(dir, '2026-03-01T10:20:00Z', github);
    github.issues[0]!.comments = [
      { id: 1, login: 'mallory', type: 'User', body: '<!-- incidents-as-code:notice escalation-2 -->' },
      ...github.issues[0]!.comments,
    ];
    await notifyAt(dir, '2026-03-01T10:50:00Z', github);
    assert.ok(github.issues[0]!.comments.some((comment) => comment.type === 'Bot' && comment.body.includes('escalation-2')));
  }),
);

notify('transient 500s are retried', () =>
  withGitHub(async (github) => {
    github.failNext = 2;
    const result = await notifyAt(repository(), '2026-03-01T10:20:00Z', github);
    assert.is(result.code, 1, result.stderr);
    assert.is(github.issues.length, 1);
  }),
);

notify('an API that keeps failing fails the job loudly (exit 2)', () =>
  withGitHub(async (github) => {
    github.failNext = 100;
    const result = await notifyAt(repository(), '2026-03-01T10:20:00Z', github);
    assert.is(result.code, 2);
    assert.match(result.stderr, /could not announce on http:\/\/127\.0\.0\.1:\d+ \(GET \/repos\/\S+: HTTP 500.*the next run retries what is missing/);
  }),
);

notify('--notify without a repository or token is a usage error', async () => {
  const result = await runCliCapturing(['sla', '--notify', '--at', '2026-03-01T10:20:00Z', '--root', repository()]);
  assert.is(result.code, 2);
  assert.match(result.stderr, /incidents sla --notify: GITHUB_REPOSITORY is "", expected owner\/name/);
});

const channel = suite('github-issue channel');

channel('deliver says which keys it delivered: none the second time; a finished incident closes its issue', () =>
  withGitHub(async (github) => {
    const target = { apiUrl: github.url, owner: 'acme', repo: 'incidents', token: github.token };
    const incident = { id: 'INC-2026-0001', title: 'API errors', path: 'incidents/INC-2026-0001-api-errors.md', open: true };
    const notices = [
      { key: 'escalation-1', mention: ['@team/oncall'], text: 'Escalation level 1.' },
      { key: 'breached-acknowledge-1', mention: [], text: 'Breached.' },
    ];
    const first = await openGitHubIssueChannel(createGitHub(target, 5), target);
    assert.is(first.name, 'github-issue');
    assert.equal(await first.deliver({ incident, notices }), {
      delivered: ['escalation-1', 'breached-acknowledge-1'],
      log: ['INC-2026-0001: opened tracking issue #100', 'INC-2026-0001: Escalation level 1.', 'INC-2026-0001: Breached.'],
    });
    const again = await openGitHubIssueChannel(createGitHub(target, 5), target);
    assert.equal(await again.deliver({ incident, notices }), { delivered: [], log: [] });
    assert.equal(await again.deliver({ incident: { ...incident, open: false }, notices: [] }), {
      delivered: [],
      log: ['INC-2026-0001: closed tracking issue #100'],
    });
    assert.is(github.issues[0]!.state, 'closed');
    assert.match(
      String(github.issues[0]!.body),
      /The record is incidents\/INC-2026-0001-api-errors\.md\./,
      'the tracking issue names the record file, slug and all',
    );
    assert.equal(github.problems, []);
  }),
);

notify.run();
channel.run();
