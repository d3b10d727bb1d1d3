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

/** One incident's spans in seconds (undefined without both timestamps by then), and its start: what the metrics average. */
export interface IncidentSpans {
  acknowledge?: number;
  detect?: number;
  resolve?: number;
  /** started_at in milliseconds; an incident without one has no place among the gaps between failures. */
  start?: number;
  services: readonly string[];
}

/**
 * An incident's spans at `now` (milliseconds): MTTA's acknowledged_at − reported_at, MTTD's
 * detected_at − started_at, MTTR's resolved_at − reported_at, each once both timestamps are there by
 * `now`. Worked out once an incident, however many groups it is measured in.
 */
export function incidentSpans(incident: Incident, now: number): IncidentSpans {
  const span = (from: string | undefined, to: string | undefined) => {
    if (from === undefined || to === undefined) return undefined;
    const end = toMillis(to);
    return end <= now ? (end - toMillis(from)) / 1000 : undefined;
  };
  return {
    acknowledge: span(incident.reported_at, incident.acknowledged_at),
    detect: span(incident.started_at, incident.detected_at),
    resolve: span(incident.reported_at, incident.resolved_at),
    start: incident.started_at === undefined ? undefined : toMillis(incident.started_at),
    services: [...new Set(incident.services.map((affected) => affected.id))],
  };
}

/**
 * The metrics of a group of incidents, from their spans: the mean of each span, and MTBF, the mean
 * gap between consecutive starts on the same service, all services' gaps pooled. The caller picks
 * the incidents: measured ones only (not cancelled, drills or maintenance).
 */
export function computeMetrics(incidents: readonly IncidentSpans[]): Metrics {
  return {
    count: incidents.length,
    mtta_seconds: mean(incidents.map((incident) => incident.acknowledge)),
    mttd_seconds: mean(incidents.map((incident) => incident.detect)),
    mttr_seconds: mean(incidents.map((incident) => incident.resolve)),
    mtbf_seconds: mean(gapsBetweenFailures(incidents)),
  };
}

/** Seconds between consecutive starts on each service. */
function gapsBetweenFailures(incidents: readonly IncidentSpans[]): number[] {
  const starts = new Map<string, number[]>();
  for (const { start, services } of incidents) {
    if (start === undefined) continue;
    for (const service of services) {
      const times = starts.get(service);
      if (times) times.push(start);
      else starts.set(service, [start]);
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
