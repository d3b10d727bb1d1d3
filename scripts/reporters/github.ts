import { workflowCommandSink } from '../io/github/workflow-commands.js';
import { countSeverity, formatFindingsSummary, withLineBreaksShown } from '../render/findings.js';
import type { WriteReport } from './report.js';
import { writeFindingLines } from './text.js';

/**
 * `github`, in a workflow: findings as annotations, the job summary (the report's Markdown, or every
 * finding in a table) and the step's outputs, through the context's GitHub sink. The text for people
 * goes to the log, on stderr when stdout carries annotations, a finding to a line (a line break in a
 * path or message shows as `\n`); the CLI disarms any workflow command in it (cli.ts).
 */
export const writeGitHub: WriteReport = async (report, context) => {
  const github = context.github ?? workflowCommandSink(context);
  const findings = report.findings ?? [];
  for (const finding of findings) github.annotate(finding);
  await github.summary(report.markdown === undefined ? formatFindingsSummary(`incidents ${report.command}`, findings) : `${report.markdown}\n`);
  const log = report.findings ? context.stderr : context.stdout;
  if (report.text !== undefined) log(report.text);
  else writeFindingLines(findings.map(withLineBreaksShown), log, context.stderr);
  if (report.findings) {
    github.setOutput('errors', String(countSeverity(findings, 'error')));
    github.setOutput('warnings', String(countSeverity(findings, 'warning')));
  }
  for (const [name, value] of Object.entries(report.outputs ?? {})) github.setOutput(name, value);
};
