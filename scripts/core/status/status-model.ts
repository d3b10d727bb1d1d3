import { worst, type ComponentStatus } from './component-status.js';
import { localMonth } from './local-month.js';
import { publicSummary } from './postmortem-summary.js';
import type { RecordSet } from '../records/record-set.js';
import { toMillis } from '../time/timestamps.js';
import type { Incident, RecordStatus } from '../records/types.js';
import { isMeasured } from '../sla/clocks.js';
import { computeUptime, outagesOf, UPTIME_DAYS, type Outage, type ServiceUptime } from './uptime.js';
import { stateChanges, type ServiceState as ServiceStateAt } from './service-history.js';

/**
 * The public status model: what the status page, its API and its feeds show, computed from the
 * records and an instant `now`. Only public data gets in here (docs/reference.md, What is published): internal and
 * cancelled records are left out, and of a public one only id, title, type, status, services,
 * times, updates and a published public postmortem's Summary are kept. Everything the renderers
 * write comes from this model, so nothing else can leak. The internal audience adds internal
 * records, projected the same way, and the roles (commander, communications); nothing more.
 */
export interface StatusModel {
  /** Who the site is for: the public, or employees (internal incidents and roles too). */
  audience: Audience;
  /** The instant the page shows, ISO 8601 UTC. */
  at: string;
  page: { id: string; name: string; url: string; timeZone: string };
  /** The latest public change at or before `at` (an update, or a maintenance window opening or closing). */
  updatedAt: string;
  indicator: Indicator;
  description: string;
  services: ServiceState[];
  /** Service groups in the config's order; a service without a group is in none. */
  groups: { name: string; status: ComponentStatus; services: string[] }[];
  /** Public incidents, newest first. */
  incidents: PublicIncident[];
  /** Public maintenances, newest first. */
  maintenances: PublicIncident[];
  knownIssues: KnownIssue[];
  uptime: ServiceUptime[];
  /** The announce channels the config marks public, with where to join them (http or https only). */
  subscriptions: Subscription[];
}

/** A public way to follow the page besides its feeds: a channel's name, type and join link. */
export interface Subscription {
  name: string;
  type: 'slack' | 'teams' | 'webhook' | 'email';
  url: string;
}

/**
 * `public`: what anyone may read. `internal`: the same site for employees, with internal incidents
 * and the incident roles too; still never a record's body, its other internal keys, or problems.
 */
export type Audience = 'public' | 'internal';

/** Statuspage's incident and maintenance statuses. */
export type PublicStatus = 'investigating' | 'identified' | 'monitoring' | 'resolved' | 'postmortem' | 'scheduled' | 'in_progress' | 'verifying' | 'completed';
/** Statuspage's impact of an incident, and the page's indicator. */
export type Indicator = 'none' | 'minor' | 'major' | 'critical' | 'maintenance';

export interface ServiceState {
  id: string;
  name: string;
  group?: string;
  description?: string;
  status: ComponentStatus;
  /** When the service's status last changed by a public record (at or before `at`). */
  updatedAt?: string;
}

export interface PublicUpdate {
  at: string;
  status: PublicStatus;
  message: string;
  /** The services whose state this update changed, with the old and new state (absent when it records none). */
  components?: ComponentChange[];
}

/** A service's state changed by an update (Statuspage's affected_components). */
export interface ComponentChange {
  id: string;
  name: string;
  from: ComponentStatus;
  to: ComponentStatus;
}

export interface PublicIncident {
  id: string;
  title: string;
  type: Incident['type'];
  /** The status shown at `at`: a maintenance moves with its window. */
  status: PublicStatus;
  open: boolean;
  impact: Indicator;
  services: { id: string; name: string; status: ComponentStatus }[];
  reportedAt: string;
  startedAt: string;
  resolvedAt?: string;
  monitoringAt?: string;
  scheduledFor?: string;
  scheduledUntil?: string;
  /** Oldest first. */
  updates: PublicUpdate[];
  updatedAt: string;
  /** The Markdown of a published public postmortem's Summary section. */
  postmortemSummary?: string;
  /** The local month (`YYYY-MM`) it started in, for the history pages. */
  month: string;
  /** Internal audience only: the record is internal, and who leads it and who writes its updates. */
  internal?: boolean;
  roles?: { commander?: string; communications?: string };
}

