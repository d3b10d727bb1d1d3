import { randomUUID } from 'node:crypto';
import { appendFileSync } from 'node:fs';
import { appendFile } from 'node:fs/promises';
import { EOL } from 'node:os';
import type { Finding } from '../../core/findings.js';
import type { GitHubSink } from './sink.js';

/**
 * The CLI's GitHub sink: annotations as workflow commands on stdout, the job summary appended to
 * $GITHUB_STEP_SUMMARY and outputs to $GITHUB_OUTPUT, when the run names those files. `stdout` must
 * be the raw stream: it is the one writer whose workflow commands are meant.
 */
export function workflowCommandSink({ stdout, env }: { stdout: (text: string) => void; env: Readonly<Record<string, string | undefined>> }): GitHubSink {
  return {
    annotate: (finding) => stdout(`${formatAnnotation(finding)}\n`),
    summary: async (markdown) => {
      if (env.GITHUB_STEP_SUMMARY) await appendFile(env.GITHUB_STEP_SUMMARY, markdown);
    },
    setOutput: (name, value) => {
      if (env.GITHUB_OUTPUT) appendFileSync(env.GITHUB_OUTPUT, formatOutput(name, value));
    },
    // One line per line of the value: the runner masks each line it is given.
    mask: (value) =>
      value
        .split(/\r?\n/)
        .filter(Boolean)
        .forEach((line) => stdout(`::add-mask::${line}\n`)),
  };
}

/** A workflow command that GitHub shows as an annotation on the file and line of a finding. */
function formatAnnotation(finding: Finding): string {
  const command = finding.severity === 'error' ? 'error' : 'warning';
  const properties = [`file=${escapeProperty(finding.path)}`, `line=${finding.line}`, `col=${finding.column}`, `title=${escapeProperty(finding.rule)}`];
  return `::${command} ${properties.join(',')}::${escapeData(finding.message)}`;
}

/**
 * An output in $GITHUB_OUTPUT's multi-line form, between delimiters no value can guess; a value
 * that holds the delimiter anyway gets another, so no value ends its own block and sets others.
 * @param newDelimiter makes a delimiter (tests pass their own)
 */
export function formatOutput(name: string, value: string, newDelimiter: () => string = () => `ghadelimiter_${randomUUID()}`): string {
  if (!/^[\w-]+$/.test(name)) throw new Error(`An output's name must be letters, digits, _ or -, not ${JSON.stringify(name)}`);
  let delimiter = newDelimiter();
  while (value.includes(delimiter)) delimiter = newDelimiter();
  return `${name}<<${delimiter}${EOL}${value}${EOL}${delimiter}${EOL}`;
}

// Escaping as the Actions toolkit does for workflow commands.
function escapeData(text: string): string {
  return text.replaceAll('%', '%25').replaceAll('\r', '%0D').replaceAll('\n', '%0A');
}

function escapeProperty(text: string): string {
  return escapeData(text).replaceAll(':', '%3A').replaceAll(',', '%2C');
}

/**
 * What the runner takes for whitespace before a `::` command (.NET's TrimStart: Char.IsWhiteSpace),
 * and U+FEFF besides: more than it trims is safe, less is not.
 */
const RUNNER_WHITESPACE = /[\t\v\f \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\ufeff]/;

/**
 * A writer that passes text on with every workflow command disarmed, for all a command prints when
 * a runner reads it. The runner reads stdout and stderr a line at a time (a line ends at CR, LF or
 * CRLF) and runs `::command::` at the start of a line, after whitespace, and the legacy
 * `##[command]` anywhere in one. A backslash goes before the second `:` of a line-leading `::` and
 * before the `[` of `##[`: always in the text that completes the command, so a command split over
 * several writes is disarmed too. The text is otherwise unchanged, and a backslash before
 * punctuation is also Markdown's escape, so Markdown reads the same.
 * @param write the stream's raw writer
 */
export function disarmingWriter(write: (text: string) => void): (text: string) => void {
  // Where the current line is: only whitespace so far, or whitespace and one ':'; how many '#' end it.
  let state: 'start' | 'colon' | 'inside' = 'start';
  let hashes = 0;
  return (text) => {
    let out = '';
    let from = 0;
    for (let index = 0; index < text.length; index++) {
      const char = text[index]!;
      if (char === '\n' || char === '\r') {
        state = 'start';
        hashes = 0;
        continue;
      }
      const armed = (char === ':' && state === 'colon') || (char === '[' && hashes >= 2);
      if (armed) {
        out += `${text.slice(from, index)}\\`;
        from = index;
      }
      if (char === ':' && state === 'start' && !armed) state = 'colon';
      else if (!(state === 'start' && RUNNER_WHITESPACE.test(char))) state = 'inside';
      hashes = char === '#' ? hashes + 1 : 0;
    }
    write(out === '' ? text : out + text.slice(from));
  };
}
