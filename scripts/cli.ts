import { UsageError } from './core/errors.js';
import { ANNOUNCE_HELP, announceCommand } from './commands/announce.js';
import { BUILD_HELP, buildCommand } from './commands/build.js';
import { CHECK_PR_HELP, checkPrCommand } from './commands/check-pr.js';
import { EXIT, type CommandContext } from './commands/context.js';
import { formatHelp, type CommandHelp } from './commands/help.js';
import { INIT_HELP, initCommand } from './commands/init.js';
import { INTAKE_HELP, intakeCommand } from './commands/intake.js';
import { RELAY_HELP, relayCommand } from './commands/relay.js';
import { NEW_HELP, newCommand } from './commands/new.js';
import { REPORT_HELP, reportCommand } from './commands/report.js';
import { SLA_HELP, slaCommand } from './commands/sla.js';
import { UPDATE_HELP, updateCommand } from './commands/update.js';
import { VALIDATE_HELP, validateCommand } from './commands/validate.js';
import { closestMatch } from './core/suggest.js';
import { disarmingWriter, workflowCommandSink } from './io/github/workflow-commands.js';

/** Every command: its help, and what runs it. */
const COMMANDS: Readonly<Record<string, { help: CommandHelp; run: (args: string[], context: CommandContext) => Promise<number> }>> = {
  validate: { help: VALIDATE_HELP, run: validateCommand },
  'check-pr': { help: CHECK_PR_HELP, run: checkPrCommand },
  sla: { help: SLA_HELP, run: slaCommand },
  build: { help: BUILD_HELP, run: buildCommand },
  report: { help: REPORT_HELP, run: reportCommand },
  new: { help: NEW_HELP, run: newCommand },
  update: { help: UPDATE_HELP, run: updateCommand },
  init: { help: INIT_HELP, run: initCommand },
  announce: { help: ANNOUNCE_HELP, run: announceCommand },
  intake: { help: INTAKE_HELP, run: intakeCommand },
  relay: { help: RELAY_HELP, run: relayCommand },
};

/** The commands' names, in the order help lists them. */
export const COMMAND_NAMES = Object.keys(COMMANDS);

const USAGE = `Usage: incidents <command> [options]

Commands:
${Object.entries(COMMANDS)
  .map(([name, command]) => `  ${name.padEnd(9)} ${command.help.brief}`)
  .join('\n')}

Run incidents help COMMAND (or incidents COMMAND --help) for its options.
Exit codes: 0 clean, 1 findings, 2 usage or config error.`;

const HELP_FLAGS = ['--help', '-h'];

/** Runs one CLI invocation and returns its exit code; never throws. */
export async function runCli(argv: string[], rawContext: CommandContext): Promise<number> {
  const context = forWorkflowRunner(argv, rawContext);
  const [name, ...args] = argv;
  if (name === undefined) {
    context.stderr(`${USAGE}\n`);
    return EXIT.error;
  }
  const helpOf = name === 'help' ? args[0] : args.some((arg) => HELP_FLAGS.includes(arg)) ? name : undefined;
  if (HELP_FLAGS.includes(name) || (name === 'help' && helpOf === undefined)) {
    context.stdout(`${USAGE}\n`);
    return EXIT.clean;
  }
  const command = Object.hasOwn(COMMANDS, helpOf ?? name) ? COMMANDS[helpOf ?? name] : undefined;
  if (!command) {
    const unknown = helpOf ?? name;
    const guess = closestMatch(unknown, Object.keys(COMMANDS));
    context.stderr(`incidents: unknown command "${unknown}"${guess ? ` (did you mean ${guess}?)` : ''}\n\n${USAGE}\n`);
    return EXIT.error;
  }
  if (helpOf !== undefined) {
    context.stdout(formatHelp(command.help));
    return EXIT.clean;
  }
  try {
    return await command.run(args, context);
  } catch (error) {
    if (error instanceof UsageError) {
      context.stderr(`${error.message}\nUsage: ${command.help.usage}\nRun incidents help ${name} for every option.\n`);
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

/**
 * The context a command prints through: with `--format github`, or anywhere in a GitHub Actions run
 * (where the runner reads both streams for workflow commands whatever the format), stdout and stderr
 * disarm every workflow command (disarmingWriter), so no file name, record text or error message can
 * become one; annotations go to the raw stdout through the GitHub sink. JSON on stdout keeps its
 * bytes for scripts (writeJson escapes what could be a command); its stderr is disarmed.
 */
function forWorkflowRunner(argv: readonly string[], context: CommandContext): CommandContext {
  const format = argv.reduce<string | undefined>(
    (found, arg, index) => (arg.startsWith('--format=') ? arg.slice('--format='.length) : arg === '--format' ? argv[index + 1] : found),
    undefined,
  );
  const inRun = context.env.GITHUB_ACTIONS === 'true';
  if (format !== 'github' && !inRun) return context;
  return {
    ...context,
    stdout: format === 'json' ? context.stdout : disarmingWriter(context.stdout),
    stderr: disarmingWriter(context.stderr),
    github: context.github ?? workflowCommandSink(context),
  };
}
