import * as core from '@actions/core';
import type { GitHubSink } from './sink.js';

/**
 * The Action's GitHub sink, through @actions/core: it escapes annotation text and properties (no
 * workflow command can be injected) and writes the summary and outputs files. Markdown given to
 * `summary` must already show user text as text (render/plain-tables.ts): the toolkit adds it raw.
 * Outside a run (no $GITHUB_STEP_SUMMARY or $GITHUB_OUTPUT), those go nowhere, as the CLI's do.
 */
export function actionsCoreSink(): GitHubSink {
  return {
    annotate: (finding) => {
      const annotate = finding.severity === 'error' ? core.error : core.warning;
      annotate(finding.message, { title: finding.rule, file: finding.path, startLine: finding.line, startColumn: finding.column });
    },
    summary: async (markdown) => {
      if (process.env.GITHUB_STEP_SUMMARY) await core.summary.addRaw(markdown).write();
    },
    setOutput: (name, value) => {
      if (process.env.GITHUB_OUTPUT) core.setOutput(name, value);
    },
    mask: (value) => core.setSecret(value),
  };
}