export interface KnownIssue {
  id: string;
  title: string;
  services: { id: string; name: string }[];
  workaround: string;
  since: string;
}

/** Record status → what Statuspage shows (docs/reference.md, Lifecycle); cancelled records are not shown. */
const PUBLIC_STATUS: Readonly<Record<RecordStatus, PublicStatus | undefined>> = {
  reported: 'investigating',
  investigating: 'investigating',
  identified: 'identified',
  on_hold: 'identified',
  monitoring: 'monitoring',
  resolved: 'resolved',
  closed: 'resolved',
  cancelled: undefined,
  scheduled: 'scheduled',
  in_progress: 'in_progress',
  verifying: 'verifying',
  completed: 'completed',
};

const MAINTENANCE_ORDER: readonly PublicStatus[] = ['scheduled', 'in_progress', 'verifying', 'completed'];
const FINISHED: readonly PublicStatus[] = ['resolved', 'postmortem', 'completed'];

/** An incident's impact is its worst service status (Statuspage's own mapping). */
const IMPACT: Readonly<Record<ComponentStatus, Indicator>> = {
  operational: 'none',
  under_maintenance: 'maintenance',
  degraded_performance: 'minor',
  partial_outage: 'major',
  major_outage: 'critical',
};

/** Indicators from best to worst. */
export const INDICATOR_ORDER: readonly Indicator[] = ['none', 'maintenance', 'minor', 'major', 'critical'];

/** What the page says for each indicator, in Statuspage's words. */
const INDICATOR_DESCRIPTION: Readonly<Record<Indicator, string>> = {
  none: 'All Systems Operational',
  maintenance: 'Service Under Maintenance',
  minor: 'Minor Service Outage',
  major: 'Partial System Outage',
  critical: 'Major System Outage',
};

