import { cpSync, existsSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { FakeGitHub } from './helpers/fake-github.js';
import { branchOf } from '../scripts/io/github/intake-pull-requests.js';
import { fixture, INTAKE, INTAKE_REPO, issueEvent } from './helpers/intake.js';
import { runCliCapturing } from './helpers/run-cli.js';

const pulls = suite('intake --pull-request');

function repository(): string {
  const dir = mkdtempSync(join(tmpdir(), 'incidents-intake-pr-'));
  cpSync(INTAKE_REPO, dir, { recursive: true });
  return dir;
}

const envOf = (fake: FakeGitHub) => ({ GITHUB_API_URL: fake.url, GITHUB_REPOSITORY: 'acme/incidents', GITHUB_TOKEN: fake.token });

async function intake(dir: string, fake: FakeGitHub, payload: string, at: string) {
  const result = await runCliCapturing(
    ['intake', '--source', 'alertmanager', '--payload', payload, '--at', at, '--pull-request', '--format', 'json', '--root', dir],
    { env: envOf(fake) },
  );
  return {
    ...result,
    json:
      result.code === 0
        ? (JSON.parse(result.stdout) as {
            created: { id: string; pull_request: { number: number; action: string } }[];
            updated: { id: string; status: string; pull_request: { number: number; action: string } }[];
            ignored: unknown[];
          })
        : undefined,
  };
}

pulls('opens one pull request per new incident, then adds a commit to it, and a re-run changes nothing', async () => {
  const fake = await FakeGitHub.start({ owner: 'acme', repo: 'incidents', number: 1, author: 'someone', headSha: 'b'.repeat(40) });
  try {
    const dir = repository();
    const firing = join(INTAKE, 'alertmanager-firing.json');
    const first = await intake(dir, fake, firing, '2026-03-01T10:05:00Z');
    assert.is(first.code, 0, first.stderr);
    assert.equal(
      first.json!.created.map(({ id, pull_request }) => [id, pull_request.action]),
      [
        ['INC-2026-0001', 'opened'],
        ['INC-2026-0002', 'opened'],
      ],
    );
    assert.is(fake.pulls.length, 2);
    const [checkout, search] = fake.pulls;
    assert.match(checkout!.head, /^incidents-intake\/alertname-higherrorrate-service-checkout-[0-9a-f]{10}$/);
    assert.is(checkout!.base, 'main');
    assert.equal(checkout!.labels, ['incident', 'intake']);
    assert.match(checkout!.title, /^INC-2026-0001: Checkout: 5xx ratio/);
    assert.match(
      checkout!.body,
      /`5xx ratio above 5% on <b>card<\/b> payments` since 2026-03-01T09:58:12Z <http:\/\/prometheus\.test\.example:9090\/graph\?g0\.expr=rate%28http_errors%5B5m%5D%29>/,
    );
    assert.equal(checkout!.files, ['incidents/INC-2026-0001.md']);
    assert.equal(search!.files, ['incidents/INC-2026-0002.md']);
    assert.not.ok(existsSync(join(dir, 'incidents/INC-2026-0001.md')), 'the working tree is left alone');

    const commits = fake.commits.length;
    const again = await intake(dir, fake, firing, '2026-03-01T10:06:00Z');
    assert.is(again.code, 0, again.stderr);
    assert.equal([...again.json!.created, ...again.json!.updated], []);
    assert.is(fake.commits.length, commits, 'a re-run commits nothing');
    assert.is(fake.pulls.length, 2);

    const body = fixture<{ status: string; alerts: Record<string, unknown>[] }>('alertmanager-firing.json');
    body.status = 'resolved';
    for (const alert of body.alerts) Object.assign(alert, { status: 'resolved', endsAt: '2026-03-01T10:20:00Z' });
    const resolvedPath = join(dir, 'resolved.json');
    writeFileSync(resolvedPath, JSON.stringify(body));
    const resolved = await intake(dir, fake, resolvedPath, '2026-03-01T10:30:00Z');
    assert.is(resolved.code, 0, resolved.stderr);
    assert.equal(
      resolved.json!.updated.map(({ id, status, pull_request }) => [id, status, pull_request.number, pull_request.action]),
      [
        ['INC-2026-0001', 'monitoring', checkout!.number, 'committed'],
        ['INC-2026-0002', 'monitoring', search!.number, 'committed'],
      ],
    );
    assert.is(fake.pulls.length, 2, 'no new pull request for a key that has one');
    assert.match(fake.branches.get(checkout!.head)!.files.get('incidents/INC-2026-0001.md')!, /\nstatus: monitoring\n/);
    assert.equal(fake.problems, []);
  } finally {
    await fake.close();
  }
});

pulls('fails closed when GitHub keeps failing: exit 2, nothing written', async () => {
  const fake = await FakeGitHub.start({ owner: 'acme', repo: 'incidents', number: 1, author: 'someone', headSha: 'b'.repeat(40) });
  try {
    const dir = repository();
    fake.failNext = 100;
    const result = await intake(dir, fake, join(INTAKE, 'alertmanager-firing.json'), '2026-03-01T10:05:00Z');
    assert.is(result.code, 2);
    assert.match(result.stderr, /GitHub failed \(GET \/repos\/acme\/incidents: HTTP 500/);
    assert.ok(fake.requests.length >= 4, 'it retried');
    assert.equal(fake.pulls, []);
    assert.equal(readdirSync(join(dir, 'incidents')), ['.gitkeep']);
  } finally {
    await fake.close();
  }
});

pulls('--pull-request without a repository or token says what is missing', async () => {
  const result = await runCliCapturing([
    'intake',
    '--source',
    'alertmanager',
    '--payload',
    join(INTAKE, 'alertmanager-firing.json'),
    '--pull-request',
    '--root',
    repository(),
  ]);
  assert.is(result.code, 2);
  assert.match(result.stderr, /GITHUB_REPOSITORY is "", expected owner\/name/);
});

pulls('a report: the pull request names the reporter; a branch left from a closed pull request is left, and the key takes its next branch', async () => {
  const fake = await FakeGitHub.start({ owner: 'acme', repo: 'incidents', number: 1, author: 'someone', headSha: 'b'.repeat(40) });
  try {
    const dir = repository();
    const stale = branchOf('issue#42');
    fake.branches.set(stale, { sha: 'c'.repeat(40), files: new Map([['incidents/INC-2026-0009.md', 'left over']]) });
    fake.pulls.push({ number: 150, head: stale, base: 'main', title: 'closed', body: '', labels: [], state: 'closed', files: ['incidents/INC-2026-0009.md'] });
    const event = join(dir, 'event.json');
    writeFileSync(event, JSON.stringify(issueEvent()));
    const result = await runCliCapturing(['intake', '--payload', event, '--at', '2026-03-01T10:05:00Z', '--pull-request', '--root', dir], { env: envOf(fake) });
    assert.is(result.code, 0, result.stderr);
    assert.match(result.stdout, /^created INC-2026-0001 \S+ for issue#42 → pull request #201 \(opened\)\n$/);
    const pull = fake.pulls.at(-1)!;
    assert.match(pull.body, /Reported by @carol in #42\./);
    assert.is(pull.head, `${stale}-2`);
    assert.equal([...fake.branches.get(pull.head)!.files.keys()], ['incidents/INC-2026-0001.md']);
    assert.equal([...fake.branches.get(stale)!.files.keys()], ['incidents/INC-2026-0009.md'], "the closed pull request's branch is left as it was");
    assert.not.ok(
      fake.requests.some((request) => request.startsWith('PATCH ')),
      'no branch is reset',
    );
    assert.equal(fake.problems, []);
  } finally {
    await fake.close();
  }
});

/** Writes a payload into the repository's folder and runs intake on it. */
async function intakeOf(dir: string, fake: FakeGitHub, name: string, payload: unknown) {
  const path = join(dir, name);
  writeFileSync(path, JSON.stringify(payload));
  return runCliCapturing(['intake', '--payload', path, '--at', '2026-03-01T10:05:00Z', '--pull-request', '--format', 'json', '--root', dir], {
    env: envOf(fake),
  });
}

pulls('runs at once never give out one id: each new incident reserves its id by creating a ref', async () => {
  const fake = await FakeGitHub.start({ owner: 'acme', repo: 'incidents', number: 1, author: 'someone', headSha: 'b'.repeat(40) });
  try {
    const dir = repository();
    const runs = await Promise.all([41, 42, 43].map((number) => intakeOf(dir, fake, `event-${number}.json`, issueEvent({ number }))));
    for (const run of runs) assert.is(run.code, 0, run.stderr);
    const files = fake.pulls.flatMap((pull) => pull.files).sort();
    assert.equal(files, ['incidents/INC-2026-0001.md', 'incidents/INC-2026-0002.md', 'incidents/INC-2026-0003.md']);
    assert.equal([...fake.branches.keys()].filter((name) => name.startsWith('incidents-intake/ids/')).sort(), [
      'incidents-intake/ids/INC-2026-0001',
      'incidents-intake/ids/INC-2026-0002',
      'incidents-intake/ids/INC-2026-0003',
    ]);
    assert.equal(fake.problems, []);
  } finally {
    await fake.close();
  }
});

pulls('runs at once for one key share its branch: nothing is reset, every commit stays, one pull request', async () => {
  const fake = await FakeGitHub.start({ owner: 'acme', repo: 'incidents', number: 1, author: 'someone', headSha: 'b'.repeat(40) });
  try {
    const dir = repository();
    const payloads = [1, 2, 3].map((n) => {
      const body = fixture<{ groupKey: string; alerts: Record<string, unknown>[] }>('alertmanager-firing.json');
      body.groupKey = `{}:{instance="checkout-${n}"}`;
      body.alerts = body.alerts.slice(0, 1);
      return body;
    });
    const paths = payloads.map((payload, index) => {
      const path = join(dir, `group-${index}.json`);
      writeFileSync(path, JSON.stringify(payload));
      return path;
    });
    const runs = await Promise.all(paths.map((path) => intake(dir, fake, path, '2026-03-01T10:05:00Z')));
    for (const run of runs) assert.is(run.code, 0, run.stderr);
    const created = runs.flatMap((run) => run.json!.created);
    assert.is(created.length, 3);
    assert.is(new Set(created.map(({ id }) => id)).size, 3, 'three ids');
    assert.is(fake.pulls.length, 1, 'one pull request for the key');
    assert.equal(
      created.map(({ pull_request }) => pull_request.number),
      [200, 200, 200],
    );
    const branch = fake.branches.get(fake.pulls[0]!.head)!;
    assert.equal([...branch.files.keys()].sort(), created.map(({ id }) => `incidents/${id}.md`).sort(), "every run's commit is on the branch");
    assert.not.ok(
      fake.requests.some((request) => request.startsWith('PATCH ')),
      'no branch is reset',
    );
    assert.equal(fake.problems, []);
  } finally {
    await fake.close();
  }
});

pulls.run();
