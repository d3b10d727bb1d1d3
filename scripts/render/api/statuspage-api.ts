import { isActive, type PublicIncident, type ServiceState, type StatusModel } from '../../core/status/status-model.js';
import { groupComponentId as groupId } from '../../core/status/status-model.js';
import { toMillis } from '../../core/time/timestamps.js';
import { renderMarkdownText } from '../markdown.js';

/**
 * The Statuspage v2 API as static files, at Statuspage's paths with its field names and enums
 * (docs/reference.md, build), so a client written for Atlassian Statuspage reads it unchanged.
 * Ids are the records' own (service ids, incident ids); groups are components with `group: true`,
 * whose ids (`group_payments`) no service id can take.
 */
export function renderStatuspageApi(model: StatusModel): Map<string, string> {
  const page = { id: model.page.id, name: model.page.name, url: model.page.url, time_zone: model.page.timeZone, updated_at: model.updatedAt };
  const status = { indicator: model.indicator, description: model.description };
  const components = componentsOf(model);
  const byId = new Map(components.map((component) => [component.id, component]));
  const toJson = (incident: PublicIncident) => incidentJson(model, incident, byId);
  const unresolved = model.incidents.filter((incident) => incident.open);
  const recent = [...new Set([...unresolved, ...model.incidents.slice(0, RECENT)])];
  const upcoming = model.maintenances.filter((maintenance) => maintenance.status === 'scheduled');
  const active = model.maintenances.filter(isActive);

  const files: [string, object][] = [
    ['summary.json', { page, components, incidents: unresolved.map(toJson), scheduled_maintenances: [...active, ...upcoming].map(toJson), status }],
    ['status.json', { page, status }],
    ['components.json', { page, components }],
    ['incidents.json', { page, incidents: recent.map(toJson) }],
    ['incidents/unresolved.json', { page, incidents: unresolved.map(toJson) }],
    ['scheduled-maintenances.json', { page, scheduled_maintenances: model.maintenances.slice(0, RECENT).map(toJson) }],
    ['scheduled-maintenances/upcoming.json', { page, scheduled_maintenances: upcoming.map(toJson) }],
    ['scheduled-maintenances/active.json', { page, scheduled_maintenances: active.map(toJson) }],
  ];
  return new Map(files.map(([path, body]) => [`api/v2/${path}`, `${JSON.stringify(body, null, 2)}\n`]));
}

/** Statuspage lists the 50 most recent incidents and maintenances (and every unresolved incident). */
const RECENT = 50;

export interface Component {
  id: string;
  name: string;
  status: ServiceState['status'];
  created_at: string;
  updated_at: string;
  position: number;
  description: string | null;
  showcase: boolean;
  start_date: null;
  group_id: string | null;
  page_id: string;
  group: boolean;
  only_show_if_degraded: boolean;
  components?: string[];
}

/** The services as components, each group as a component of its own just before its first member. */
function componentsOf(model: StatusModel): Component[] {
  const created = earliest([...model.incidents, ...model.maintenances].map((incident) => incident.reportedAt)) ?? model.at;
  const components: Component[] = [];
  const add = (fields: Pick<Component, 'id' | 'name' | 'status' | 'updated_at' | 'description' | 'group_id' | 'group' | 'components'>) =>
    components.push({
      ...fields,
      created_at: created,
      position: components.length + 1,
      showcase: true,
      start_date: null,
      page_id: model.page.id,
      only_show_if_degraded: false,
    });
  for (const service of model.services) {
    const group = service.group ? model.groups.find((candidate) => candidate.name === service.group) : undefined;
    if (group && !components.some((component) => component.id === groupId(group.name))) {
      const updated = model.services
        .filter((member) => member.group === group.name)
        .map((member) => member.updatedAt ?? created)
        .sort(byTime)
        .at(-1)!;
      add({
        id: groupId(group.name),
        name: group.name,
        status: group.status,
        updated_at: updated,
        description: null,
        group_id: null,
        group: true,
        components: group.services,
      });
    }
    add({
      id: service.id,
      name: service.name,
      status: service.status,
      updated_at: service.updatedAt ?? created,
      description: service.description ?? null,
      group_id: group ? groupId(group.name) : null,
      group: false,
    });
  }
  return components;
}

/** An incident or maintenance, and the components, as the API shows them: for the subscriber webhooks' payloads. */
export function statuspageObjects(model: StatusModel): { incident: (incident: PublicIncident) => object; components: ReadonlyMap<string, Component> } {
  const byId = new Map(componentsOf(model).map((component) => [component.id, component]));
  return { incident: (incident) => incidentJson(model, incident, byId), components: byId };
}

const byTime = (a: string, b: string) => toMillis(a) - toMillis(b);

/** The earliest of some timestamps, as written (the first of those at the earliest instant); each read once. */
function earliest(times: readonly string[]): string | undefined {
  let [found, instant] = [times[0], times.length > 0 ? toMillis(times[0]!) : Infinity];
  for (const time of times) {
    const at = toMillis(time);
    if (at < instant) [found, instant] = [time, at];
  }
  return found;
}

/**
 * An incident or maintenance in Statuspage's shape; updates newest first, as Statuspage gives them.
 * Bodies are the plain text of the pages' sanitized Markdown, so nothing hidden on the page is here.
 */
function incidentJson(model: StatusModel, incident: PublicIncident, components: ReadonlyMap<string, Component>) {
  return {
    id: incident.id,
    name: incident.title,
    status: incident.status,
    impact: incident.impact,
    created_at: incident.reportedAt,
    updated_at: incident.updatedAt,
    started_at: incident.startedAt,
    monitoring_at: incident.monitoringAt ?? null,
    resolved_at: incident.resolvedAt ?? null,
    ...(incident.type === 'maintenance' ? { scheduled_for: incident.scheduledFor ?? null, scheduled_until: incident.scheduledUntil ?? null } : {}),
    shortlink: `${model.page.url}/incidents/${incident.id}.html`,
    page_id: model.page.id,
    incident_updates: incident.updates
      .map((update, index) => ({
        id: `${incident.id}-${index + 1}`,
        incident_id: incident.id,
        status: update.status,
        body: renderMarkdownText(update.message),
        created_at: update.at,
        updated_at: update.at,
        display_at: update.at,
        affected_components:
          update.components?.map((change) => ({ code: change.id, name: change.name, old_status: change.from, new_status: change.to })) ?? null,
      }))
      .reverse(),
    components: incident.services.map((service) => components.get(service.id)).filter((component) => component !== undefined),
    ...(incident.postmortemSummary !== undefined ? { postmortem_body: renderMarkdownText(incident.postmortemSummary) } : {}),
  };
}
