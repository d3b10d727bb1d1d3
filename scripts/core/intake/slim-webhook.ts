import { isObject } from './json-checks.js';
import { MAX_ALERTS } from './parse-alerts.js';

/** The fields of a webhook body intake reads (parse-alerts.ts), and of each alert. */
const GROUP_FIELDS = ['version', 'status', 'groupKey', 'truncatedAlerts'] as const;
const ALERT_FIELDS = ['status', 'labels', 'annotations', 'startsAt', 'endsAt', 'generatorURL', 'fingerprint'] as const;

/**
 * A webhook body cut to what intake reads, before it is checked and fitted into a dispatch: the
 * group's and each alert's read fields only (Grafana's `message`, `values`, dashboard URLs and the
 * like are left out), and at most MAX_ALERTS alerts, firing ones first, the rest counted in
 * `truncatedAlerts` as Alertmanager counts those it leaves out. So the largest outages are forwarded,
 * not refused. Fields that are not what intake expects are kept as they are, for the check to name.
 */
export function slimWebhook(body: Record<string, unknown>): { body: Record<string, unknown>; dropped: number } {
  const slim: Record<string, unknown> = {};
  for (const field of GROUP_FIELDS) if (Object.hasOwn(body, field)) slim[field] = body[field];
  if (!Array.isArray(body.alerts)) return { body: { ...slim, alerts: body.alerts }, dropped: 0 };
  const alerts = body.alerts.map((alert: unknown) => (isObject(alert) ? pick(alert) : alert));
  const ordered = alerts.length > MAX_ALERTS ? [...alerts.filter((alert) => !isResolved(alert)), ...alerts.filter(isResolved)] : alerts;
  const dropped = Math.max(0, alerts.length - MAX_ALERTS);
  slim.alerts = ordered.slice(0, MAX_ALERTS);
  if (dropped > 0 && (slim.truncatedAlerts === undefined || typeof slim.truncatedAlerts === 'number'))
    slim.truncatedAlerts = ((slim.truncatedAlerts as number | undefined) ?? 0) + dropped;
  return { body: slim, dropped };
}

function pick(alert: Record<string, unknown>): Record<string, unknown> {
  const kept: Record<string, unknown> = {};
  for (const field of ALERT_FIELDS) if (Object.hasOwn(alert, field)) kept[field] = alert[field];
  return kept;
}

function isResolved(alert: unknown): boolean {
  return isObject(alert) && alert.status === 'resolved';
}
