/** The GitHub Action (action.yml runs its bundle, dist/action.js): the inputs, then the command. */
import { runCli } from './cli.js';
import { readActionInputs } from './io/action-inputs.js';

const inputs = readActionInputs(process.env);
if ('error' in inputs) {
  process.stdout.write(`::error title=incidents-as-code::${inputs.error}\n`);
  process.exitCode = 2;
} else {
  process.exitCode = await runCli(inputs.argv, {
    cwd: process.cwd(),
    env: inputs.env,
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
  });
}
