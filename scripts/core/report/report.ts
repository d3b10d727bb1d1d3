import { isoDateIn, workingCalendar } from '../time/calendar.js';
import { computeMetrics, incidentSpans, type IncidentSpans, type Metrics } from './metrics.js';
import { isOpen } from '../gate/lifecycle.js';
import type { RecordSet } from '../records/record-set.js';
import { computeSla, isMeasured, slaGoals, type SlaTarget } from '../sla/clocks.js';
import { toMillis } from '../time/timestamps.js';
import type { Incident } from '../records/types.js';
import { computeUptime, outagesOf } from '../status/uptime.js';
import { buildProblemsSection, type ProblemsSection } from './problems.js';

export const PRIORITIES = ['P1', 'P2', 'P3', 'P4', 'P5'] as const;
const TARGETS: readonly SlaTarget[] = ['acknowledge', 'resolve', 'update'];
/** The report looks back this many months (the current one included) and, for downtime, days. */
const REPORT_MONTHS = 12;
const DOWNTIME_DAYS = 365;

/** How many clocks of one target ended met or breached, or still run. */
export interface Compliance {
  met: number;
  breached: number;
  running: number;
}

export interface ActionItemCounts {
  open: number;
  overdue: number;
  done: number;
  wont_do: number;
}

/**
 * The internal report at `at` (docs/reference.md, Report JSON), as its JSON: metrics overall, per priority, per
 * service and per month; SLA compliance and breaches; downtime per service; the known errors that
 * cost most; postmortem action items; problems and recurring incidents. Internal incidents count:
 * this report is for the team.
 */
export interface Report {
  at: string;
  time_zone: string;
  overall: Metrics;
  by_priority: Record<string, Metrics>;
  by_service: Record<string, Metrics>;
  /** Oldest first; incidents by the month they were reported in. */
  by_month: { month: string; overall: Metrics; by_priority: Record<string, number>; by_service: Record<string, number> }[];
  sla: {
    by_priority: Record<string, Record<SlaTarget, Compliance>>;
    breaches: { id: string; title: string; priority: string; target: SlaTarget; over_seconds: number; breach_at: string; open: boolean }[];
  };
  /** Weighted downtime (major outage 100%, partial 30%) over the last 365 days, worst first. */
  downtime: { service: string; name: string; seconds: number }[];
  /** Known errors with the incidents linked to them, most incidents first. */
  known_errors: { id: string; title: string; status: string; incidents: string[] }[];
  action_items: {
    total: ActionItemCounts;
    by_owner: Record<string, ActionItemCounts>;
    overdue: { incident: string; title: string; owner: string | null; due: string; issue: string | null }[];
  };
  problems: ProblemsSection;
}

/** Builds the report of some valid records at `now` (milliseconds). */
export function buildReport(records: RecordSet, now: number): Report {
  const { config } = records;
  const timeZone = config.page?.time_zone ?? 'UTC';
  const measured = records.incidents.map((record) => record.data).filter((incident) => isMeasured(incident) && toMillis(incident.reported_at) <= now);
  const spans = new Map(measured.map((incident) => [incident, incidentSpans(incident, now)]));
  const metrics = (incidents: readonly Incident[]) => computeMetrics(incidents.map((incident): IncidentSpans => spans.get(incident)!));
  const services = config.services.map((service) => service.id);
  const thisMonth = isoDateIn(timeZone, now).slice(0, 7);
  const sla = slaCompliance(records, measured, now);
  // One pass sorts the incidents into their groups; each group is then measured once.
  const ofPriority = groupBy(measured, (incident) => [incident.priority]);
  const ofService = groupBy(measured, (incident) => new Set(incident.services.map((affected) => affected.id)));
  const ofMonth = groupBy(measured, (incident) => [isoDateIn(timeZone, toMillis(incident.reported_at)).slice(0, 7)]);
  const ofKnownError = groupBy(records.incidents, (record) => (record.data.known_error === undefined ? [] : [record.data.known_error]));

  return {
    at: new Date(now).toISOString().replace('.000Z', 'Z'),
    time_zone: timeZone,
    overall: metrics(measured),
    by_priority: Object.fromEntries(PRIORITIES.map((priority) => [priority, metrics(ofPriority.get(priority) ?? [])])),
    by_service: Object.fromEntries(services.map((service) => [service, metrics(ofService.get(service) ?? [])])),
    by_month: lastMonths(thisMonth).map((name) => {
      const inMonth = ofMonth.get(name) ?? [];
      const monthPriorities = groupBy(inMonth, (incident) => [incident.priority]);
      const monthServices = groupBy(inMonth, (incident) => new Set(incident.services.map((affected) => affected.id)));
      return {
        month: name,
        overall: metrics(inMonth),
        by_priority: Object.fromEntries(PRIORITIES.map((priority) => [priority, monthPriorities.get(priority)?.length ?? 0])),
        by_service: Object.fromEntries(services.map((service) => [service, monthServices.get(service)?.length ?? 0])),
      };
    }),
    sla,
    downtime: computeUptime(services, outagesOf(measured, now), timeZone, now, DOWNTIME_DAYS)
      .map((uptime) => ({
        service: uptime.service,
        name: config.services.find((service) => service.id === uptime.service)!.name,
        seconds: uptime.days.reduce((sum, day) => sum + day.downtimeSeconds, 0),
      }))
      .sort((a, b) => b.seconds - a.seconds || (a.service < b.service ? -1 : 1)),
    known_errors: records.knownErrors
      .map(({ data }) => ({
        id: data.id,
        title: data.title,
        status: data.status,
        incidents: (ofKnownError.get(data.id) ?? []).map((record) => record.data.id).sort(),
      }))
      .sort((a, b) => b.incidents.length - a.incidents.length || (a.id < b.id ? -1 : 1)),
    action_items: actionItems(records, isoDateIn(timeZone, now)),
    problems: buildProblemsSection(records, measured, sla.breaches, now, timeZone, DOWNTIME_DAYS),
  };
}

