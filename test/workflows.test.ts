import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { parse } from 'yaml';
import { actionlint, securityProblems, type Workflow } from './helpers/workflow-security.js';

const WORKFLOWS = fileURLToPath(new URL('../.github/workflows/', import.meta.url));

const workflows = suite('workflows');
const files = readdirSync(WORKFLOWS).filter((name) => name.endsWith('.yml'));

/** Each unsafe pattern, in a workflow that has only it, and the problem securityProblems must name. */
const UNSAFE: [string, string, RegExp][] = [
  [
    'an action pinned by a tag',
    'on: push\npermissions: {}\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/setup-node@v4\n',
    /^unpinned: actions\/setup-node@v4$/,
  ],
  ['no top-level permissions', 'on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo hi\n', /^no top-level permissions$/],
  [
    'pull_request_target checking out the head',
    'on: pull_request_target\npermissions: {}\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@08c6903cd8c0fde910a37f88322edcfb5dd907a8\n        with: {ref: "${{ github.event.pull_request.head.sha }}", persist-credentials: false}\n',
    /^pull_request_target checks out the pull request's head/,
  ],
  [
    'event text in a run script',
    'on: issues\npermissions: {}\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo "${{ github.event.issue.title }}"\n',
    /^an expression in run: echo/,
  ],
  [
    'a checkout that keeps the token',
    'on: push\npermissions: {}\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@08c6903cd8c0fde910a37f88322edcfb5dd907a8\n',
    /^checkout keeps the token/,
  ],
];

for (const [name, text, problem] of UNSAFE) {
  workflows(`the security check catches ${name}`, () => {
    const problems = securityProblems(text);
    assert.is(problems.length, 1, problems.join('; '));
    assert.match(problems[0]!, problem);
  });
}

workflows('actionlint runs offline and finds event text in a run script', async () => {
  const found = await actionlint(UNSAFE[3]![1], 'unsafe.yml');
  assert.equal(found.length, 1);
  assert.match(found[0]!, /^7:\d+ expression: "github\.event\.issue\.title" is potentially untrusted/);
});

for (const name of files) {
  const text = readFileSync(`${WORKFLOWS}${name}`, 'utf8');

  workflows(`${name}: pinned actions, top-level permissions, no expressions in scripts, no token left behind`, () => {
    assert.equal(securityProblems(text), []);
  });

  workflows(`${name}: actionlint finds nothing`, async () => {
    assert.equal(await actionlint(text, `.github/workflows/${name}`), []);
  });
}

workflows('validate.yml runs on pull requests with read-only contents and reports as annotations', () => {
  const workflow = parse(readFileSync(`${WORKFLOWS}validate.yml`, 'utf8')) as Workflow;
  assert.ok('pull_request' in workflow.on);
  assert.equal(workflow.permissions, { contents: 'read' });
  assert.ok(
    Object.values(workflow.jobs).every((job) => job.permissions === undefined),
    'no job widens the permissions',
  );
  const steps = Object.values(workflow.jobs).flatMap((job) => job.steps);
  assert.ok(
    steps.some((step) => step.uses === './' && step.with?.command === 'validate'),
    "runs this repository's Action",
  );
});

workflows('incident-pr.yml: the gate runs on pull requests and reviews, with least privilege', () => {
  const workflow = parse(readFileSync(`${WORKFLOWS}incident-pr.yml`, 'utf8')) as Workflow;
  assert.equal(Object.keys(workflow.on).sort(), ['pull_request', 'pull_request_review']);
  assert.equal(workflow.permissions, {}, 'nothing at the top');
  const jobs = Object.values(workflow.jobs);
  assert.equal(
    jobs.map((job) => job.permissions),
    [{ contents: 'read', 'pull-requests': 'write' }],
  );
  const steps = jobs.flatMap((job) => job.steps);
  assert.ok(
    steps.some((step) => step.uses?.startsWith('actions/checkout@') && step.with?.['fetch-depth'] === 0),
    'full history, for the merge base',
  );
  assert.ok(
    steps.some((step) => step.uses === './' && step.with?.command === 'check-pr'),
    "runs this repository's Action",
  );
});

workflows('sla.yml: its own schedule, issues: write only on the job that posts', () => {
  const workflow = parse(readFileSync(`${WORKFLOWS}sla.yml`, 'utf8')) as Workflow;
  assert.ok('schedule' in workflow.on);
  assert.equal(workflow.permissions, {});
  const jobs = Object.values(workflow.jobs);
  assert.equal(
    jobs.map((job) => job.permissions),
    [{ contents: 'read', issues: 'write' }],
  );
  assert.ok(jobs[0]!.steps.some((step) => step.uses === './' && step.with?.command === 'sla --notify'));
});

