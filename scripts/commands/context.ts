import { UsageError } from '../core/errors.js';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import type { GitHubSink } from '../io/github/sink.js';

/** What a command may touch of the outside world; tests pass their own. */
export interface CommandContext {
  cwd: string;
  env: Readonly<Record<string, string | undefined>>;
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  /** The unit of the GitHub API's retry backoff, in milliseconds (default 1000); tests shorten it. */
  retryBaseMs?: number;
  /**
   * Where `--format github` writes annotations, the job summary and outputs: the Action's goes
   * through @actions/core; by default, workflow commands on stdout and the files named in `env`.
   */
  github?: GitHubSink;
}

/** Exit codes of every command (docs/reference.md, Commands). */
export const EXIT = { clean: 0, findings: 1, error: 2 } as const;

/** Parses a command's arguments, turning node's errors into a UsageError that names the command. */
export function parseOptions<T extends NonNullable<ParseArgsConfig['options']>>(command: string, args: string[], options: T, allowPositionals = false) {
  try {
    return parseArgs({ args, options, allowPositionals, strict: true });
  } catch (error) {
    throw new UsageError(`incidents ${command}: ${error instanceof Error ? error.message : String(error)}`);
  }
}
