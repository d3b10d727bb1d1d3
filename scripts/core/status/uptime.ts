import { addDays, isoDateIn, toInstant } from '../time/calendar.js';
import { worst, type ComponentStatus } from './component-status.js';
import { toMillis } from '../time/timestamps.js';
import { serviceHistory } from './service-history.js';
import type { Incident } from '../records/types.js';

/**
 * Uptime over the last days, per service, from the states the public incidents recorded over time:
 * Atlassian Statuspage's method. A major outage counts in full, a partial outage at 30%, degraded performance
 * and maintenance not at all; while incidents overlap, the worst one counts; an open incident
 * counts up to now. Drills and maintenance are left out by the caller.
 */
export const UPTIME_DAYS = 90;
export const UPTIME_WEIGHT: Readonly<Record<ComponentStatus, number>> = {
  operational: 0,
  under_maintenance: 0,
  degraded_performance: 0,
  partial_outage: 0.3,
  major_outage: 1,
};

/** A time a service was impaired by one incident. Instants in milliseconds. */
export interface Outage {
  service: string;
  incident: string;
  status: ComponentStatus;
  start: number;
  end: number;
}

export interface UptimeDay {
  /** The local date, `YYYY-MM-DD`, in the page's time zone. */
  date: string;
  /** Weighted downtime in seconds. */
  downtimeSeconds: number;
  /** The worst status the service had that day. */
  worst: ComponentStatus;
  /** The incidents that impaired it that day. */
  incidents: string[];
}

export interface ServiceUptime {
  service: string;
  /** Oldest first; the last is today, up to now. */
  days: UptimeDay[];
  /** 1 - weighted downtime / time, over the days shown. */
  ratio: number;
  /** The same over the last 24 hours, and over the last 7, 30 and 90 local days (today up to now), as far as `days` reaches. */
  periods: UptimePeriod[];
}

export interface UptimePeriod {
  /** `24 hours`, `7 days`, `30 days`, `90 days`. */
  name: string;
  ratio: number;
}

/** The periods a service page gives: local days, as the bars count them. */
const PERIOD_DAYS = [7, 30, 90] as const;
const HOUR = 3_600_000;

/**
 * The outages of some incidents: each service's state over time (service-history.ts), from the
 * start (`started_at`, else `reported_at`) to `resolved_at` (else now).
 */
export function outagesOf(incidents: readonly Incident[], now: number): Outage[] {
  return incidents.flatMap((incident) => {
    const end = incident.resolved_at ? toMillis(incident.resolved_at) : now;
    const history = serviceHistory(incident);
    return history.flatMap((states, index) => {
      const start = toMillis(states.from);
      const until = Math.min(end, index + 1 < history.length ? toMillis(history[index + 1]!.from) : end);
      if (until <= start) return [];
      return states.services
        .filter((service) => service.status !== 'operational')
        .map((service) => ({ service: service.id, incident: incident.id, status: service.status, start, end: until }));
    });
  });
}

/** Uptime of each service over the `days` local days up to `now` in `timeZone`. */
export function computeUptime(services: readonly string[], outages: readonly Outage[], timeZone: string, now: number, days = UPTIME_DAYS): ServiceUptime[] {
  const today = isoDateIn(timeZone, now);
  const windows = Array.from({ length: days }, (_, index) => {
    const date = addDays(today, index - days + 1);
    const start = toInstant(timeZone, date, 0);
    const end = Math.min(now, toInstant(timeZone, addDays(date, 1), 0));
    return { date, start, end };
  });
  const from = windows[0]!.start;
  return services.map((service) => {
    const own = outages.filter((outage) => outage.service === service && outage.end > from && outage.start < now);
    const figures = windows.map(({ date, start, end }) => {
      const clipped = own
        .map((outage) => ({ ...outage, start: Math.max(outage.start, start), end: Math.min(outage.end, end) }))
        .filter((outage) => outage.end > outage.start);
      return {
        day: {
          date,
          downtimeSeconds: Math.round(weightedDowntime(clipped) / 1000),
          worst: worst(clipped.map((outage) => outage.status)),
          incidents: [...new Set(clipped.map((outage) => outage.incident))].sort(),
        },
        length: end - start,
      };
    });
    const ratioOf = (last: typeof figures) => {
      const total = last.reduce((sum, figure) => sum + figure.length, 0);
      const down = last.reduce((sum, figure) => sum + figure.day.downtimeSeconds * 1000, 0);
      return total > 0 ? 1 - down / total : 1;
    };
    const dayAgo = now - 24 * HOUR;
    const lastDay = own
      .map((outage) => ({ ...outage, start: Math.max(outage.start, dayAgo), end: Math.min(outage.end, now) }))
      .filter((outage) => outage.end > outage.start);
    const periods = [
      { name: '24 hours', ratio: 1 - weightedDowntime(lastDay) / (24 * HOUR) },
      ...PERIOD_DAYS.filter((count) => count <= days).map((count) => ({ name: `${count} days`, ratio: ratioOf(figures.slice(-count)) })),
    ];
    return { service, days: figures.map((figure) => figure.day), ratio: ratioOf(figures), periods };
  });
}

/** Milliseconds of downtime, weighted, counting only the heaviest outage at each moment. */
function weightedDowntime(outages: readonly Outage[]): number {
  const edges = [...new Set(outages.flatMap((outage) => [outage.start, outage.end]))].sort((a, b) => a - b);
  let sum = 0;
  for (let index = 0; index + 1 < edges.length; index++) {
    const [start, end] = [edges[index]!, edges[index + 1]!];
    const weight = Math.max(0, ...outages.filter((outage) => outage.start <= start && outage.end >= end).map((outage) => UPTIME_WEIGHT[outage.status]));
    sum += weight * (end - start);
  }
  return sum;
}
