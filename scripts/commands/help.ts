/** What `incidents COMMAND --help` says: the usage, what it does, each option with its values, an example. */
export interface CommandHelp {
  /** A few words for the list of commands. */
  brief: string;
  usage: string;
  /** What the command does, in a sentence or two. */
  summary: string;
  /** Each option as written, and what it means with its allowed values and default. */
  options: readonly (readonly [string, string])[];
  example: string;
  /** The exit codes, when they differ from the usual 0 clean, 1 findings, 2 usage or config error. */
  exits?: string;
}

/** `--root DIR`, which every command takes. */
export const ROOT_OPTION = ['--root DIR', 'the incident repository (default: the nearest folder upwards with incidents.config.yml)'] as const;

/** `--at TIME`, for commands that look at a moment. */
export const AT_OPTION = ['--at TIME', 'the moment to look at, ISO 8601 with an offset, e.g. 2026-03-01T10:04:00Z (default: now)'] as const;

/** `--format`, with the formats a command takes. */
export function formatOption(formats: readonly string[]): readonly [string, string] {
  return [`--format ${formats.join('|')}`, `how to report (default: text); github writes annotations, the job summary and step outputs`];
}

/** The help text of one command. */
export function formatHelp(help: CommandHelp): string {
  const width = Math.max(...help.options.map(([flag]) => flag.length));
  const options = help.options.map(([flag, text]) => `  ${flag.padEnd(width)}  ${text}`);
  const exits = help.exits ?? '0 clean, 1 findings, 2 usage or config error';
  return `Usage: ${help.usage}\n\n${help.summary}\n\nOptions:\n${options.join('\n')}\n  ${'--help'.padEnd(width)}  this help\n\nExample:\n  ${help.example}\n\nExit codes: ${exits}.\n`;
}