/** The items under each of their keys, in the items' order. */
function groupBy<T>(items: readonly T[], keysOf: (item: T) => Iterable<string>): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    for (const key of keysOf(item)) {
      const group = groups.get(key);
      if (group) group.push(item);
      else groups.set(key, [item]);
    }
  }
  return groups;
}

/** The `YYYY-MM` months of the report, oldest first, ending with `last`. */
function lastMonths(last: string): string[] {
  const [year, month] = last.split('-').map(Number) as [number, number];
  return Array.from({ length: REPORT_MONTHS }, (_, index) => {
    const date = new Date(Date.UTC(year, month - 1 - (REPORT_MONTHS - 1 - index), 1));
    return date.toISOString().slice(0, 7);
  });
}

function slaCompliance(records: RecordSet, measured: readonly Incident[], now: number): Report['sla'] {
  const emptyTargets = () => Object.fromEntries(TARGETS.map((target) => [target, { met: 0, breached: 0, running: 0 }])) as Record<SlaTarget, Compliance>;
  const byPriority = Object.fromEntries(PRIORITIES.map((priority) => [priority, emptyTargets()]));
  const breaches: Report['sla']['breaches'] = [];
  for (const incident of measured) {
    const policy = records.config.sla?.[incident.priority];
    if (!policy) continue;
    for (const figure of computeSla(incident, slaGoals(policy), workingCalendar(records.config, policy.calendar), now)) {
      const counts = byPriority[incident.priority]![figure.target];
      if (figure.state === 'breached') counts.breached++;
      else if (figure.state === 'met') counts.met++;
      else counts.running++;
      if (figure.state === 'breached') {
        breaches.push({
          id: incident.id,
          title: incident.title,
          priority: incident.priority,
          target: figure.target,
          over_seconds: -figure.remaining_seconds,
          breach_at: figure.breach_at!,
          open: isOpen(incident),
        });
      }
    }
  }
  breaches.sort((a, b) => b.over_seconds - a.over_seconds || (a.id < b.id ? -1 : 1));
  return { by_priority: byPriority, breaches };
}

function actionItems(records: RecordSet, today: string): Report['action_items'] {
  const empty = (): ActionItemCounts => ({ open: 0, overdue: 0, done: 0, wont_do: 0 });
  const total = empty();
  const byOwner = new Map<string, ActionItemCounts>();
  const overdue: Report['action_items']['overdue'] = [];
  for (const postmortem of records.postmortems) {
    for (const item of postmortem.data.action_items ?? []) {
      const owner = item.owner ?? '(no owner)';
      const counts = byOwner.get(owner) ?? byOwner.set(owner, empty()).get(owner)!;
      const late = item.status === 'open' && item.due !== undefined && item.due < today;
      for (const tally of [total, counts]) {
        tally[item.status]++;
        if (late) tally.overdue++;
      }
      if (late) overdue.push({ incident: postmortem.data.incident, title: item.title, owner: item.owner ?? null, due: item.due!, issue: item.issue ?? null });
    }
  }
  overdue.sort((a, b) => (a.due < b.due ? -1 : a.due > b.due ? 1 : a.incident < b.incident ? -1 : 1));
  return { total, by_owner: Object.fromEntries([...byOwner].sort(([a], [b]) => (a < b ? -1 : 1))), overdue };
}
