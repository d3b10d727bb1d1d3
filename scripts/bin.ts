/** The `incidents` command (bundled as dist/incidents.js): runs the CLI on this process. */
import { isMainThread } from 'node:worker_threads';
import { runCli } from './cli.js';

// The bundle also starts the threads that check record files (io/check-in-threads.ts): those run no command.
if (isMainThread)
  process.exitCode = await runCli(process.argv.slice(2), {
    cwd: process.cwd(),
    env: process.env,
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
  });