workflows('sla.yml: puts the internal report in the job summary, even after a breach, and publishes nothing', () => {
  const workflow = parse(readFileSync(`${WORKFLOWS}sla.yml`, 'utf8')) as Workflow;
  const steps = Object.values(workflow.jobs).flatMap((job) => job.steps);
  const report = steps.find((step) => step.with?.command === 'report');
  assert.ok(report, 'a report step');
  assert.is(report!.uses, './');
  assert.is((report as { if?: string }).if, 'always()');
  assert.not.ok(
    steps.some((step) => step.uses?.includes('pages')),
    'nothing is uploaded',
  );
});

workflows('the status-page workflow never runs the report', () => {
  const workflow = parse(readFileSync(`${WORKFLOWS}status-page.yml`, 'utf8')) as Workflow;
  const commands = Object.values(workflow.jobs)
    .flatMap((job) => job.steps)
    .map((step) => `${step.with?.command ?? ''} ${step.run ?? ''}`);
  assert.not.ok(
    commands.some((command) => /report/.test(command)),
    'no step runs report',
  );
});

workflows('status-page.yml: builds on push to main and on a schedule, deploys to Pages with least privilege', () => {
  const workflow = parse(readFileSync(`${WORKFLOWS}status-page.yml`, 'utf8')) as Workflow & {
    concurrency: { group: string };
    jobs: Record<string, { needs?: string }>;
  };
  assert.equal(Object.keys(workflow.on).sort(), ['push', 'schedule', 'workflow_dispatch']);
  assert.equal((workflow.on.push as { branches: string[] }).branches, ['main']);
  assert.equal(workflow.permissions, {}, 'nothing at the top');
  assert.is(workflow.concurrency.group, 'pages');
  assert.equal(workflow.jobs.build!.permissions, { contents: 'read' });
  assert.equal(workflow.jobs.deploy!.permissions, { pages: 'write', 'id-token': 'write' });
  assert.is(workflow.jobs.deploy!.needs, 'build');
  const built = workflow.jobs.build!.steps;
  assert.ok(
    built.some((step) => step.uses === './' && step.with?.command === 'build'),
    "runs this repository's Action",
  );
  assert.ok(
    built.some((step) => step.uses?.startsWith('actions/upload-pages-artifact@') && step.with?.path === 'site'),
    'uploads the built site only',
  );
  assert.ok(workflow.jobs.deploy!.steps.some((step) => step.uses?.startsWith('actions/deploy-pages@')));
});

workflows('status-page.yml: announces after the deploy, with its secrets only in the step env, from repository secrets', () => {
  const workflow = parse(readFileSync(`${WORKFLOWS}status-page.yml`, 'utf8')) as Workflow & { jobs: Record<string, { needs?: string; env?: unknown }> };
  const job = workflow.jobs.announce!;
  assert.is(job.needs, 'deploy', 'links in announcements work once the page is deployed');
  assert.equal(job.permissions, { contents: 'write' }, 'only the state branch is written');
  assert.is(job.env, undefined, 'no secret at the job level');
  const step = job.steps.find((candidate) => candidate.uses === './' && candidate.with?.command === 'announce');
  assert.ok(step, 'runs announce through the Action');
  const env = Object.entries(step!.env ?? {});
  assert.ok(env.length > 0);
  for (const [name, value] of env) assert.is(value, `\${{ secrets.${name} }}`, `${name} comes from the repository secret of its name`);
  assert.ok(
    job.steps.every((step) => step.run === undefined),
    'no script sees the secrets',
  );
});

workflows('intake.yml: on incident-alert dispatches and reported issues, contents and pull-requests write only, one run per alert group', () => {
  const workflow = parse(readFileSync(`${WORKFLOWS}intake.yml`, 'utf8')) as Workflow & {
    concurrency: { group: string; 'cancel-in-progress': boolean };
    jobs: Record<string, { if?: string }>;
  };
  assert.equal(workflow.on, { repository_dispatch: { types: ['incident-alert'] }, issues: { types: ['opened'] } });
  assert.equal(workflow.permissions, {}, 'nothing at the top');
  const jobs = Object.values(workflow.jobs);
  assert.equal(
    jobs.map((job) => job.permissions),
    [{ contents: 'write', 'pull-requests': 'write' }],
  );
  assert.match(jobs[0]!.if!, /contains\(github\.event\.issue\.labels\.\*\.name, 'incident-report'\)/);
  assert.match(
    jobs[0]!.if!,
    /contains\(fromJSON\('\["OWNER", "MEMBER", "COLLABORATOR"\]'\), github\.event\.issue\.author_association\)/,
    'a report from someone outside the repository opens nothing',
  );
  assert.is(workflow.concurrency.group, 'intake-${{ github.event.client_payload.payload.groupKey || github.event.issue.number }}');
  assert.is(workflow.concurrency['cancel-in-progress'], false);
  const steps = jobs.flatMap((job) => job.steps);
  assert.ok(
    steps.some((step) => step.uses === './' && step.with?.command === 'intake --pull-request'),
    "runs this repository's Action",
  );
  assert.not.ok(
    steps.some((step) => step.run !== undefined),
    'no script at all: the payload reaches no shell',
  );
});

workflows.run();
