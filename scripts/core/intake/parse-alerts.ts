import { isObject, JsonReader, describe } from './json-checks.js';
import type { Alert, AlertGroup, Parsed } from './payload.js';

/** Alertmanager's and Grafana's "not set" time, which a firing alert's endsAt carries. */
const ZERO_TIME = /^0001-01-01T00:00:00(?:\.0+)?Z$/;

/** At most this many alerts in one webhook: a larger one is refused, not half-read. */
export const MAX_ALERTS = 1000;

/**
 * Reads an alerting webhook body, as Alertmanager (version 4) or Grafana sends it: `status`,
 * `groupKey`, `truncatedAlerts` and `alerts[]`, each with `status`, `labels`, `annotations`,
 * `startsAt`, `endsAt`, `generatorURL` and `fingerprint`. Grafana's extra fields (`orgId`, `state`,
 * `title`, `message`, `values`, the dashboard, panel and silence URLs) are allowed and not used: none
 * of them, nor any other field, is ever taken as code, a path or markup. Says every problem found.
 */
export function parseAlertGroup(source: AlertGroup['source'], body: unknown): Parsed<AlertGroup> {
  const read = new JsonReader();
  if (!isObject(body)) return { ok: false, problems: [`the ${source} webhook body: expected a JSON object, found ${describe(body)}`] };
  if (source === 'alertmanager' && body.version !== '4')
    read.problem('version', `found ${describe(body.version)}, expected "4" (Alertmanager's webhook version 4)`);
  const status = read.oneOf(body.status, 'status', ['firing', 'resolved'] as const);
  const groupKey = read.string(body.groupKey, 'groupKey', { max: 5_000 });
  const truncatedAlerts = read.count(body.truncatedAlerts, 'truncatedAlerts', { optional: true });
  const alerts: Alert[] = [];
  if (!Array.isArray(body.alerts)) read.problem('alerts', `expected a list of alerts, found ${describe(body.alerts)}`);
  else if (body.alerts.length > MAX_ALERTS) read.problem('alerts', `${body.alerts.length} alerts, expected at most ${MAX_ALERTS}`);
  else body.alerts.forEach((alert, index) => alerts.push(...parseAlert(read, alert, `alerts[${index}]`)));
  if (read.problems.length > 0 || !status || groupKey === undefined) return { ok: false, problems: read.problems };
  return { ok: true, value: { source, status, groupKey, truncatedAlerts, alerts } };
}

function parseAlert(read: JsonReader, alert: unknown, path: string): Alert[] {
  if (!isObject(alert)) {
    read.problem(path, `expected an alert object, found ${describe(alert)}`);
    return [];
  }
  const before = read.problems.length;
  const status = read.oneOf(alert.status, `${path}.status`, ['firing', 'resolved'] as const);
  const labels = read.stringMap(alert.labels, `${path}.labels`, { max: 2_000 });
  const annotations = read.stringMap(alert.annotations, `${path}.annotations`, { optional: true });
  const startsAt = read.timestamp(alert.startsAt, `${path}.startsAt`);
  const rawEnd = read.string(alert.endsAt, `${path}.endsAt`, { optional: true, max: 64 });
  const endsAt = rawEnd === undefined || ZERO_TIME.test(rawEnd) || status !== 'resolved' ? undefined : read.timestamp(rawEnd, `${path}.endsAt`);
  const generatorURL = read.string(alert.generatorURL, `${path}.generatorURL`, { optional: true, max: 2_000 });
  const fingerprint = read.string(alert.fingerprint, `${path}.fingerprint`, { optional: true, max: 200 });
  if (read.problems.length > before || !status || !startsAt) return [];
  return [
    {
      status,
      labels,
      annotations,
      startsAt,
      ...(endsAt ? { endsAt } : {}),
      ...(generatorURL ? { generatorURL } : {}),
      ...(fingerprint ? { fingerprint } : {}),
    },
  ];
}
