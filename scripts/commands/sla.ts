import { UsageError } from '../core/errors.js';
import { appendFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { formatInZone, workingCalendar } from '../core/time/calendar.js';
import { formatSeconds } from '../core/time/duration.js';
import type { Finding } from '../core/findings.js';
import { findingAt } from '../core/records/record-set.js';
import { dueNotices, type Notice } from '../core/sla/escalation.js';
import { isOpen } from '../core/gate/lifecycle.js';
import { computeSla, isMeasured, slaGoals, type TargetFigures } from '../core/sla/clocks.js';
import { toMillis } from '../core/time/timestamps.js';
import { checkRecords } from '../core/records/validate.js';
import { formatAnnotation } from '../io/github/annotations.js';
import { createGitHub, describeError } from '../io/github/api.js';
import { readRepositoryTarget } from '../io/github/event.js';
import { announce, readTrackingIssues } from '../io/notify/github-issue.js';
import { formatMarkdownTable, formatTextTable } from '../render/plain-tables.js';
import { EXIT, parseOptions, toFormat, type CommandContext } from './context.js';
import { readRepositoryWithConfig } from './read-config.js';
import { usableRecords } from './usable-records.js';
import { timestampOption } from './record-options.js';

export const SLA_USAGE = 'incidents sla [--at TIME] [--notify] [--root DIR] [--format text|json|github]';

/** One incident's SLA, as the JSON of DESIGN.md gives it, with what the table and annotations need. */
interface IncidentSla {
  id: string;
  title: string;
  priority: string;
  targets: TargetFigures[];
  open: boolean;
  notices: Notice[];
  timeZone: string;
  finding: (rule: string, message: string, severity: Finding['severity']) => Finding;
}

/**
 * `incidents sla [--at TIME] [--notify]`: the SLA state of every measured incident at TIME (default
 * now): a table, the JSON of DESIGN.md, or annotations and a job summary; with --notify, what is due
 * is announced on GitHub. Exit 1 when an open incident has breached a target, 2 when GitHub could
 * not be told.
 */
export async function slaCommand(args: string[], context: CommandContext): Promise<number> {
  const { values } = parseOptions('sla', args, { at: { type: 'string' }, notify: { type: 'boolean' }, root: { type: 'string' }, format: { type: 'string' } });
  const format = toFormat('sla', values.format);
  const root = resolve(context.cwd, values.root ?? '.');
  const repository = await readRepositoryWithConfig('sla', root, format, context);
  if (!repository) return EXIT.error;
  const at = timestampOption('sla', 'at', values.at, new Date());
  const now = toMillis(at);

  const { config } = repository;
  const checked = checkRecords(config, repository.files.records);
  const records = usableRecords(checked.records, checked.findings, 'not measured', context);

  const incidents: IncidentSla[] = records.incidents
    .filter((record) => isMeasured(record.data) && toMillis(record.data.reported_at) <= now && config.sla?.[record.data.priority])
    .map((record) => {
      const policy = config.sla![record.data.priority]!;
      const calendar = workingCalendar(config, policy.calendar);
      const targets = computeSla(record.data, slaGoals(policy), calendar, now);
      return {
        id: record.data.id,
        title: record.data.title,
        priority: record.data.priority,
        targets,
        open: isOpen(record.data),
        notices: dueNotices(record.data, config, targets, now),
        timeZone: calendar.kind === 'business' ? calendar.timeZone : (config.page?.time_zone ?? 'UTC'),
        finding: (rule, message, severity) => findingAt(record, ['status'], rule, message, { severity }),
      };
    });

  if (format === 'json') {
    context.stdout(`${JSON.stringify({ at, incidents: incidents.map(({ id, priority, targets }) => ({ id, priority, targets })) }, null, 2)}\n`);
  } else {
    const table = formatTable(incidents);
    if (format === 'text') context.stdout(table.text);
    if (format === 'github') {
      for (const finding of alerts(incidents)) context.stdout(`${formatAnnotation(finding)}\n`);
      context.stderr(table.text);
      if (context.env.GITHUB_STEP_SUMMARY) await appendFile(context.env.GITHUB_STEP_SUMMARY, `### incidents sla at ${at}\n\n${table.markdown}\n`);
    }
  }
  if (values.notify) {
    // Incidents not measured (cancelled, drills, maintenance) only close a tracking issue they may have.
    const finished = checked.records.incidents.filter((record) => !isMeasured(record.data)).map((record) => ({ id: record.data.id, title: record.data.title, open: false, notices: [] }));
    const notified = await notify([...incidents, ...finished], context);
    if (!notified) return EXIT.error;
  }
  return incidents.some((incident) => incident.open && incident.targets.some((figure) => figure.state === 'breached')) ? EXIT.findings : EXIT.clean;
}

/**
 * Announces due notices on GitHub and closes the tracking issues of finished incidents. A failure
 * is loud: the message names what could not be done, and the command exits 2.
 */
async function notify(incidents: { id: string; title: string; open: boolean; notices: Notice[] }[], context: CommandContext): Promise<boolean> {
  const repository = readRepositoryTarget(context.env);
  if (!repository.ok) throw new UsageError(`incidents sla --notify: ${repository.reason}`);
  const github = createGitHub(repository.target, context.retryBaseMs);
  try {
    const tracking = await readTrackingIssues(github, repository.target);
    for (const incident of incidents) {
      for (const line of await announce(github, repository.target, tracking, incident, incident.notices)) context.stderr(`${line}\n`);
    }
    return true;
  } catch (error) {
    context.stderr(`incidents sla --notify: could not announce on ${repository.target.apiUrl} (${describeError(error)}): people may not have been told; the next run retries what is missing.\n`);
    return false;
  }
}

/** Breached and at-risk targets of open incidents, at the record's status. */
function alerts(incidents: IncidentSla[]): Finding[] {
  return incidents.filter((incident) => incident.open).flatMap((incident) =>
    incident.targets.flatMap((figure) => {
      if (figure.state === 'breached') return [incident.finding('sla/breached', `${incident.id} (${incident.priority}) breached its ${figure.target} target ${formatSeconds(-figure.remaining_seconds)} ago, at ${figure.breach_at}`, 'error')];
      if (figure.at_risk) return [incident.finding('sla/at-risk', `${incident.id} (${incident.priority}) is at risk of breaching its ${figure.target} target: ${formatSeconds(figure.remaining_seconds)} left, due ${figure.breach_at}`, 'warning')];
      return [];
    }),
  );
}

/** The SLA as a table for people: text columns, and the same rows in Markdown. */
function formatTable(incidents: IncidentSla[]): { text: string; markdown: string } {
  const header = ['incident', 'priority', 'target', 'state', 'elapsed', 'remaining', 'breach at'];
  const rows = incidents.flatMap((incident) =>
    incident.targets.map((figure) => [
      incident.id,
      incident.priority,
      figure.target,
      figure.at_risk ? `${figure.state}, at risk` : figure.state,
      formatSeconds(figure.elapsed_seconds),
      figure.remaining_seconds < 0 ? `${formatSeconds(-figure.remaining_seconds)} overdue` : formatSeconds(figure.remaining_seconds),
      figure.breach_at ? formatInZone(Date.parse(figure.breach_at), incident.timeZone) : '',
    ]),
  );
  if (rows.length === 0) return { text: 'No incidents to measure.\n', markdown: 'No incidents to measure.\n' };
  return { text: formatTextTable(header, rows), markdown: formatMarkdownTable(header, rows) };
}
