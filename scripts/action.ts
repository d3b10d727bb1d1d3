/** The GitHub Action (action.yml runs its bundle, dist/action.js): the inputs, then the command, reporting through @actions/core. */
import { isMainThread } from 'node:worker_threads';
import * as core from '@actions/core';
import { runCli } from './cli.js';
import { EXIT } from './commands/context.js';
import { toActionInvocation } from './io/github/action-inputs.js';
import { actionsCoreSink } from './io/github/actions-core.js';

/**
 * Reads the inputs, runs the command and sets the exit code: 0 clean, 1 findings, 2 a bad input or
 * an error. A bad input is an error annotation (core.error escapes it, so no input can inject a
 * workflow command), not core.setFailed, which would exit 1 as findings do.
 */
async function run(): Promise<void> {
  const invocation = toActionInvocation(
    { command: core.getInput('command'), root: core.getInput('root'), githubToken: core.getInput('github-token') },
    process.env,
  );
  if ('error' in invocation) {
    core.error(invocation.error, { title: 'incidents-as-code' });
    process.exitCode = EXIT.error;
    return;
  }
  process.exitCode = await runCli(invocation.argv, {
    cwd: process.cwd(),
    env: invocation.env,
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    github: actionsCoreSink(),
  });
}

// The bundle also starts the threads that check record files (io/check-in-threads.ts): those run no command.
if (isMainThread) await run();
