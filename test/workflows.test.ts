import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { parse } from 'yaml';

const WORKFLOWS = fileURLToPath(new URL('../.github/workflows/', import.meta.url));

interface Workflow {
  on: Record<string, unknown>;
  permissions?: Record<string, string>;
  jobs: Record<string, { permissions?: unknown; steps: { uses?: string; run?: string }[] }>;
}

const workflows = suite('workflows');
const files = readdirSync(WORKFLOWS).filter((name) => name.endsWith('.yml'));

for (const name of files) {
  const workflow = parse(readFileSync(`${WORKFLOWS}${name}`, 'utf8')) as Workflow;
  const steps = Object.values(workflow.jobs).flatMap((job) => job.steps);

  workflows(`${name}: every action is pinned by a full commit SHA`, () => {
    const unpinned = steps.filter((step) => step.uses && !step.uses.startsWith('./') && !/@[0-9a-f]{40}$/.test(step.uses));
    assert.equal(unpinned.map((step) => step.uses), []);
  });

  workflows(`${name}: declares its permissions at the top`, () => {
    assert.type(workflow.permissions, 'object');
  });
}

workflows('validate.yml runs on pull requests with read-only contents and reports as annotations', () => {
  const workflow = parse(readFileSync(`${WORKFLOWS}validate.yml`, 'utf8')) as Workflow;
  assert.ok('pull_request' in workflow.on);
  assert.equal(workflow.permissions, { contents: 'read' });
  assert.ok(Object.values(workflow.jobs).every((job) => job.permissions === undefined), 'no job widens the permissions');
  const runs = Object.values(workflow.jobs).flatMap((job) => job.steps.map((step) => step.run ?? ''));
  assert.ok(runs.some((run) => /incidents(\.js)? validate --format github/.test(run)));
});

workflows.run();
