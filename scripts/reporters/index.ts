import { UsageError } from '../core/errors.js';
import { writeGitHub } from './github.js';
import { writeJson } from './json.js';
import { writeMarkdown } from './markdown.js';
import type { WriteReport } from './report.js';
import { writeText } from './text.js';

export type { Report, WriteReport } from './report.js';

/** Every output format, and the reporter that writes it. */
export const REPORTERS = { text: writeText, json: writeJson, github: writeGitHub, markdown: writeMarkdown } as const satisfies Record<string, WriteReport>;

/** An output format's name: a key of REPORTERS. */
export type Format = keyof typeof REPORTERS;

/** The formats of commands that report findings. */
const FINDINGS_FORMATS = ['text', 'json', 'github'] as const satisfies readonly Format[];

/** The reporter a command writes with, and the format it writes. */
export interface Reporter {
  format: Format;
  write: WriteReport;
}

/**
 * The one place a --format value is checked: the reporter for `value` (default `text`), when it is
 * one of the formats the command allows.
 * @param allowed the command's formats, in the order its usage lists them
 */
export function chooseReporter(command: string, value: string | undefined, allowed: readonly Format[] = FINDINGS_FORMATS): Reporter {
  const format = allowed.find((candidate) => candidate === (value ?? 'text'));
  if (!format) throw new UsageError(`incidents ${command}: --format must be one of ${allowed.join(', ')}, not "${value}"`);
  return { format, write: REPORTERS[format] };
}
