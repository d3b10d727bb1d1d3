import { formatSeconds } from '../../core/time/duration.js';
import type { Metrics } from '../../core/report/metrics.js';
import { PRIORITIES, type Report } from '../../core/report/report.js';
import type { ProblemsSection } from '../../core/report/problems.js';
import { formatMarkdownTable, formatTextTable } from '../plain-tables.js';

/** A titled table of the report; text, Markdown and HTML are made from these. */
export interface ReportTable {
  title: string;
  header: string[];
  rows: string[][];
  /** Said instead of an empty table. */
  empty: string;
}

/** A duration for the tables: `1h05m`, or `12d 4h` from two days up; `–` when not measured. */
export function formatReportTime(seconds: number | null): string {
  if (seconds === null) return '–';
  if (seconds < 2 * 86_400) return formatSeconds(seconds);
  return `${Math.floor(seconds / 86_400)}d ${Math.floor((seconds % 86_400) / 3600)}h`;
}
const time = formatReportTime;
const metricCells = (metrics: Metrics) => [
  String(metrics.count),
  time(metrics.mtta_seconds),
  time(metrics.mttd_seconds),
  time(metrics.mttr_seconds),
  time(metrics.mtbf_seconds),
];
const percent = (part: number, whole: number) => (whole === 0 ? '–' : `${Math.round((part / whole) * 1000) / 10}%`);

/** The report's figures as tables, in the order a reader asks: SLAs, where time goes, what recurs, what is done, what causes it. */
export function reportTables(report: Report): ReportTable[] {
  const metricsHeader = (first: string) => [first, 'incidents', 'MTTA', 'MTTD', 'MTTR', 'MTBF'];
  return [
    {
      title: 'SLA compliance',
      header: ['priority', 'target', 'met', 'breached', 'running', 'met of finished'],
      rows: PRIORITIES.flatMap((priority) =>
        Object.entries(report.sla.by_priority[priority]!)
          .filter(([, counts]) => counts.met + counts.breached + counts.running > 0)
          .map(([target, counts]) => [
            priority,
            target,
            String(counts.met),
            String(counts.breached),
            String(counts.running),
            percent(counts.met, counts.met + counts.breached),
          ]),
      ),
      empty: 'No incidents with an SLA policy.',
    },
    {
      title: 'SLA breaches',
      header: ['incident', 'priority', 'target', 'over by', 'breached at', 'still open'],
      rows: report.sla.breaches.map((breach) => [
        breach.id,
        breach.priority,
        breach.target,
        time(breach.over_seconds),
        breach.breach_at,
        breach.open ? 'yes' : 'no',
      ]),
      empty: 'No breaches.',
    },
    {
      title: 'Mean times by priority',
      header: metricsHeader('priority'),
      rows: [['all', ...metricCells(report.overall)], ...PRIORITIES.map((priority) => [priority, ...metricCells(report.by_priority[priority]!)])],
      empty: '',
    },
    {
      title: 'Mean times by service',
      header: metricsHeader('service'),
      rows: Object.entries(report.by_service).map(([service, metrics]) => [service, ...metricCells(metrics)]),
      empty: 'No services.',
    },
    {
      title: `Incidents per month (last ${report.by_month.length})`,
      header: ['month', 'incidents', ...PRIORITIES, 'MTTA', 'MTTR'],
      rows: report.by_month.map((month) => [
        month.month,
        String(month.overall.count),
        ...PRIORITIES.map((priority) => String(month.by_priority[priority])),
        time(month.overall.mtta_seconds),
        time(month.overall.mttr_seconds),
      ]),
      empty: '',
    },
    {
      title: 'Downtime by service (last 365 days; major outage 100%, partial 30%)',
      header: ['service', 'downtime'],
      rows: report.downtime.map((entry) => [entry.service, time(entry.seconds)]),
      empty: 'No services.',
    },
    {
      title: 'Known errors by incidents linked',
      header: ['known error', 'status', 'incidents', 'title'],
      rows: report.known_errors.map((error) => [
        error.id,
        error.status,
        error.incidents.length === 0 ? '0' : `${error.incidents.length}: ${error.incidents.join(', ')}`,
        error.title,
      ]),
      empty: 'No known errors.',
    },
    {
      title: 'Postmortem action items by owner',
      header: ['owner', 'open', 'overdue', 'done', "won't do"],
      rows: [...Object.entries(report.action_items.by_owner), ['all', report.action_items.total] as const].map(([owner, counts]) => [
        owner,
        String(counts.open),
        String(counts.overdue),
        String(counts.done),
        String(counts.wont_do),
      ]),
      empty: '',
    },
    {
      title: 'Overdue action items',
      header: ['due', 'incident', 'owner', 'action', 'issue'],
      rows: report.action_items.overdue.map((item) => [item.due, item.incident, item.owner ?? '(no owner)', item.title, item.issue ?? '']),
      empty: 'None overdue.',
    },
    ...problemTables(report.problems),
  ];
}

