import type { PublicIncident, StatusModel } from '../../core/status/status-model.js';
import { toMillis } from '../../core/time/timestamps.js';

/** What several pages look up in the model, worked out once for a model rather than on every page. */
export interface SiteLists {
  /** Every public incident and maintenance, newest start first (the later id first when two start together). */
  newestFirst: readonly PublicIncident[];
  /** The titles, by id, of the incidents the uptime bars name: the pages that exist to link to. */
  titles: ReadonlyMap<string, string>;
}

const lists = new WeakMap<StatusModel, SiteLists>();

/** The lists of a model, made on first use. */
export function siteLists(model: StatusModel): SiteLists {
  let found = lists.get(model);
  if (!found) lists.set(model, (found = { newestFirst: newestFirst(model.incidents, model.maintenances), titles: titlesNamed(model) }));
  return found;
}

/**
 * Two lists, each newest start first (the later id first when two start together), as the model
 * keeps its incidents and its maintenances, merged in that order. Each start is read once, not at
 * every comparison of a sort.
 */
function newestFirst(a: readonly PublicIncident[], b: readonly PublicIncident[]): PublicIncident[] {
  const [startsA, startsB] = [a.map(startOf), b.map(startOf)];
  const merged: PublicIncident[] = [];
  let [i, j] = [0, 0];
  while (i < a.length && j < b.length) {
    const first = startsA[i]! > startsB[j]! || (startsA[i] === startsB[j] && a[i]!.id > b[j]!.id);
    merged.push(first ? a[i++]! : b[j++]!);
  }
  return [...merged, ...a.slice(i), ...b.slice(j)];
}

const startOf = (incident: PublicIncident) => toMillis(incident.startedAt);

/** The titles of the incidents and maintenances some uptime day names (a few, where a map of all would hold every title). */
function titlesNamed(model: StatusModel): Map<string, string> {
  const named = new Set(model.uptime.flatMap((service) => service.days.flatMap((day) => day.incidents)));
  const titles = new Map<string, string>();
  for (const incident of [...model.incidents, ...model.maintenances]) if (named.has(incident.id)) titles.set(incident.id, incident.title);
  return titles;
}
