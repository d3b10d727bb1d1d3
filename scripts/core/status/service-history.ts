import type { Incident } from '../records/types.js';
import type { ComponentStatus } from './component-status.js';

/**
 * The services' states over an incident's life, from the states its updates record
 * (`updates[].services`). Each update that records states sets every service's state from its
 * time on; a service it leaves out is operational from then on. The first recorded states hold
 * from the start. A record whose updates record no states (one written before they could) keeps
 * its old meaning: its services' states held from the start to the end (docs/decisions.md).
 */

/** A service and its state. */
export interface ServiceState {
  id: string;
  status: ComponentStatus;
}

/** The states of the incident's services from `from` (ISO 8601) until the next entry's `from`. */
export interface StatesFrom {
  from: string;
  services: readonly ServiceState[];
}

/** The incident's states, oldest first; the first from its start (`started_at`, else `reported_at`). */
export function serviceHistory(incident: Incident): StatesFrom[] {
  const start = incident.started_at ?? incident.reported_at;
  const recorded = (incident.updates ?? []).filter((update) => update.services !== undefined);
  if (recorded.length === 0) return [{ from: start, services: incident.services }];
  return recorded.map((update, index) => ({ from: index === 0 ? start : update.at, services: update.services! }));
}

/** True when some update records the services' states: the record has a history. */
export function hasServiceHistory(incident: Incident): boolean {
  return (incident.updates ?? []).some((update) => update.services !== undefined);
}

/** A service's state in a list of states: operational when the list leaves it out. */
export function stateOf(states: readonly ServiceState[], service: string): ComponentStatus {
  return states.find((state) => state.id === service)?.status ?? 'operational';
}

/** The services whose state differs between two lists, with the old and the new state, in `after`'s order then `before`'s. */
export function stateChanges(before: readonly ServiceState[], after: readonly ServiceState[]): { id: string; from: ComponentStatus; to: ComponentStatus }[] {
  const ids = [...new Set([...after.map((state) => state.id), ...before.map((state) => state.id)])];
  return ids.map((id) => ({ id, from: stateOf(before, id), to: stateOf(after, id) })).filter((change) => change.from !== change.to);
}