/** Builds the status model of some valid records at `now` (milliseconds), for the public unless told otherwise. */
export function buildStatusModel(records: RecordSet, now: number, audience: Audience = 'public'): StatusModel {
  const { config } = records;
  const postmortems = new Map(records.postmortems.map((postmortem) => [postmortem.data.incident, postmortem]));
  const summaryOf = (id: string) => {
    const postmortem = postmortems.get(id);
    return postmortem && publicSummary(postmortem);
  };
  const page = {
    id: slug(config.page?.name ?? 'status'),
    name: config.page?.name ?? 'Status',
    url: (config.page?.url ?? '').replace(/\/+$/, ''),
    timeZone: config.page?.time_zone ?? 'UTC',
  };
  const serviceNames = new Map(config.services.map((service) => [service.id, service.name]));
  // Each record's start, once: the sort below would parse it again at every comparison.
  const published = records.incidents
    .map((record) => toPublic(record.data, now, page.timeZone, serviceNames, summaryOf, audience))
    .filter((incident): incident is PublicIncident => incident !== undefined)
    .map((incident) => ({ incident, start: toMillis(incident.startedAt) }))
    .sort(newestFirst)
    .map(({ incident }) => incident);
  const incidents = published.filter((incident) => incident.type === 'incident');
  const maintenances = published.filter((incident) => incident.type === 'maintenance');

  // One pass over the records for every service: its worst current state, and its latest change.
  const worstNow = new Map<string, ComponentStatus>();
  const touched = new Map<string, Latest>();
  const changes = new Latest();
  const current = published.filter((incident) => incident.open && (incident.type === 'incident' || isActive(incident)));
  const isCurrent = new Set(current);
  for (const incident of published) {
    const times = changeTimes(incident, now);
    changes.addAll(times);
    for (const affected of incident.services) {
      if (isCurrent.has(incident)) worstNow.set(affected.id, worst([worstNow.get(affected.id) ?? 'operational', affected.status]));
      let latest = touched.get(affected.id);
      if (!latest) touched.set(affected.id, (latest = new Latest()));
      latest.addAll(times);
    }
  }

  const services: ServiceState[] = config.services.map((service) => {
    const updatedAt = touched.get(service.id)?.time;
    return {
      id: service.id,
      name: service.name,
      ...(service.group ? { group: service.group } : {}),
      ...(service.description ? { description: service.description } : {}),
      status: worstNow.get(service.id) ?? 'operational',
      ...(updatedAt !== undefined ? { updatedAt } : {}),
    };
  });

  const impacts = current.filter((incident) => incident.type === 'incident').map((incident) => incident.impact);
  const activeMaintenance = current.some((incident) => incident.type === 'maintenance');
  const worstImpact = impacts.reduce<Indicator>((a, b) => (INDICATOR_ORDER.indexOf(b) > INDICATOR_ORDER.indexOf(a) ? b : a), 'none');
  const indicator = worstImpact === 'none' && activeMaintenance ? 'maintenance' : worstImpact;
  const at = new Date(now).toISOString().replace('.000Z', 'Z');

  return {
    audience,
    at,
    page,
    updatedAt: changes.time ?? at,
    indicator,
    description: INDICATOR_DESCRIPTION[indicator],
    services,
    groups: groupsOf(services),
    incidents,
    maintenances,
    knownIssues: records.knownErrors
      .filter((record) => record.data.public === true && record.data.status === 'active')
      .map(({ data }) => ({
        id: data.id,
        title: data.title,
        services: data.services.map((id) => ({ id, name: serviceNames.get(id) ?? id })),
        workaround: data.workaround ?? '',
        since: data.created_at,
      }))
      .sort((a, b) => (a.id < b.id ? -1 : 1)),
    subscriptions: (config.announce?.channels ?? [])
      .filter((channel) => channel.public === true && channel.join_url !== undefined && /^https?:\/\//i.test(channel.join_url))
      .map((channel) => ({ name: channel.name ?? channel.id, type: channel.type, url: channel.join_url! })),
    uptime: computeUptime(
      config.services.map((service) => service.id),
      measuredOutages(records, now, audience),
      page.timeZone,
      now,
    ),
  };
}

/** The public view of one record, or undefined when it is not published. */
function toPublic(
  incident: Incident,
  now: number,
  timeZone: string,
  serviceNames: ReadonlyMap<string, string>,
  summaryOf: (id: string) => string | undefined,
  audience: Audience,
): PublicIncident | undefined {
  const recorded = PUBLIC_STATUS[incident.status];
  if (!shownTo(audience, incident) || recorded === undefined) return undefined;
  const summary = incident.type === 'incident' && FINISHED.includes(recorded) ? summaryOf(incident.id) : undefined;
  let status: PublicStatus = summary !== undefined ? 'postmortem' : recorded;
  let resolvedAt = incident.resolved_at;
  if (incident.type === 'maintenance' && incident.scheduled_for && incident.scheduled_until) {
    const byClock = now >= toMillis(incident.scheduled_until) ? 'completed' : now >= toMillis(incident.scheduled_for) ? 'in_progress' : 'scheduled';
    if (MAINTENANCE_ORDER.indexOf(byClock) > MAINTENANCE_ORDER.indexOf(status)) status = byClock;
    if (status === 'completed') resolvedAt ??= incident.scheduled_until;
  }
  let states: readonly ServiceStateAt[] = [];
  const updates = incident.updates.map((update): PublicUpdate => {
    const base = { at: update.at, status: PUBLIC_STATUS[update.status] ?? recorded, message: update.message };
    if (!update.services) return base;
    const changes = stateChanges(states, update.services).map((change) => ({ ...change, name: serviceNames.get(change.id) ?? change.id }));
    states = update.services;
    return { ...base, components: changes };
  });
  const startedAt = incident.started_at ?? incident.scheduled_for ?? incident.reported_at;
  const monitoring = updates.filter((update) => update.status === 'monitoring').at(-1);
  return {
    id: incident.id,
    title: incident.title,
    type: incident.type,
    status,
    open: !FINISHED.includes(status),
    impact: incident.type === 'maintenance' ? 'maintenance' : IMPACT[worst(incident.services.map((service) => service.status))],
    services: incident.services.map((service) => ({ id: service.id, name: serviceNames.get(service.id) ?? service.id, status: service.status })),
    reportedAt: incident.reported_at,
    startedAt,
    ...(resolvedAt ? { resolvedAt } : {}),
    ...(monitoring ? { monitoringAt: monitoring.at } : {}),
    ...(incident.scheduled_for ? { scheduledFor: incident.scheduled_for } : {}),
    ...(incident.scheduled_until ? { scheduledUntil: incident.scheduled_until } : {}),
    updates,
    updatedAt: latest([incident.reported_at, ...updates.map((update) => update.at)]),
    ...(summary !== undefined ? { postmortemSummary: summary } : {}),
    month: localMonth(timeZone, toMillis(startedAt)),
    ...(audience === 'internal' ? { internal: incident.visibility === 'internal', roles: rolesOf(incident) } : {}),
  };
}

/** A public record is shown to everyone, an internal one to employees only. */
function shownTo(audience: Audience, incident: Incident): boolean {
  return incident.visibility === 'public' || audience === 'internal';
}

function rolesOf(incident: Incident): NonNullable<PublicIncident['roles']> {
  return { ...(incident.commander ? { commander: incident.commander } : {}), ...(incident.communications ? { communications: incident.communications } : {}) };
}

/** The service groups in the order they first appear, each as bad as its worst member. */
function groupsOf(services: readonly ServiceState[]): StatusModel['groups'] {
  const groups = new Map<string, StatusModel['groups'][number]>();
  for (const service of services) {
    if (!service.group) continue;
    const group = groups.get(service.group) ?? { name: service.group, status: 'operational', services: [] };
    group.services.push(service.id);
    group.status = worst([group.status, service.status]);
    groups.set(service.group, group);
  }
  return [...groups.values()];
}

/**
 * What counts against uptime: the incidents shown (public ones, for the public) that were not
 * cancelled and are not drills. One resolved before the days the uptime covers cannot count (the
 * days go back less than two days more than UPTIME_DAYS), so its outages are not worked out.
 */
function measuredOutages(records: RecordSet, now: number, audience: Audience): Outage[] {
  const before = now - (UPTIME_DAYS + 2) * 86_400_000;
  const counted = records.incidents
    .map((record) => record.data)
    .filter((incident) => shownTo(audience, incident) && isMeasured(incident) && !(incident.resolved_at && toMillis(incident.resolved_at) < before));
  return outagesOf(counted, now);
}

/** A maintenance is active while its window is open and it is not completed. */
export function isActive(incident: PublicIncident): boolean {
  return incident.status === 'in_progress' || incident.status === 'verifying';
}

/** When a public record changed what the page shows, up to `now`, with their instants. */
function changeTimes(incident: PublicIncident, now: number): [string, number][] {
  const times = [incident.reportedAt, ...incident.updates.map((update) => update.at)];
  if (incident.type === 'maintenance') times.push(...[incident.scheduledFor, incident.scheduledUntil].filter((time): time is string => time !== undefined));
  return times.map((time): [string, number] => [time, toMillis(time)]).filter(([, instant]) => instant <= now);
}

/** The latest of the timestamps added, as written: the first one added of those at the latest instant. */
class Latest {
  time: string | undefined;
  private instant = -Infinity;
  addAll(times: readonly (readonly [string, number])[]): void {
    for (const [time, instant] of times) {
      if (this.time === undefined || instant > this.instant) [this.time, this.instant] = [time, instant];
    }
  }
}

/** The latest of some timestamps, as written. */
function latest(times: readonly string[]): string {
  return times.reduce((a, b) => (toMillis(b) > toMillis(a) ? b : a));
}

/** Newest start first; the id breaks ties, so the order never depends on the file system. */
function newestFirst(a: { incident: PublicIncident; start: number }, b: { incident: PublicIncident; start: number }): number {
  return b.start - a.start || (a.incident.id < b.incident.id ? 1 : a.incident.id > b.incident.id ? -1 : 0);
}

/** A lowercase id made of letters, digits and dashes. */
/**
 * A group's component id in the Statuspage API: `group_` and its name's slug. A service id has no
 * `_` (its schema's pattern), so the two never meet; config/unique-group refuses two groups whose
 * names give the same one.
 */
export function groupComponentId(name: string): string {
  return `group_${slug(name)}`;
}

export function slug(text: string): string {
  return (
    text
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '') || 'page'
  );
}
