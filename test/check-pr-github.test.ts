import { mkdtempSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { FakeGitHub, type FakeReview } from './helpers/fake-github.js';
import { applyEdits, git, makePullRequestRepo, type FileEdits } from './helpers/git-repo.js';
import { BASE, CLOSE_INC2, edit, INC1, maintenance, read, RESOLVE_INC1, runCheckPr, updateInc1 } from './helpers/pull-request-cases.js';
import { PRB1, problemAt } from './helpers/problem-cases.js';

/** A problem on the api service recorded after its fix, so it enters resolved. */
const RESOLVED_PROBLEM = { [PRB1]: problemAt('resolved') };

const OWNER = 'acme';
const REPO = 'incidents';
const NUMBER = 7;

/** GitHub's example webhook payloads, from @octokit/webhooks-examples. */
/** The parts of a pull_request_review example that the tests set. */
interface ReviewExample {
  action: string;
  pull_request: { number: number; base: { repo: { full_name: string } }; head: { repo: { full_name: string } } };
}

const WEBHOOKS = createRequire(import.meta.url)('@octokit/webhooks-examples') as { name: string; examples: ReviewExample[] }[];

/**
 * A pull_request_review event payload, as Actions writes it to GITHUB_EVENT_PATH: GitHub's own
 * example, pointed at our pull request (and at a fork, when asked).
 */
function eventFile({ fromFork = false } = {}): string {
  const example = structuredClone(
    WEBHOOKS.find((webhook) => webhook.name === 'pull_request_review')!.examples.find((payload) => payload.action === 'submitted')!,
  );
  example.pull_request.number = NUMBER;
  example.pull_request.base.repo.full_name = `${OWNER}/${REPO}`;
  example.pull_request.head.repo.full_name = fromFork ? `someone/${REPO}` : `${OWNER}/${REPO}`;
  const path = join(mkdtempSync(join(tmpdir(), 'incidents-event-')), 'event.json');
  writeFileSync(path, JSON.stringify(example));
  return path;
}

/** The environment Actions gives a step, pointed at the fake. */
function actionsEnv(github: FakeGitHub, options: { fromFork?: boolean; apiUrl?: string } = {}): Record<string, string> {
  return {
    GITHUB_API_URL: options.apiUrl ?? github.url,
    GITHUB_REPOSITORY: `${OWNER}/${REPO}`,
    GITHUB_EVENT_PATH: eventFile(options),
    GITHUB_TOKEN: github.token,
  };
}

interface Case {
  name: string;
  /** The pull request's change; resolving INC-2026-0001 (service api) by default. */
  head?: FileEdits;
  author?: string;
  /** The reviews, given the head and base commits. */
  reviews: (commits: { head: string; base: string }) => FakeReview[];
  /** Set up the fake before the run. */
  setup?: (github: FakeGitHub) => void;
  fromFork?: boolean;
  approved: boolean;
  /** A part of the approval finding's message, when not approved. */
  message?: RegExp;
}

const approve = (login: string, commitId: string): FakeReview => ({ login, state: 'APPROVED', commitId });

/** Whose review approves a resolution, and whose does not (docs/reference.md, Approvals). */
const CASES: Case[] = [
  { name: 'an approver approves the head commit', reviews: ({ head }) => [approve('bob', head)], approved: true },
  { name: 'logins compare case-insensitively', reviews: ({ head }) => [approve('Bob', head)], approved: true },
  { name: "an affected service's approver approves", reviews: ({ head }) => [approve('api-lead', head)], approved: true },
  {
    name: 'a comment after an approval changes nothing',
    reviews: ({ head }) => [approve('bob', head), { login: 'bob', state: 'COMMENTED', commitId: head }],
    approved: true,
  },
  {
    name: 'the author approves their own resolution',
    author: 'alice',
    reviews: ({ head }) => [approve('alice', head)],
    approved: false,
    message: /@alice approved, but is the author/,
  },
  { name: 'an approval of an older commit', reviews: ({ base }) => [approve('bob', base)], approved: false, message: /@bob approved an older commit/ },
  {
    name: 'an approval, then changes requested',
    reviews: ({ head }) => [approve('bob', head), { login: 'bob', state: 'CHANGES_REQUESTED', commitId: head }],
    approved: false,
    message: /@bob's latest review is changes requested/,
  },
  {
    name: 'a dismissed approval',
    reviews: ({ head }) => [{ login: 'bob', state: 'DISMISSED', commitId: head }],
    approved: false,
    message: /@bob's latest review is dismissed/,
  },
  {
    name: 'an approval by someone who is not an approver',
    reviews: ({ head }) => [approve('carol', head)],
    approved: false,
    message: /@carol approved, but is not an approver/,
  },
  { name: 'no reviews at all', reviews: () => [], approved: false, message: /no one has approved yet/ },
  {
    name: 'an approval on the second page of reviews',
    reviews: ({ head }) => [...Array.from({ length: 100 }, () => ({ login: 'carol', state: 'COMMENTED' as const, commitId: head })), approve('bob', head)],
    approved: true,
  },
  { name: 'a pull request from a fork is judged the same', fromFork: true, reviews: ({ head }) => [approve('bob', head)], approved: true },
  {
    name: 'approvers added by the pull request itself do not count',
    head: { ...RESOLVE_INC1, ...edit('incidents.config.yml', ['default: ["@alice", "@bob"]', 'default: ["@alice", "@bob", "@mallory"]']) },
    reviews: ({ head }) => [approve('mallory', head)],
    approved: false,
    message: /@mallory approved, but is not an approver/,
  },
  { name: 'a close needs an approval too', head: CLOSE_INC2, reviews: ({ head }) => [approve('alice', head)], approved: true },
  { name: "a problem's resolution: a default approver approves", head: RESOLVED_PROBLEM, reviews: ({ head }) => [approve('alice', head)], approved: true },
  {
    name: "a problem's resolution: its service's approver approves",
    head: RESOLVED_PROBLEM,
    reviews: ({ head }) => [approve('api-lead', head)],
    approved: true,
  },
  {
    name: "a problem's resolution: the author cannot approve it",
    head: RESOLVED_PROBLEM,
    author: 'bob',
    reviews: ({ head }) => [approve('bob', head)],
    approved: false,
    message: /^Entering resolved needs an approving review from one of @alice, @bob, @api-lead, .*@bob approved, but is the author/,
  },
  { name: 'two 500s, then the API answers', reviews: ({ head }) => [approve('bob', head)], setup: (github) => (github.failNext = 2), approved: true },
  {
    name: 'a secondary rate limit, then the API answers',
    reviews: ({ head }) => [approve('bob', head)],
    setup: (github) => (github.rateLimitNext = 1),
    approved: true,
  },
  {
    name: 'a request that never answers is cut off and retried',
    reviews: ({ head }) => [approve('bob', head)],
    setup: (github) => (github.faults = ['hang']),
    approved: true,
  },
  { name: 'a 502, then the API answers', reviews: ({ head }) => [approve('bob', head)], setup: (github) => (github.faults = ['502']), approved: true },
  {
    name: 'the rate limit spent: it waits for the reset, then reads',
    reviews: ({ head }) => [approve('bob', head)],
    setup: (github) => (github.faults = ['rate-limit']),
    approved: true,
  },
  {
    name: 'an answer that is not JSON: no resolution passes, and the message names the call',
    reviews: ({ head }) => [approve('bob', head)],
    setup: (github) => (github.faults = ['invalid-json']),
    approved: false,
    message: /GET \/repos\/[^/]+\/[^/]+\/pulls\/7 answered with something that is not a pull request's JSON.*so no approval can be proven/,
  },
  {
    name: 'requests that never answer, every time: no resolution passes, and the message names the call',
    reviews: ({ head }) => [approve('bob', head)],
    setup: (github) => (github.faults = Array(10).fill('hang')),
    approved: false,
    message: /GET \/repos\/[^/]+\/[^/]+\/pulls\/7: HTTP 500.*abort.*so no approval can be proven/i,
  },
  {
    name: 'the API keeps failing: no resolution passes',
    reviews: ({ head }) => [approve('bob', head)],
    setup: (github) => (github.failNext = 100),
    approved: false,
    message: /could not be read from http:\/\/127\.0\.0\.1:\d+ \(GET \/repos\/[^/]+\/[^/]+\/pulls\/7: HTTP 500.*so no approval can be proven/,
  },
  {
    name: 'the pull request moved on since this commit',
    reviews: ({ head }) => [approve('bob', head)],
    setup: (github) => (github.pull.headSha = 'f'.repeat(40)),
    approved: false,
    message: /head is now fffffff, but this run checked/,
  },
];

const reviews = suite('check-pr: approvals read from a fake GitHub checked against its OpenAPI description');

type Repo = ReturnType<typeof makePullRequestRepo>;

/** A fake GitHub for pull request #7, authored by `author`, whose head is the repository's pr branch. */
async function fakeFor(repo: Repo, author = 'dave'): Promise<FakeGitHub> {
  return FakeGitHub.start({ owner: OWNER, repo: REPO, number: NUMBER, author, headSha: repo.headSha });
}

/** Makes a repository whose pr branch has `head`, and runs a test against a fake GitHub for it, stopped afterwards. */
async function withFakeGitHub(head: FileEdits, test: (github: FakeGitHub, repo: Repo) => Promise<void>, author?: string): Promise<void> {
  const repo = makePullRequestRepo(BASE, {}, head);
  const github = await fakeFor(repo, author);
  try {
    await test(github, repo);
  } finally {
    await github.close();
  }
}

for (const testCase of CASES) {
  reviews(testCase.name, () =>
    withFakeGitHub(
      testCase.head ?? RESOLVE_INC1,
      async (github, repo) => {
        github.reviews = testCase.reviews({ head: repo.headSha, base: repo.baseSha });
        testCase.setup?.(github);
        const result = await runCheckPr(repo.dir, actionsEnv(github, { fromFork: testCase.fromFork }));
        assert.is(result.verdict.approved, testCase.approved, JSON.stringify(result.verdict.findings, null, 2));
        assert.is(result.code, testCase.approved ? 0 : 1);
        const approval = result.verdict.findings.filter((finding) => finding.rule === 'lifecycle/approval');
        if (testCase.message) assert.match(approval[0]?.message ?? '', testCase.message);
        else assert.equal(approval, []);
        assert.equal(github.problems, []);
      },
      testCase.author,
    ),
  );
}

reviews('a reduction needs the same approval as a resolution, and an approver gives it', () =>
  withFakeGitHub(edit(INC1, ['visibility: public', 'visibility: public\ndrill: true']), async (github, repo) => {
    github.reviews = [approve('carol', repo.headSha)];
    const refused = await runCheckPr(repo.dir, actionsEnv(github));
    assert.is(refused.verdict.approved, false);
    assert.match(
      refused.verdict.findings[0]!.message,
      /^Marking it a drill needs an approving review from one of @alice, @bob, @api-lead, .*@carol approved, but is not an approver/,
    );
    github.reviews = [approve('bob', repo.headSha)];
    const approved = await runCheckPr(repo.dir, actionsEnv(github));
    assert.is(approved.verdict.approved, true, JSON.stringify(approved.verdict.findings));
    assert.is(approved.code, 0);
  }),
);

reviews("a service added by the pull request that resolves the incident does not choose its approvers: the base's services do", async () => {
  // On main, INC-2026-0001 affects web; the pull request moves it to api (whose lead approves) and resolves it.
  const repo = makePullRequestRepo(BASE, edit(INC1, ['  - id: api', '  - id: web']), RESOLVE_INC1);
  const github = await fakeFor(repo);
  try {
    github.reviews = [approve('api-lead', repo.headSha)];
    const result = await runCheckPr(repo.dir, actionsEnv(github));
    assert.is(result.verdict.approved, false);
    assert.match(
      result.verdict.findings.find((finding) => finding.rule === 'lifecycle/approval')!.message,
      /from one of @alice, @bob, on .*@api-lead approved, but is not an approver/,
    );
  } finally {
    await github.close();
  }
});

reviews('the approvers are those of --base as it is now, not of the merge base: one removed on main no longer approves', async () => {
  const repo = makePullRequestRepo(BASE, {}, RESOLVE_INC1);
  git(repo.dir, 'checkout', '-q', 'main');
  applyEdits(repo.dir, edit('incidents.config.yml', ['default: ["@alice", "@bob"]', 'default: ["@alice"]']));
  git(repo.dir, 'commit', '-q', '-am', 'bob is no longer an approver');
  git(repo.dir, 'checkout', '-q', 'pr');
  const github = await fakeFor(repo);
  try {
    github.reviews = [approve('bob', repo.headSha)];
    const result = await runCheckPr(repo.dir, actionsEnv(github));
    assert.is(result.verdict.approved, false);
    assert.match(result.verdict.findings[0]!.message, /from one of @alice, @api-lead, .*@bob approved, but is not an approver/);
  } finally {
    await github.close();
  }
});

reviews('an approval on the second page is found by following the Link header', () =>
  withFakeGitHub(RESOLVE_INC1, async (github, repo) => {
    github.reviews = [
      ...Array.from({ length: 100 }, () => ({ login: 'carol', state: 'COMMENTED' as const, commitId: repo.headSha })),
      approve('bob', repo.headSha),
    ];
    await runCheckPr(repo.dir, actionsEnv(github));
    assert.ok(
      github.requests.some((request) => /\/reviews\?.*page=2/.test(request)),
      github.requests.join('\n'),
    );
  }),
);

reviews('the API unreachable (nothing listening): no resolution passes, and the message says why', async () => {
  const repo = makePullRequestRepo(BASE, {}, RESOLVE_INC1);
  const github = await fakeFor(repo);
  const env = actionsEnv(github);
  await github.close();
  const result = await runCheckPr(repo.dir, env);
  assert.is(result.code, 1);
  assert.is(result.verdict.approved, false);
  assert.match(result.verdict.findings[0]!.message, /could not be read from http:\/\/127\.0\.0\.1:\d+ \(.+\), so no approval can be proven/);
});

reviews('the token comes from the Action input when GITHUB_TOKEN is not set', () =>
  withFakeGitHub(RESOLVE_INC1, async (github, repo) => {
    github.reviews = [approve('bob', repo.headSha)];
    const { GITHUB_TOKEN, ...env } = actionsEnv(github);
    const result = await runCheckPr(repo.dir, { ...env, 'INPUT_GITHUB-TOKEN': GITHUB_TOKEN! });
    assert.is(result.verdict.approved, true);
  }),
);

const comments = suite('check-pr: the sticky pull-request comment');

comments('one comment, created once and then updated in place', () =>
  withFakeGitHub(RESOLVE_INC1, async (github, repo) => {
    github.comments.push({ id: 1, login: 'carol', type: 'User', body: 'Looks good to me' });
    await runCheckPr(repo.dir, actionsEnv(github));
    assert.is(github.comments.length, 2);
    assert.match(github.comments[1]!.body, /The incident gate fails: 1 error/);
    assert.match(github.comments[1]!.body, /A change in this pull request still needs an approval/);

    github.reviews = [approve('bob', repo.headSha)];
    await runCheckPr(repo.dir, actionsEnv(github));
    assert.is(github.comments.length, 2, 'updated, not duplicated');
    assert.match(github.comments[1]!.body, /The incident gate passes/);
    assert.ok(github.requests.some((request) => request.startsWith('PATCH /repos/acme/incidents/issues/comments/')));
    assert.is(github.comments[0]!.body, 'Looks good to me', "someone else's comment is left alone");
    assert.equal(github.problems, []);
  }),
);

comments('a comment with the marker written by a person is not taken over', () =>
  withFakeGitHub(RESOLVE_INC1, async (github, repo) => {
    github.comments.push({ id: 1, login: 'mallory', type: 'User', body: '<!-- incidents-as-code:check-pr -->\nApproved!' });
    await runCheckPr(repo.dir, actionsEnv(github));
    assert.is(github.comments[0]!.body, '<!-- incidents-as-code:check-pr -->\nApproved!');
    assert.is(github.comments.length, 2);
  }),
);

comments('a pull request from a fork: no comment, the verdict still comes', () =>
  withFakeGitHub(RESOLVE_INC1, async (github, repo) => {
    github.readOnly = true;
    github.reviews = [approve('bob', repo.headSha)];
    const result = await runCheckPr(repo.dir, actionsEnv(github, { fromFork: true }));
    assert.is(result.code, 0);
    assert.is(result.verdict.approved, true);
    assert.match(result.stderr, /from a fork gets a read-only token, so the gate writes no comment/);
    assert.not.ok(
      github.requests.some((request) => !request.startsWith('GET ')),
      'nothing written',
    );
  }),
);

comments('a token that cannot write: the verdict stands, and the log says the comment failed', () =>
  withFakeGitHub({ [INC1]: `${read(INC1)}More notes.\n` }, async (github, repo) => {
    github.readOnly = true;
    const result = await runCheckPr(repo.dir, actionsEnv(github));
    assert.is(result.code, 0);
    assert.match(result.stderr, /comment could not be written \((?:POST|PATCH) \/repos\/\S+: HTTP 403: Resource not accessible by integration/);
  }),
);

comments('a pull request that changes no record gets no comment', () =>
  withFakeGitHub({ 'README.md': 'A readme.\n' }, async (github, repo) => {
    const result = await runCheckPr(repo.dir, actionsEnv(github));
    assert.is(result.code, 0);
    assert.equal(github.comments, []);
  }),
);

// ---------------------------------------------------------------------------------------------
const publishes = suite('check-pr: the comment shows what merging publishes');

/** A new incident on the reports service with `count` updates of `message`. */
function newIncident({ visibility = 'public', message = 'Exports fail for some customers.', count = 1 } = {}): FileEdits {
  const updates = Array.from(
    { length: count },
    (_, index) => `  - at: 2026-03-02T${String(10 + index).padStart(2, '0')}:05:00Z\n    status: investigating\n    message: ${JSON.stringify(message)}`,
  );
  return {
    'incidents/INC-2026-0004.md': `---
id: INC-2026-0004
title: Exports fail
type: incident
status: investigating
impact: low
urgency: high
priority: P3
services:
  - id: reports
    status: degraded_performance
visibility: ${visibility}
reported_at: 2026-03-02T10:00:00Z
acknowledged_at: 2026-03-02T10:05:00Z
updates:
${updates.join('\n')}
---
Working notes.
`,
  };
}

const HOSTILE =
  '**Fixed** <img src=x onerror=alert(1)> ![](https://tracker.example/pixel.gif) [click](javascript:alert(3)) thanks @alice and @acme/oncall\n\n::error::injected\n\n<details><summary>more</summary>hidden</details>';

/** The section of the comment under its heading. */
const sectionOf = (body: string) => body.slice(body.indexOf('### What this publishes'));

const PUBLISHES_CASES: { name: string; head: FileEdits; shows: (string | RegExp)[]; never?: RegExp[] }[] = [
  {
    name: 'a resolution: the update as it will read, and the service back to operational',
    head: RESOLVE_INC1,
    shows: [
      '**New updates**, as they will read',
      'API errors for card payments (INC\\-2026\\-0001) · **Resolved** · 1 Mar 2026, 11:00 GMT',
      '> Card payments work again\\.',
      '- API: partial outage → operational',
    ],
  },
  {
    name: 'a new public incident',
    head: newIncident(),
    shows: [
      '**New incidents**',
      '- Exports fail (INC\\-2026\\-0004): investigating, since 2 Mar 2026, 10:00 GMT; Reports: degraded performance',
      '> Exports fail for some customers\\.',
      '- Reports: operational → degraded performance',
    ],
  },
  {
    name: 'a component change an update records',
    head: updateInc1('Card payments fail for everyone now.', 'major_outage'),
    shows: ['Shown with it: API: partial outage → major outage', '- API: partial outage → major outage'],
  },
  {
    name: 'a maintenance scheduled',
    head: maintenance(),
    shows: ['**Maintenances**', '- Reports database upgrade (INC\\-2026\\-0004, new): scheduled, 5 Dec 2026, 06:00 GMT to 5 Dec 2026, 08:00 GMT; Reports'],
  },
  {
    name: 'an internal incident: nothing public changes',
    head: newIncident({ visibility: 'internal' }),
    shows: ['Nothing public changes: merging this shows the public nothing new.'],
  },
  { name: 'a note in the body: nothing public changes', head: { [INC1]: `${read(INC1)}More notes.\n` }, shows: ['Nothing public changes'] },
  {
    name: 'a head with errors: the preview waits for them to be fixed',
    head: edit(INC1, ['status: investigating\nimpact', 'status: sideways\nimpact']),
    shows: ['Not shown while the records have errors'],
  },
  {
    name: 'a hostile message shows as text: no HTML, image, link, mention or workflow command',
    head: updateInc1(HOSTILE),
    shows: ['> Fixed   click thanks \\@\u2060alice and \\@\u2060acme\\/oncall\n>\n> \\:\\:error\\:\\:injected\n'],
    never: [/</, /!\[/, /\]\(/, /@(?!\u2060)\w/, /^::/m, /javascript/, /tracker/, /\*\*Fixed/],
  },
];

for (const { name, head, shows, never = [] } of PUBLISHES_CASES) {
  publishes(name, () =>
    withFakeGitHub(head, async (github, repo) => {
      await runCheckPr(repo.dir, actionsEnv(github));
      assert.is(github.comments.length, 1);
      const section = sectionOf(github.comments[0]!.body);
      for (const text of shows) assert.ok(typeof text === 'string' ? section.includes(text) : text.test(section), `${text} in:\n${section}`);
      for (const pattern of never) assert.not.match(section, pattern);
      assert.equal(github.problems, []);
    }),
  );
}

publishes("a comment beyond GitHub's 65,536 characters is cut at a line, and says so", () =>
  withFakeGitHub(newIncident({ count: 12, message: `${'Exports are slow; we are on it. '.repeat(280)}The end.` }), async (github, repo) => {
    const result = await runCheckPr(repo.dir, actionsEnv(github));
    const body = github.comments[0]!.body;
    assert.ok(body.length <= 65_536, String(body.length));
    assert.ok(body.length > 60_000, `the room is used: ${body.length}\n${body.slice(0, 2000)}`);
    assert.match(body, /\n\n_This comment is cut short: GitHub takes at most 65,536 characters\. `incidents check-pr --format json` lists everything\._\n$/);
    assert.is((result.verdict as unknown as { publishes: { updates: unknown[] } }).publishes.updates.length, 12, 'the JSON has every update');
  }),
);

reviews.run();
comments.run();
publishes.run();
