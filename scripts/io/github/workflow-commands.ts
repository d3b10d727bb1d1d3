import { randomUUID } from 'node:crypto';
import { appendFileSync } from 'node:fs';
import { appendFile } from 'node:fs/promises';
import { EOL } from 'node:os';
import type { Finding } from '../../core/findings.js';
import type { GitHubSink } from './sink.js';

/**
 * The CLI's GitHub sink: annotations as workflow commands on stdout, the job summary appended to
 * $GITHUB_STEP_SUMMARY and outputs to $GITHUB_OUTPUT, when the run names those files.
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
  };
}

/** A workflow command that GitHub shows as an annotation on the file and line of a finding. */
function formatAnnotation(finding: Finding): string {
  const command = finding.severity === 'error' ? 'error' : 'warning';
  const properties = [`file=${escapeProperty(finding.path)}`, `line=${finding.line}`, `col=${finding.column}`, `title=${escapeProperty(finding.rule)}`];
  return `::${command} ${properties.join(',')}::${escapeData(finding.message)}`;
}

/** An output in $GITHUB_OUTPUT's multi-line form, between delimiters no value can guess. */
function formatOutput(name: string, value: string): string {
  const delimiter = `ghadelimiter_${randomUUID()}`;
  return `${name}<<${delimiter}${EOL}${value}${EOL}${delimiter}${EOL}`;
}

// Escaping as the Actions toolkit does for workflow commands.
function escapeData(text: string): string {
  return text.replaceAll('%', '%25').replaceAll('\r', '%0D').replaceAll('\n', '%0A');
}

function escapeProperty(text: string): string {
  return escapeData(text).replaceAll(':', '%3A').replaceAll(',', '%2C');
}
