import type { ComponentStatus } from '../status/component-status.js';
import type { PublicIncident } from '../status/status-model.js';

/** A service's public state changing with an update: its id, public name, the old and the new state. */
export interface ComponentChange {
  id: string;
  name: string;
  from: ComponentStatus;
  to: ComponentStatus;
}

/**
 * The component changes each public update of an incident records, by the update's index. Kept
 * apart so the status model's own `components` (the changes an update records, from the records'
 * `updates[].services`) replace it in one place: until then, an incident's services take their
 * states with its first update and are operational again with the first update that resolves it
 * (docs/decisions.md, Announcing).
 */
export function componentChangesOf(incident: PublicIncident): Map<number, ComponentChange[]> {
  const changes = new Map<number, ComponentChange[]>();
  if (incident.type !== 'incident' || incident.updates.length === 0) return changes;
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
