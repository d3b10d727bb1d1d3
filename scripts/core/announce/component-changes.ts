import type { ComponentChange, PublicIncident } from '../status/status-model.js';

export type { ComponentChange };

/**
 * The component changes each public update of an incident records, by the update's index: the
 * status model's own (`updates[].components`, from the records' `updates[].services`). A record
 * whose updates record no states keeps its services' states from start to end: they take them with
 * its first update and are operational again with the first update that resolves it. Maintenance
 * is left out: its services are in its start and completion messages.
 */
export function componentChangesOf(incident: PublicIncident): Map<number, ComponentChange[]> {
  const changes = new Map<number, ComponentChange[]>();
  if (incident.type !== 'incident' || incident.updates.length === 0) return changes;
  if (incident.updates.some((update) => update.components !== undefined)) {
    incident.updates.forEach((update, index) => {
      if (update.components && update.components.length > 0) changes.set(index, update.components);
    });
    return changes;
  }
  const affected = incident.services.filter((service) => service.status !== 'operational');
  changes.set(
    0,
    affected.map((service) => ({ id: service.id, name: service.name, from: 'operational', to: service.status })),
  );
  const resolving = incident.updates.findIndex((update) => update.status === 'resolved' || update.status === 'postmortem');
  if (resolving > 0) {
    changes.set(
      resolving,
      affected.map((service) => ({ id: service.id, name: service.name, from: service.status, to: 'operational' })),
    );
  }
  return changes;
}
