import { findingAt, type Finding, type Source } from '../findings.js';
import { isOpen } from '../gate/lifecycle.js';
import type { RecordSet } from '../records/record-set.js';
import type { Config, Incident } from '../records/types.js';
import { workingCalendar } from '../time/calendar.js';
import { formatSeconds } from '../time/duration.js';
import { toMillis } from '../time/timestamps.js';
import { computeSla, isMeasured, slaGoals, type TargetFigures } from './clocks.js';
import { dueNotices, type Due, type Notice } from './escalation.js';

/** One measured incident's SLA at a moment, with what the table, the findings and notifying need. */
export interface IncidentSla {
  id: string;
  title: string;
  priority: string;
  targets: TargetFigures[];
  open: boolean;
  /** What should have been announced by now (escalation levels, targets at risk or breached). */
  notices: Notice[];
  /** The record's file and where its keys are, to point findings at its `status`. */
  source: Source;
}

/** The SLA of every measured incident at a moment: what `incidents sla` shows, in every format. */
export interface SlaReport {
  /** The moment, as the JSON gives it. */
  at: string;
  /** The zone people read its times in: the status page's, else UTC; one zone for every incident. */
  timeZone: string;
  incidents: IncidentSla[];
}

/**
 * The SLA at `now` (milliseconds) of each incident that is measured (not a drill, cancelled or
 * maintenance), reported by then, and of a priority with an SLA policy: targets on the policy's
 * calendar, due notices, the zone its times read in.
 * @param at how the moment is written in the JSON; by default `now` in UTC to the second.
 */
export function buildSlaReport(records: RecordSet, now: number, at = new Date(now).toISOString().replace(/\.\d{3}Z$/, 'Z')): SlaReport {
  const { config } = records;
  const incidents = records.incidents.flatMap((record): IncidentSla[] => {
    const incident = record.data;
    const targets = slaOf(incident, config, now);
    if (!targets) return [];
    return [
      {
        id: incident.id,
        title: incident.title,
        priority: incident.priority,
        targets,
        open: isOpen(incident),
        notices: dueNotices(incident, config, targets, now),
        source: { path: record.path, locate: record.locate },
      },
    ];
  });
  return { at, timeZone: config.page?.time_zone ?? 'UTC', incidents };
}

/** One incident's SLA targets at `now`; undefined when it is not measured, not reported yet, or its priority has no policy. */
export function slaOf(incident: Incident, config: Config, now: number): TargetFigures[] | undefined {
  const policy = config.sla?.[incident.priority];
  if (!isMeasured(incident) || toMillis(incident.reported_at) > now || !policy) return undefined;
  return computeSla(incident, slaGoals(policy), workingCalendar(config, policy.calendar), now);
}

/** The SLA JSON of docs/reference.md (`incidents sla --format json`): the moment, and each incident's targets. */
export function toSlaJson(report: SlaReport): { at: string; incidents: { id: string; priority: string; targets: TargetFigures[] }[] } {
  return { at: report.at, incidents: report.incidents.map(({ id, priority, targets }) => ({ id, priority, targets })) };
}

/** Breached (`sla/breached`, an error) and at-risk (`sla/at-risk`, a warning) targets of open incidents, at the record's status. */
export function slaAlerts(report: SlaReport): Finding[] {
  return report.incidents
    .filter((incident) => incident.open)
    .flatMap((incident) =>
      incident.targets.flatMap((figure) => {
        const { id, priority, source } = incident;
        if (figure.state === 'breached')
          return [
            findingAt(
              source,
              ['status'],
              'sla/breached',
              `${id} (${priority}) breached its ${figure.target} target ${formatSeconds(-figure.remaining_seconds)} ago, at ${figure.breach_at}`,
              { severity: 'error' },
            ),
          ];
        if (figure.at_risk)
          return [
            findingAt(
              source,
              ['status'],
              'sla/at-risk',
              `${id} (${priority}) is at risk of breaching its ${figure.target} target: ${formatSeconds(figure.remaining_seconds)} left, due ${figure.breach_at}`,
              { severity: 'warning' },
            ),
          ];
        return [];
      }),
    );
}

/** The same report with its open incidents only (`incidents sla --open`). */
export function openOnly(report: SlaReport): SlaReport {
  return { ...report, incidents: report.incidents.filter((incident) => incident.open) };
}

/** True when an open incident has breached a target: `incidents sla` then exits 1. */
export function hasOpenBreach(report: SlaReport): boolean {
  return report.incidents.some((incident) => incident.open && incident.targets.some((figure) => figure.state === 'breached'));
}

/**
 * What `sla --notify` delivers: each measured incident's due notices, then every incident not
 * measured (cancelled, drills, maintenance), which only closes what a channel keeps open for it.
 * @param records every valid record, even those of files with findings, so a finished incident is closed whatever else is wrong with its file.
 */
export function notificationsDue(report: SlaReport, records: RecordSet): Due[] {
  const measured = report.incidents.map(({ id, title, open, notices, source }): Due => ({ incident: { id, title, path: source.path, open }, notices }));
  const finished = records.incidents
    .filter((record) => !isMeasured(record.data))
    .map((record): Due => ({ incident: { id: record.data.id, title: record.data.title, path: record.path, open: false }, notices: [] }));
  return [...measured, ...finished];
}
