/** The GitHub Action (action.yml runs its bundle, dist/action.js): the inputs, then the command. */
import { runCli } from './cli.js';
import { readActionInputs } from './io/github/action-inputs.js';
import { formatError } from './io/github/annotations.js';

const inputs = readActionInputs(process.env);
if ('error' in inputs) {
  process.stdout.write(`${formatError('incidents-as-code', inputs.error)}\n`);
  process.exitCode = 2;
} else {
  process.exitCode = await runCli(inputs.argv, {
    cwd: process.cwd(),
    env: inputs.env,
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
  });
}
