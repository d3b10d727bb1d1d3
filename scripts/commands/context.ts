import { UsageError } from '../core/errors.js';
import { parseArgs, type ParseArgsConfig } from 'node:util';

/** What a command may touch of the outside world; tests pass their own. */
export interface CommandContext {
  cwd: string;
  env: Readonly<Record<string, string | undefined>>;
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  /** The unit of the GitHub API's retry backoff, in milliseconds (default 1000); tests shorten it. */
  retryBaseMs?: number;
}


/** Exit codes of every command (DESIGN.md, Commands). */
export const EXIT = { clean: 0, findings: 1, error: 2 } as const;

/** The output formats of commands that report findings. */
export const FORMATS = ['text', 'json', 'github'] as const;
export type Format = (typeof FORMATS)[number];

/** Parses a command's arguments, turning node's errors into a UsageError that names the command. */
export function parseOptions<T extends NonNullable<ParseArgsConfig['options']>>(command: string, args: string[], options: T, allowPositionals = false) {
  try {
    return parseArgs({ args, options, allowPositionals, strict: true });
  } catch (error) {
    throw new UsageError(`incidents ${command}: ${error instanceof Error ? error.message : String(error)}`);
  }
}

/** Checks a --format value. */
export function toFormat(command: string, value: string | undefined): Format {
  const format = value ?? 'text';
  if (!(FORMATS as readonly string[]).includes(format)) {
    throw new UsageError(`incidents ${command}: --format must be one of ${FORMATS.join(', ')}, not "${format}"`);
  }
  return format as Format;
}
