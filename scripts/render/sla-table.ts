import type { IncidentSla, SlaReport } from '../core/sla/sla-report.js';
import { formatInZone } from '../core/time/calendar.js';
import { formatSeconds } from '../core/time/duration.js';
import { formatMarkdownTable, formatTextTable } from './plain-tables.js';

/**
 * The SLA for people, one row per target: open incidents first, then finished ones, each under its
 * heading, every time in the report's one zone. Text columns, and the same in Markdown.
 */
export function formatSlaTable(report: SlaReport): { text: string; markdown: string } {
  if (report.incidents.length === 0) return { text: 'No incidents to measure.\n', markdown: 'No incidents to measure.\n' };
  const header = ['incident', 'priority', 'target', 'state', 'elapsed', 'remaining', `breach at (${report.timeZone})`];
  const sections = [
    { title: 'Open incidents', incidents: report.incidents.filter((incident) => incident.open) },
    { title: 'Finished incidents', incidents: report.incidents.filter((incident) => !incident.open) },
  ].filter(({ incidents }) => incidents.length > 0);
  const tables = sections.map(({ title, incidents }) => {
    const rows = incidents.flatMap((incident) => rowsOf(incident, report.timeZone));
    return { text: `${title}\n${formatTextTable(header, rows)}`, markdown: `**${title}**\n\n${formatMarkdownTable(header, rows)}` };
  });
  return { text: tables.map(({ text }) => text).join('\n'), markdown: tables.map(({ markdown }) => markdown).join('\n\n') };
}

function rowsOf(incident: IncidentSla, timeZone: string): string[][] {
  return incident.targets.map((figure) => [
    incident.id,
    incident.priority,
    figure.target,
    figure.at_risk ? `${figure.state}, at risk` : figure.state,
    formatSeconds(figure.elapsed_seconds),
    figure.remaining_seconds < 0 ? `${formatSeconds(-figure.remaining_seconds)} overdue` : formatSeconds(figure.remaining_seconds),
    figure.breach_at ? formatInZone(Date.parse(figure.breach_at), timeZone) : '',
  ]);
}
