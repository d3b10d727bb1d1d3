import type { PublicIncident, PublicUpdate, StatusModel } from '../status/status-model.js';
import { isActive } from '../status/status-model.js';
import { toMillis } from '../time/timestamps.js';
import { componentChangesOf, type ComponentChange } from './component-changes.js';

/** The kinds of event a channel's `events` filter names (docs/reference.md, announce). */
export const EVENT_KINDS = ['incident', 'component', 'maintenance', 'postmortem'] as const;
export type EventKind = (typeof EVENT_KINDS)[number];

/** What happened, one of each kind's moments. */
export type EventType =
  | 'incident_created'
  | 'incident_updated'
  | 'component_changed'
  | 'maintenance_scheduled'
  | 'maintenance_reminder'
  | 'maintenance_started'
  | 'maintenance_completed'
  | 'postmortem_published';

/** The kind each event type belongs to. */
export const KIND_OF: Readonly<Record<EventType, EventKind>> = {
  incident_created: 'incident',
  incident_updated: 'incident',
  component_changed: 'component',
  maintenance_scheduled: 'maintenance',
  maintenance_reminder: 'maintenance',
  maintenance_started: 'maintenance',
  maintenance_completed: 'maintenance',
  postmortem_published: 'postmortem',
};

/**
 * One public event to announce. Its key is stable across runs (the record's id and what happened,
 * never a time of the run), so a channel remembers it once delivered.
 */
export interface PublicEvent {
  key: string;
  type: EventType;
  /** When it happened (ISO 8601); the first run of a channel sends only recent ones. */
  at: string;
  /** The incident or maintenance as the event shows it: for an update, as of that update. */
  incident: PublicIncident;
  /** The update announced (a new incident's first update, or a later one). */
  update?: PublicUpdate;
  /** A component event's change. */
  component?: ComponentChange;
  /** The ids of the services it touches, for a channel's `services` filter. */
  services: string[];
}

/**
 * Every public event of the status model at its instant, oldest first: a new public incident (with
 * its first update) and each later update, the component changes they record, a maintenance's
 * schedule, reminder (`remindBeforeMs` before its start), start and end as the clock moves, and a
 * published postmortem. Only what the model holds, so only what the page shows; nothing later than
 * the model's instant. A maintenance moment that has passed unannounced is not announced late: a
 * run after a window closed sends its completion, not its start.
 * @param remindBeforeMs the config's `announce.remind_before`, or undefined for no reminders
 */
export function publicEvents(model: StatusModel, remindBeforeMs: number | undefined): PublicEvent[] {
  const now = toMillis(model.at);
  const events = [
    ...model.incidents.flatMap((incident) => incidentEvents(incident)),
    ...model.maintenances.flatMap((maintenance) => maintenanceEvents(maintenance, now, remindBeforeMs)),
  ].filter((event) => toMillis(event.at) <= now);
  return events.sort((a, b) => toMillis(a.at) - toMillis(b.at) || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}

/** A new incident, its later updates, the component changes they record, its published postmortem. */
function incidentEvents(incident: PublicIncident): PublicEvent[] {
  const services = incident.services.map((service) => service.id);
  const changes = componentChangesOf(incident);
  const events: PublicEvent[] = [];
  if (incident.updates.length === 0) {
    events.push({ key: `${incident.id}/created`, type: 'incident_created', at: incident.reportedAt, incident, services });
  }
  incident.updates.forEach((update, index) => {
    const asOf = asOfUpdate(incident, index);
    events.push({
      key: index === 0 ? `${incident.id}/created` : `${incident.id}/update/${index}`,
      type: index === 0 ? 'incident_created' : 'incident_updated',
      at: update.at,
      incident: asOf,
      update,
      services,
    });
    for (const component of changes.get(index) ?? []) {
      events.push({
        key: `${incident.id}/update/${index}/component/${component.id}`,
        type: 'component_changed',
        at: update.at,
        incident: asOf,
        update,
        component,
        services: [component.id],
      });
    }
  });
  if (incident.postmortemSummary !== undefined) {
    events.push({ key: `${incident.id}/postmortem`, type: 'postmortem_published', at: incident.resolvedAt ?? incident.updatedAt, incident, services });
  }
  return events;
}

/** A maintenance's moments that are due at `now`: scheduled before it starts, the reminder, the start while it runs, the end once done. */
function maintenanceEvents(maintenance: PublicIncident, now: number, remindBeforeMs: number | undefined): PublicEvent[] {
  const services = maintenance.services.map((service) => service.id);
  const event = (type: EventType, suffix: string, at: string): PublicEvent => ({
    key: `${maintenance.id}/${suffix}`,
    type,
    at,
    incident: maintenance,
    update: latestUpdateAt(maintenance, toMillis(at)),
    services,
  });
  const start = maintenance.scheduledFor;
  if (maintenance.status === 'scheduled') {
    const events = [event('maintenance_scheduled', 'scheduled', maintenance.reportedAt)];
    if (start && remindBeforeMs !== undefined) {
      const remindAt = toMillis(start) - remindBeforeMs;
      // Only before it starts; a reminder for a maintenance scheduled inside the reminder's lead time is the schedule itself.
      if (remindAt <= now && remindAt > toMillis(maintenance.reportedAt)) events.push(event('maintenance_reminder', 'reminder', iso(remindAt)));
    }
    return events;
  }
  if (isActive(maintenance)) return [event('maintenance_started', 'started', start ?? firstUpdate(maintenance, 'in_progress') ?? maintenance.reportedAt)];
  if (maintenance.status === 'completed')
    return [event('maintenance_completed', 'completed', maintenance.resolvedAt ?? maintenance.scheduledUntil ?? maintenance.updatedAt)];
  return [];
}

/** The incident as it stood after its update at `index`: the updates up to it, its status then. */
function asOfUpdate(incident: PublicIncident, index: number): PublicIncident {
  if (index === incident.updates.length - 1) return incident;
  const updates = incident.updates.slice(0, index + 1);
  const last = updates.at(-1)!;
  return { ...incident, updates, status: last.status, open: !['resolved', 'postmortem', 'completed'].includes(last.status), updatedAt: last.at };
}

/** The latest update at or before `at`, if any. */
function latestUpdateAt(incident: PublicIncident, at: number): PublicUpdate | undefined {
  return incident.updates.filter((update) => toMillis(update.at) <= at).at(-1);
}

/** The time of the first update with a status. */
function firstUpdate(incident: PublicIncident, status: PublicUpdate['status']): string | undefined {
  return incident.updates.find((update) => update.status === status)?.at;
}

/** Milliseconds as ISO 8601 UTC without milliseconds. */
function iso(ms: number): string {
  return new Date(ms).toISOString().replace('.000Z', 'Z');
}
