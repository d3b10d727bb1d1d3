import type { Finding } from '../core/findings.js';
import type { CommandContext } from '../commands/context.js';

/** What a command produced, for a reporter to write in its format. */
export interface Report {
  /** The command, e.g. `validate`; the job summary of its findings is titled `incidents validate`. */
  command: string;
  /**
   * What the command found: printed as lines (text), listed in the JSON, annotated and counted in
   * the `errors` and `warnings` outputs (github). Absent when the command reports no findings.
   */
  findings?: readonly Finding[];
  /** The tables for people, printed instead of the finding lines. */
  text?: string;
  /** The same in Markdown: printed by `markdown`; `github` puts it in the job summary instead of the findings table. */
  markdown?: string;
  /** The JSON: keys after `findings`, or the whole document of a command that has its own. */
  json?: { extra: Record<string, unknown> } | { document: unknown };
  /** Said on stderr by `text` when nothing was found, e.g. "12 records valid.". */
  clean?: string;
  /** Action outputs beside `errors` and `warnings`, e.g. `{ approved: 'true' }` (set by `github`). */
  outputs?: Readonly<Record<string, string>>;
}

/** Writes a report in one output format. */
export type WriteReport = (report: Report, context: CommandContext) => Promise<void>;
