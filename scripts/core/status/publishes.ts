import type { ComponentStatus } from './component-status.js';
import type { ComponentChange, Indicator, PublicIncident, PublicStatus, StatusModel } from './status-model.js';

/**
 * What a change to the records newly shows the public: the difference between two public status
 * models taken at the same instant (check-pr's base and head). Both models hold only public data,
 * so nothing internal can be in it. The renderers turn it into JSON (with each message's HTML) and
 * into the gate comment's Markdown.
 */
export interface Publishes {
  /** Public incidents new on the page: added, or made public. */
  incidents: PublishedIncident[];
  /** Public updates new on the page (of incidents and maintenances), each incident's oldest first. */
  updates: PublishedUpdate[];
  /** Services whose state on the page changes. */
  components: ServiceChange[];
  /** Public maintenance windows new on the page, or shown differently. */
  maintenances: PublishedMaintenance[];
}

export interface PublishedIncident {
  id: string;
  title: string;
  status: PublicStatus;
  impact: Indicator;
  startedAt: string;
  services: { id: string; name: string; status: ComponentStatus }[];
}

export interface PublishedUpdate {
  /** The incident's (or maintenance's) id and title. */
  incident: string;
  title: string;
  at: string;
  status: PublicStatus;
  /** The Markdown message, as written: the renderers show it. */
  message: string;
  /** The services' state changes this update records (empty when it records none). */
  components: ComponentChange[];
}

/** A service's state on the page before and after; `from` is null for a service the page did not show. */
export interface ServiceChange {
  id: string;
  name: string;
  from: ComponentStatus | null;
  to: ComponentStatus;
}

export interface PublishedMaintenance {
  id: string;
  title: string;
  status: PublicStatus;
  /** `new` on the page, or `changed`: its title, status, window or services differ. */
  change: 'new' | 'changed';
  scheduledFor?: string;
  scheduledUntil?: string;
  services: { id: string; name: string; status: ComponentStatus }[];
}

/**
 * What `head` shows the public that `base` does not: new public incidents, new updates (an
 * update whose time, status or message differs from every one the base shows is new), services
 * whose state differs and maintenance windows new or changed. What the head no longer shows (an
 * incident made internal) is not in it: nothing new is published by it.
 * @param base the model without the change, at the same instant as `head`
 */
export function comparePublished(base: StatusModel, head: StatusModel): Publishes {
  // A bug of ours, not the user's input: an employees' page is no preview of what the public reads.
  if (base.audience !== 'public' || head.audience !== 'public') throw new Error('comparePublished takes the public status models only');
  const before = new Map([...base.incidents, ...base.maintenances].map((incident) => [incident.id, incident]));
  const beforeServices = new Map(base.services.map((service) => [service.id, service.status]));
  return {
    incidents: head.incidents.filter((incident) => !before.has(incident.id)).map(toPublishedIncident),
    updates: [...head.incidents, ...head.maintenances].flatMap((incident) => newUpdates(before.get(incident.id), incident)),
    components: head.services
      .filter((service) => beforeServices.get(service.id) !== service.status)
      .map((service) => ({ id: service.id, name: service.name, from: beforeServices.get(service.id) ?? null, to: service.status })),
    maintenances: head.maintenances.flatMap((maintenance) => {
      const earlier = before.get(maintenance.id);
      if (earlier && windowKey(earlier) === windowKey(maintenance)) return [];
      return [toPublishedMaintenance(maintenance, earlier ? 'changed' : 'new')];
    }),
  };
}

/** Whether merging shows the public nothing new. */
export function publishesNothing(publishes: Publishes): boolean {
  return publishes.incidents.length + publishes.updates.length + publishes.components.length + publishes.maintenances.length === 0;
}

/** The head's updates of an incident that the base does not show (each base update matches one head update at most). */
function newUpdates(earlier: PublicIncident | undefined, incident: PublicIncident): PublishedUpdate[] {
  const shown = new Map<string, number>();
  for (const update of earlier?.updates ?? []) shown.set(updateKey(update), (shown.get(updateKey(update)) ?? 0) + 1);
  const added: PublishedUpdate[] = [];
  for (const update of incident.updates) {
    const key = updateKey(update);
    const left = shown.get(key) ?? 0;
    if (left > 0) {
      shown.set(key, left - 1);
      continue;
    }
    added.push({
      incident: incident.id,
      title: incident.title,
      at: update.at,
      status: update.status,
      message: update.message,
      components: update.components ?? [],
    });
  }
  return added;
}

function updateKey(update: { at: string; status: PublicStatus; message: string }): string {
  return JSON.stringify([update.at, update.status, update.message]);
}

/** What the page shows of a maintenance window, as one comparable string. */
function windowKey(maintenance: PublicIncident): string {
  return JSON.stringify([maintenance.title, maintenance.status, maintenance.scheduledFor, maintenance.scheduledUntil, maintenance.services]);
}

function toPublishedIncident(incident: PublicIncident): PublishedIncident {
  const { id, title, status, impact, startedAt, services } = incident;
  return { id, title, status, impact, startedAt, services };
}

function toPublishedMaintenance(maintenance: PublicIncident, change: PublishedMaintenance['change']): PublishedMaintenance {
  const { id, title, status, scheduledFor, scheduledUntil, services } = maintenance;
  return {
    id,
    title,
    status,
    change,
    ...(scheduledFor ? { scheduledFor } : {}),
    ...(scheduledUntil ? { scheduledUntil } : {}),
    services,
  };
}
