import type { SlaReport } from '../core/sla/sla-report.js';
import { formatInZone } from '../core/time/calendar.js';
import { formatSeconds } from '../core/time/duration.js';
import { formatMarkdownTable, formatTextTable } from './plain-tables.js';

/** The SLA as a table for people, one row per target: text columns, and the same rows in Markdown. */
export function formatSlaTable(report: SlaReport): { text: string; markdown: string } {
  const header = ['incident', 'priority', 'target', 'state', 'elapsed', 'remaining', 'breach at'];
  const rows = report.incidents.flatMap((incident) =>
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
