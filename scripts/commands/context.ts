import { UsageError } from '../core/errors.js';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { closestMatch } from '../core/suggest.js';
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
  /** Stops a command that runs until stopped (relay), as SIGTERM does; tests pass their own. */
  signal?: AbortSignal;
}

/** Exit codes of every command (docs/reference.md, Commands). */
export const EXIT = { clean: 0, findings: 1, error: 2 } as const;

/**
 * Parses a command's arguments, turning node's errors into a UsageError that names the command and,
 * for a mistyped option, the closest one. An option that takes one value, given twice, is refused
 * rather than keeping the last.
 */
export function parseOptions<T extends NonNullable<ParseArgsConfig['options']>>(command: string, args: string[], options: T, allowPositionals = false) {
  let parsed;
  try {
    parsed = parseArgs({ args, options, allowPositionals, strict: true, tokens: true });
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const unknown = /^Unknown option '--?([^']+)'/.exec(message)?.[1];
    const guess = unknown === undefined ? undefined : closestMatch(unknown, Object.keys(options));
    throw new UsageError(`incidents ${command}: ${message.split('. ')[0]}${guess ? ` (did you mean --${guess}?)` : ''}`);
  }
  const seen = new Set<string>();
  for (const token of parsed.tokens) {
    if (token.kind !== 'option' || options[token.name]?.multiple) continue;
    if (seen.has(token.name)) throw new UsageError(`incidents ${command}: --${token.name} is given twice: it takes one value`);
    seen.add(token.name);
  }
  return parsed;
}
