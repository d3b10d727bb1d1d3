import { UsageError } from '../core/errors.js';
import { checkRepositoryRecords } from '../io/check-in-threads.js';
import { buildSlaReport, hasOpenBreach, notificationsDue, openOnly, slaAlerts, toSlaJson } from '../core/sla/sla-report.js';
import { toMillis } from '../core/time/timestamps.js';
import { createGitHub, describeError } from '../io/github/api.js';
import { readRepositoryTarget } from '../io/github/event.js';
import type { Due } from '../io/notify/channel.js';
import { openGitHubIssueChannel } from '../io/notify/github-issue.js';
import { formatSlaTable } from '../render/sla-table.js';
import { chooseReporter } from '../reporters/index.js';
import { EXIT, parseOptions, type CommandContext } from './context.js';
import { streamRepositoryWithConfig } from './read-config.js';
import { usableRecords } from './usable-records.js';
import { timestampOption } from './record-options.js';
import { AT_OPTION, formatOption, ROOT_OPTION, type CommandHelp } from './help.js';
import { findRoot } from '../io/repository/read-repository.js';

export const SLA_HELP: CommandHelp = {
  brief: 'SLA clocks and escalations at a moment',
  usage: 'incidents sla [--at TIME] [--open] [--notify] [--root DIR] [--format text|json|github]',
  summary:
    "The SLA clocks of every measured incident at a moment, open incidents first: acknowledge, resolve and update targets, each running, paused, met or breached, with the time left, times in the status page's zone. --notify announces due escalations on GitHub tracking issues.",
  options: [
    AT_OPTION,
    ['--open', 'show open incidents only (the table, the JSON and the annotations)'],
    ['--notify', 'announce escalations and breaches on a tracking issue per incident (GITHUB_REPOSITORY, GITHUB_TOKEN)'],
    ROOT_OPTION,
    formatOption(['text', 'json', 'github']),
  ],
  example: 'incidents sla --at 2026-03-01T12:00:00Z --format json',
  exits: '0 nothing open is breached, 1 an open incident has breached a target, 2 usage or config error, or GitHub could not be told',
};

/**
 * `incidents sla [--at TIME] [--notify]`: the SLA state of every measured incident at TIME (default
 * now): a table, the JSON of docs/reference.md, or annotations and a job summary; with --notify, what is due
 * is announced on GitHub. Exit 1 when an open incident has breached a target, 2 when GitHub could
 * not be told.
 */
export async function slaCommand(args: string[], context: CommandContext): Promise<number> {
  const { values } = parseOptions('sla', args, {
    at: { type: 'string' },
    open: { type: 'boolean' },
    notify: { type: 'boolean' },
    root: { type: 'string' },
    format: { type: 'string' },
  });
  const reporter = chooseReporter('sla', values.format);
  const root = findRoot('sla', context.cwd, values.root);
  const repository = await streamRepositoryWithConfig('sla', root, reporter, context);
  if (!repository) return EXIT.error;
  const at = timestampOption('sla', 'at', values.at, new Date());

  const checked = await checkRepositoryRecords(repository.config, repository.files);
  const records = usableRecords(checked.records, checked.findings, 'not measured', context);
  const report = buildSlaReport(records, toMillis(at), at);
  // --open narrows what is shown; notifying still closes what finished incidents left open.
  const shown = values.open ? openOnly(report) : report;

  // Only what the format shows is made: the JSON has no table, and only annotations need the
  // alerts (each finds its key's line in the YAML), which at 10,000 incidents is a tenth of the run.
  const table = reporter.format === 'json' ? undefined : formatSlaTable(shown);
  await reporter.write(
    {
      command: 'sla',
      findings: reporter.format === 'github' ? slaAlerts(shown) : undefined,
      text: table?.text,
      markdown: table && `### incidents sla at ${at}\n\n${table.markdown}`,
      json: { document: toSlaJson(shown) },
      outputs: { breached: String(hasOpenBreach(report)) },
    },
    context,
  );
  if (values.notify) {
    // Every valid record, even of a file with findings: an incident no longer measured still closes its tracking issue.
    const notified = await notify(notificationsDue(report, checked.records), context);
    if (!notified) return EXIT.error;
  }
  return hasOpenBreach(report) ? EXIT.findings : EXIT.clean;
}

/**
 * Delivers what is due on the GitHub tracking-issue channel: due notices, and closing the tracking
 * issues of finished incidents. A failure is loud: the message names what could not be done, and
 * the command exits 2.
 */
async function notify(due: readonly Due[], context: CommandContext): Promise<boolean> {
  const repository = readRepositoryTarget(context.env);
  if (!repository.ok) throw new UsageError(`incidents sla --notify: ${repository.reason}`);
  const github = createGitHub(repository.target, context.retryBaseMs);
  try {
    const channel = await openGitHubIssueChannel(github, repository.target);
    for (const incidentDue of due) {
      for (const line of (await channel.deliver(incidentDue)).log) context.stderr(`${line}\n`);
    }
    return true;
  } catch (error) {
    context.stderr(
      `incidents sla --notify: could not announce on ${repository.target.apiUrl} (${describeError(error)}): people may not have been told; the next run retries what is missing.\n`,
    );
    return false;
  }
}