/** A duration as the config writes it: `2160h`, `1h30m`. */
function hoursAndMinutes(seconds: number): string {
  const minutes = Math.round(seconds / 60);
  return `${Math.floor(minutes / 60)}h${minutes % 60 > 0 ? `${minutes % 60}m` : ''}`;
}

/** The Problems section: open problems by status, each problem's cost, the known errors they gave, and what recurs without one. */
function problemTables(problems: ProblemsSection): ReportTable[] {
  const { window_seconds, min_incidents } = problems.recurring_settings;
  return [
    {
      title: 'Open problems by status',
      header: ['status', 'problems'],
      rows: Object.entries(problems.open_by_status).map(([status, count]) => [status, String(count)]),
      empty: '',
    },
    {
      title: 'Problems: the open ones first (oldest first), then the rest, with what their incidents cost',
      header: ['problem', 'status', 'priority', 'owner', 'open for', 'incidents', 'downtime', 'SLA breaches', 'title'],
      rows: problems.problems.map((problem) => [
        problem.id,
        problem.status,
        problem.priority,
        problem.owner ?? '(no owner)',
        time(problem.age_seconds),
        problem.incidents.length === 0 ? '0' : `${problem.incidents.length}: ${problem.incidents.join(', ')}`,
        time(problem.downtime_seconds),
        String(problem.sla_breaches),
        problem.title,
      ]),
      empty: 'No problems recorded.',
    },
    {
      title: 'Known errors born of problems',
      header: ['problem', 'known error', 'status', 'title'],
      rows: problems.known_errors.map((entry) => [entry.problem, entry.known_error, entry.status, entry.title]),
      empty: 'No known error names a problem.',
    },
    {
      title: `Recurring incidents no problem covers (${min_incidents} or more alike, last ${hoursAndMinutes(window_seconds)})`,
      header: ['services', 'incidents', 'latest title', 'record it with'],
      rows: problems.recurring.map((candidate) => [
        candidate.services.join(', '),
        `${candidate.incidents.length}: ${candidate.incidents.join(', ')}`,
        candidate.titles.at(-1)!,
        candidate.suggestion,
      ]),
      empty: 'None found.',
    },
  ];
}

/** The tables as aligned plain text, each under its title. */
export function formatTextTables(tables: readonly ReportTable[]): string {
  return tables.map((table) => `${table.title}\n${table.rows.length === 0 ? `${table.empty}\n` : formatTextTable(table.header, table.rows)}`).join('\n');
}

/** The tables as GitHub-flavoured Markdown, for a job summary. */
export function formatMarkdownTables(tables: readonly ReportTable[]): string {
  return tables.map((table) => `### ${table.title}\n\n${table.rows.length === 0 ? table.empty : formatMarkdownTable(table.header, table.rows)}\n`).join('\n');
}
