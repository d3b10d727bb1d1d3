import { toMillis } from '../time/timestamps.js';
import type { Incident } from '../records/types.js';

/** The report's figures for a set of incidents (docs/reference.md, Report JSON); a mean with nothing to average is null. */
export interface Metrics {
  count: number;
  mtta_seconds: number | null;
  mttd_seconds: number | null;
  mttr_seconds: number | null;
  mtbf_seconds: number | null;
}

/**
 * MTTA = mean(acknowledged_at − reported_at), MTTD = mean(detected_at − started_at), MTTR =
 * mean(resolved_at − reported_at), each over the incidents that have both timestamps by `now`;
 * MTBF = the mean gap between consecutive `started_at` on the same service, all services' gaps
 * pooled (an incident without `started_at` has no place in that sequence). The caller picks the
 * incidents: measured ones only (not cancelled, drills or maintenance).
 */
export function computeMetrics(incidents: readonly Incident[], now: number): Metrics {
  const span = (from: string | undefined, to: string | undefined) =>
    from !== undefined && to !== undefined && toMillis(to) <= now ? (toMillis(to) - toMillis(from)) / 1000 : undefined;
  return {
    count: incidents.length,
    mtta_seconds: mean(incidents.map((incident) => span(incident.reported_at, incident.acknowledged_at))),
    mttd_seconds: mean(incidents.map((incident) => span(incident.started_at, incident.detected_at))),
    mttr_seconds: mean(incidents.map((incident) => span(incident.reported_at, incident.resolved_at))),
    mtbf_seconds: mean(gapsBetweenFailures(incidents)),
  };
}

/** Seconds between consecutive starts on each service. */
function gapsBetweenFailures(incidents: readonly Incident[]): number[] {
  const starts = new Map<string, number[]>();
  for (const incident of incidents) {
    if (incident.started_at === undefined) continue;
    for (const service of new Set(incident.services.map((affected) => affected.id))) {
      const times = starts.get(service);
      if (times) times.push(toMillis(incident.started_at));
      else starts.set(service, [toMillis(incident.started_at)]);
    }
  }
  return [...starts.values()].flatMap((times) =>
    times
      .sort((a, b) => a - b)
      .slice(1)
      .map((time, index) => (time - times[index]!) / 1000),
  );
}

/** The mean of the defined values, rounded to the second; null when there are none. */
function mean(values: readonly (number | undefined)[]): number | null {
  const defined = values.filter((value): value is number => value !== undefined);
  return defined.length === 0 ? null : Math.round(defined.reduce((sum, value) => sum + value, 0) / defined.length);
}
