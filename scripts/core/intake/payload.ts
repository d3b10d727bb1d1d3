import type { Incident } from '../records/types.js';

/** Where an intake payload comes from: the two alerting webhooks and the issue form. */
export const INTAKE_SOURCES = ['alertmanager', 'grafana', 'issue'] as const;
export type IntakeSource = (typeof INTAKE_SOURCES)[number];

/** One alert, as Alertmanager and Grafana send it, validated and with its times in UTC. */
export interface Alert {
  status: 'firing' | 'resolved';
  labels: Readonly<Record<string, string>>;
  annotations: Readonly<Record<string, string>>;
  /** ISO 8601 UTC, whole seconds. */
  startsAt: string;
  /** Set only when the alert has resolved. */
  endsAt?: string;
  generatorURL?: string;
  fingerprint?: string;
}

/** One webhook: a group of alerts that share the sender's grouping labels. */
export interface AlertGroup {
  source: 'alertmanager' | 'grafana';
  /** The group's status: `resolved` only when every alert of the group (shown or not) has resolved. */
  status: 'firing' | 'resolved';
  groupKey: string;
  /** Alerts of the group that the sender (or the relay) left out of `alerts`. */
  truncatedAlerts: number;
  alerts: readonly Alert[];
}

/** A person's report, from the "Report an incident" issue form. */
export interface IssueReport {
  source: 'issue';
  number: number;
  url: string;
  /** The issue's title without the form's "[Incident]" prefix. */
  title: string;
  /** The GitHub login of who opened it. */
  author: string;
  /** When the issue was opened, ISO 8601 UTC. */
  openedAt: string;
  /** What the Service dropdown said: "Name (id)". */
  service: string;
  impact: Incident['impact'];
  urgency: Incident['urgency'];
  /** What is happening, as the person wrote it (Markdown, never rendered by intake). */
  text: string;
}

export type IntakePayload = AlertGroup | IssueReport;

/** A parse: the value, or each problem found, as `path: what was found, what was expected`. */
export type Parsed<T> = { ok: true; value: T } | { ok: false; problems: string[] };
