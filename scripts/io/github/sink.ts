import type { Finding } from '../../core/findings.js';

/**
 * Where the `github` reporter writes in a workflow run: annotations, the job summary and the step's
 * outputs. The CLI writes workflow commands and the files Actions names (workflow-commands.ts); the
 * Action goes through @actions/core (actions-core.ts). Outside a run, the summary and outputs go nowhere.
 */
export interface GitHubSink {
  /** Shows a finding as an error or warning annotation at its file, line and column. */
  annotate(finding: Finding): void;
  /** Appends Markdown to the job summary. */
  summary(markdown: string): Promise<void>;
  /** Sets one of the step's outputs, for later steps (`steps.<id>.outputs.<name>`). */
  setOutput(name: string, value: string): void;
  /** Asks the runner to mask a secret's value in the log from here on (`::add-mask::`). */
  mask?(value: string): void;
}
