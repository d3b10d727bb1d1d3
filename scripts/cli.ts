import { UsageError } from './core/errors.js';
import { BUILD_USAGE, buildCommand } from './commands/build.js';
import { EXIT, type CommandContext } from './commands/context.js';
import { CHECK_PR_USAGE, checkPrCommand } from './commands/check-pr.js';
import { NEW_USAGE, newCommand } from './commands/new.js';
import { REPORT_USAGE, reportCommand } from './commands/report.js';
import { SLA_USAGE, slaCommand } from './commands/sla.js';
import { UPDATE_USAGE, updateCommand } from './commands/update.js';
import { VALIDATE_USAGE, validateCommand } from './commands/validate.js';

const COMMANDS: Record<string, { usage: string; run: (args: string[], context: CommandContext) => Promise<number> }> = {
  validate: { usage: VALIDATE_USAGE, run: validateCommand },
  'check-pr': { usage: CHECK_PR_USAGE, run: checkPrCommand },
  sla: { usage: SLA_USAGE, run: slaCommand },
  build: { usage: BUILD_USAGE, run: buildCommand },
  report: { usage: REPORT_USAGE, run: reportCommand },
  new: { usage: NEW_USAGE, run: newCommand },
  update: { usage: UPDATE_USAGE, run: updateCommand },
};

const USAGE = `Usage: incidents <command> [options]

Commands:
${Object.values(COMMANDS)
  .map((command) => `  ${command.usage}`)
  .join('\n')}

Exit codes: 0 clean, 1 findings, 2 usage or config error.`;

/** Runs one CLI invocation and returns its exit code; never throws. */
export async function runCli(argv: string[], context: CommandContext): Promise<number> {
  const [name, ...args] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    (name === undefined ? context.stderr : context.stdout)(`${USAGE}\n`);
    return name === undefined ? EXIT.error : EXIT.clean;
  }
  const command = COMMANDS[name];
  if (!command) {
    context.stderr(`incidents: unknown command "${name}"\n\n${USAGE}\n`);
    return EXIT.error;
  }
  try {
    return await command.run(args, context);
  } catch (error) {
    if (error instanceof UsageError) {
      context.stderr(`${error.message}\nUsage: ${command.usage}\n`);
      return EXIT.error;
    }
    const detail = context.env.INCIDENTS_DEBUG
      ? error instanceof Error
        ? error.stack
        : String(error)
      : error instanceof Error
        ? error.message
        : String(error);
    context.stderr(
      `incidents ${name}: internal error: ${detail}\nThis is a bug in incidents-as-code, not in your records: please report it with the command you ran (set INCIDENTS_DEBUG=1 for a stack trace).\n`,
    );
    return EXIT.error;
  }
}
