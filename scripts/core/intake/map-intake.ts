import { createIncident } from '../authoring/create-record.js';
import { setBlock } from '../authoring/edit-frontmatter.js';
import { moveIncident } from '../authoring/move-record.js';
import type { NewRecord } from '../authoring/new-record.js';
import { LayoutError } from '../errors.js';
import { asWarning, hasErrors, type Finding } from '../findings.js';
import { checkRecordEdit } from '../gate/check-pull-request.js';
import { checkTransition } from '../gate/lifecycle.js';
import { matchKnownErrors } from '../gate/known-error-match.js';
import type { ValidRecord } from '../records/record-set.js';
import type { Config, Incident, KnownError } from '../records/types.js';
import { parseRecordAs, type TextFile } from '../records/validate.js';
import { toMillis } from '../time/timestamps.js';
import { alertsBlock, type RecordedAlert } from './alerts-block.js';
import type { Alert, AlertGroup, IntakePayload, IssueReport } from './payload.js';
import { routeMatcher, type IntakeRoute } from './routes.js';
import { plainText, renderTitle, TITLE_MAX } from './title.js';

/** What intake did with one key: a record made, a record moved on, or nothing and why. */
export interface IntakeChange {
  id: string;
  path: string;
  key: string;
  /** The record's status after the change. */
  status: Incident['status'];
  /** The record's title. */
  title: string;
  /** The record's new text. */
  file: TextFile;
  /** For a new record: the known error it was cancelled against. */
  knownError?: string;
}

/** Everything intake did with one payload; `refused` lists records that would not have been valid (nothing is written for them). */
export interface IntakeResult {
  created: IntakeChange[];
  updated: IntakeChange[];
  ignored: { key: string; reason: string }[];
  refused: { key: string; path: string; findings: Finding[] }[];
}

/** What intake maps a payload onto: the config, the record files and the valid records they hold. */
export interface IntakeState {
  config: Config;
  /** The record files (their text, for editing and for the gate's checks). */
  files: readonly TextFile[];
  /** Every name in the record folders, which a new id must not clash with (default: the files'). */
  names?: readonly string[];
  incidents: readonly ValidRecord<Incident>[];
  knownErrors: readonly ValidRecord<KnownError>[];
}

/** The states an incident is open in: intake adds to these, and never to one that has ended. */
const ENDED: readonly Incident['status'][] = ['resolved', 'closed', 'cancelled'];

/** Service states, least to most severe: a firing alert only ever widens. */
const SEVERITY = ['operational', 'under_maintenance', 'degraded_performance', 'partial_outage', 'major_outage'];

/** The labels that key an incident when the config names none. */
export const DEFAULT_KEY_LABELS = ['alertname'];

/**
 * Maps one payload onto the records (pure: the same payload, records, config and `at` give the same
 * result). Alerts are keyed by the config's key labels; a firing key with no open incident makes
 * one (cancelled with cancel_reason known_error when an active known error matches); a key with an
 * open incident gets its new alerts recorded, its services widened when a worse state fires, and
 * moves to monitoring once every alert of the key has resolved (never to resolved). An alert seen
 * before (same id and start) changes nothing, so a payload delivered twice changes nothing.
 * @param at the time of intake: reported_at of new records, the time of their updates
 */
export function mapIntake(state: IntakeState, payload: IntakePayload, at: string): IntakeResult {
  const result: IntakeResult = { created: [], updated: [], ignored: [], refused: [] };
  const work = { files: [...state.files], names: [...(state.names ?? state.files.map(({ path }) => path))] };
  const add = (change: IntakeChange, into: IntakeChange[]) => {
    into.push(change);
    work.files = [...work.files.filter(({ path }) => path !== change.path), change.file];
    if (!work.names.includes(change.path)) work.names.push(change.path);
  };
  const context = { ...state, ...work, at };
  if (payload.source === 'issue') {
    const outcome = fromReport({ ...context, files: work.files, names: work.names }, payload);
    record(outcome, result, add);
    return result;
  }
  for (const group of groupByKey(state.config, payload, result)) {
    const outcome = fromAlerts({ ...context, files: work.files, names: work.names }, payload, group);
    record(outcome, result, add);
  }
  return result;
}

type Outcome =
  | { kind: 'created' | 'updated'; change: IntakeChange }
  | { kind: 'ignored'; key: string; reason: string }
  | { kind: 'refused'; key: string; path: string; findings: Finding[] };

function record(outcome: Outcome, result: IntakeResult, add: (change: IntakeChange, into: IntakeChange[]) => void): void {
  if (outcome.kind === 'ignored') result.ignored.push({ key: outcome.key, reason: outcome.reason });
  else if (outcome.kind === 'refused') result.refused.push({ key: outcome.key, path: outcome.path, findings: outcome.findings });
  else add(outcome.change, outcome.kind === 'created' ? result.created : result.updated);
}

/** The alerts of one key, each with the route it matched. */
interface KeyGroup {
  key: string;
  alerts: { alert: Alert; route: IntakeRoute }[];
}

/** The key of an alert: each key label's value, as Prometheus writes a label set (`alertname="X",service="y"`). */
export function keyOf(labels: Readonly<Record<string, string>>, keyLabels: readonly string[]): string {
  return keyLabels.map((name) => `${name}=${JSON.stringify(Object.hasOwn(labels, name) ? labels[name] : '')}`).join(',');
}

/** An alert's identity: its fingerprint, or its whole label set when the sender gives none. */
export function alertId(alert: Alert): string {
  if (alert.fingerprint) return alert.fingerprint;
  const labels = Object.keys(alert.labels).sort();
  return `{${labels.map((name) => `${name}=${JSON.stringify(alert.labels[name])}`).join(',')}}`;
}

/** The alerts of a webhook, grouped by key in the order they came; alerts no route matches are reported as ignored, once per key. */
function groupByKey(config: Config, payload: AlertGroup, result: IntakeResult): KeyGroup[] {
  const keyLabels = config.intake?.key_labels ?? DEFAULT_KEY_LABELS;
  const matchRoute = routeMatcher(config.intake);
  const groups = new Map<string, KeyGroup>();
  const unmatched = new Set<string>();
  for (const alert of payload.alerts) {
    const key = keyOf(alert.labels, keyLabels);
    const route = matchRoute(alert.labels);
    if (!route) {
      unmatched.add(key);
      continue;
    }
    const group = groups.get(key) ?? { key, alerts: [] };
    group.alerts.push({ alert, route });
    groups.set(key, group);
  }
  for (const key of unmatched) {
    if (groups.has(key)) continue;
    result.ignored.push({
      key,
      reason: config.intake?.routes?.length ? "no route of the config's intake matches its labels" : 'the config has no intake routes: every alert is ignored',
    });
  }
  return [...groups.values()];
}

/** The incident open for a key, if any. */
function openIncident(incidents: readonly ValidRecord<Incident>[], key: string): ValidRecord<Incident> | undefined {
  return incidents.find((incident) => !ENDED.includes(incident.data.status) && incident.data.alerts?.some((alert) => alert.key === key));
}

/** The record that has already seen an alert (the same id and start), if any. */
function seenIn(incidents: readonly ValidRecord<Incident>[], key: string, id: string, startsAt: string): ValidRecord<Incident> | undefined {
  return incidents.find((incident) => incident.data.alerts?.some((alert) => alert.key === key && alert.id === id && alert.starts_at === startsAt));
}

/** The earlier of two timestamps (no later than `at`, so started_at ≤ detected_at ≤ reported_at holds). */
function notAfter(timestamp: string, at: string): string {
  return toMillis(timestamp) <= toMillis(at) ? timestamp : at;
}

function worse(a: string, b: string): boolean {
  return SEVERITY.indexOf(a) > SEVERITY.indexOf(b);
}

const LEVEL_RANK = ['low', 'medium', 'high'] as const;
function highest(levels: readonly Incident['impact'][]): Incident['impact'] {
  return levels.reduce((best, level) => (LEVEL_RANK.indexOf(level) > LEVEL_RANK.indexOf(best) ? level : best), 'low');
}

/** An alert as the record keeps it. */
function recorded(source: AlertGroup['source'], key: string, alert: Alert): RecordedAlert {
  return {
    source,
    key,
    id: alertId(alert),
    status: alert.status,
    starts_at: alert.startsAt,
    ...(alert.endsAt ? { ends_at: alert.endsAt } : {}),
    ...(alert.generatorURL ? { url: alert.generatorURL } : {}),
    ...(alert.annotations.summary ? { summary: plainText(alert.annotations.summary, 500) } : {}),
    labels: alert.labels,
  };
}

/** The services firing alerts put down, each at the worst state any of them records. */
function firingServices(group: KeyGroup): Map<string, string> {
  const services = new Map<string, string>();
  for (const { alert, route } of group.alerts) {
    if (alert.status !== 'firing') continue;
    const status = route.status ?? 'degraded_performance';
    const before = services.get(route.service);
    if (!before || worse(status, before)) services.set(route.service, status);
  }
  return services;
}

type Context = IntakeState & { files: TextFile[]; names: string[]; at: string };

function fromAlerts(context: Context, payload: AlertGroup, group: KeyGroup): Outcome {
  const open = openIncident(context.incidents, group.key);
  if (open) return updateFromAlerts(context, payload, group, open);
  const fresh = group.alerts.filter(({ alert }) => alert.status === 'firing' && !seenIn(context.incidents, group.key, alertId(alert), alert.startsAt));
  if (fresh.length === 0) {
    const earlier = group.alerts.map(({ alert }) => seenIn(context.incidents, group.key, alertId(alert), alert.startsAt)).find(Boolean);
    const reason = earlier
      ? `already recorded in ${earlier.data.id} (${earlier.data.status})`
      : 'every alert of it has resolved, and no incident is open for it';
    return { kind: 'ignored', key: group.key, reason };
  }
  const first = fresh[0]!;
  const title =
    (first.route.title ? renderTitle(first.route.title, first.alert) : '') ||
    plainText(first.alert.annotations.summary || first.alert.labels.alertname || group.key, TITLE_MAX);
  const startedAt = notAfter(fresh.map(({ alert }) => alert.startsAt).sort()[0]!, context.at);
  const truncated = payload.truncatedAlerts > 0 ? ` The sender left ${payload.truncatedAlerts} alert(s) of the group out of the webhook.` : '';
  const newRecord: NewRecord = {
    type: 'incident',
    title,
    impact: highest(fresh.map(({ route }) => route.impact)),
    urgency: highest(fresh.map(({ route }) => route.urgency)),
    services: [...firingServices({ ...group, alerts: fresh })].map(([id, status]) => ({ id, status })),
    visibility: context.config.intake?.visibility ?? 'internal',
    at: context.at,
    message: `Monitoring reports a problem with ${serviceNames(context.config, [...new Set(fresh.map(({ route }) => route.service))])}. We are looking into it.`,
    startedAt,
    detectedAt: startedAt,
    notes: `Opened by intake from ${payload.source}: ${group.alerts.length} alert(s) of ${group.key}.${truncated} The alerts are listed under \`alerts\`.`,
  };
  const alerts = group.alerts.map(({ alert }) => recorded(payload.source, group.key, alert));
  return createWithAlerts(context, group.key, newRecord, alerts);
}

/**
 * Writes a new incident with its alerts; when an active known error matches it, it is recorded
 * cancelled (cancel_reason known_error), so the known error's count grows and no one is paged.
 */
function createWithAlerts(context: Context, key: string, newRecord: NewRecord, alerts: readonly RecordedAlert[]): Outcome {
  const created = createIncident(context.config, context.files, newRecord, context.names);
  if ('full' in created) return { kind: 'ignored', key, reason: created.full };
  if (!created.file) return { kind: 'refused', key, path: created.path, findings: created.findings };
  let text = setBlock(created.file.text, 'alerts', alertsBlock(alerts));
  const parsed = parseRecordAs('incidents', { path: created.path, text });
  if (!parsed.record) return { kind: 'refused', key, path: created.path, findings: parsed.findings };
  const match = matchKnownErrors(
    parsed.record.data,
    context.knownErrors.map(({ data }) => data),
  )[0];
  let status: Incident['status'] = parsed.record.data.status;
  if (match) {
    const moved = moveIncident(context.config, [...context.files, { path: created.path, text }], parsed.record, {
      status: 'cancelled',
      reason: 'known_error',
      knownError: match.knownError.id,
      message: `This matches the known error ${match.knownError.id} (${match.knownError.title}): recorded, not worked as a new incident.`,
      at: context.at,
      services: [],
    });
    if ('usage' in moved) return { kind: 'ignored', key, reason: moved.usage };
    if (!moved.file) return { kind: 'refused', key, path: created.path, findings: moved.findings };
    text = moved.file.text;
    status = 'cancelled';
  }
  const file = { path: created.path, text };
  const findings = checkRecordEdit(context.config, context.files, file, { now: toMillis(context.at), remedies: 'cli' }).map((finding) =>
    finding.rule === 'lifecycle/known-error-match' ? asWarning(finding) : finding,
  );
  if (hasErrors(findings)) return { kind: 'refused', key, path: created.path, findings };
  const id = parsed.record.data.id;
  const change = { id, path: created.path, key, status, title: parsed.record.data.title, file };
  return { kind: 'created', change: { ...change, ...(match ? { knownError: match.knownError.id } : {}) } };
}

/** How a service's state reads in an update. */
const STATE_WORDS: Readonly<Record<string, string>> = {
  degraded_performance: 'degraded performance',
  partial_outage: 'a partial outage',
  major_outage: 'a major outage',
};

function updateFromAlerts(context: Context, payload: AlertGroup, group: KeyGroup, open: ValidRecord<Incident>): Outcome {
  const incident = open.data;
  const before = incident.alerts ?? [];
  const merged = [...before];
  let refired = false;
  for (const { alert } of group.alerts) {
    const entry = recorded(payload.source, group.key, alert);
    const index = merged.findIndex((candidate) => candidate.key === group.key && candidate.id === entry.id);
    const known = index === -1 ? undefined : merged[index]!;
    if (!known) {
      merged.push(entry);
      refired ||= alert.status === 'firing';
    } else if (toMillis(entry.starts_at) > toMillis(known.starts_at)) {
      merged[index] = entry; // the same alert firing again after it resolved
      refired ||= alert.status === 'firing';
    } else if (entry.starts_at === known.starts_at && known.status === 'firing' && entry.status === 'resolved') {
      merged[index] = entry;
    }
  }
  const ofKey = merged.filter((alert) => alert.key === group.key);
  const allResolved = ofKey.every((alert) => alert.status === 'resolved');
  const confirmed = payload.status === 'resolved' || payload.truncatedAlerts === 0;

  const listed = new Map(incident.services.map((service) => [service.id, service.status as string]));
  const widened = [...firingServices(group)].filter(([id, status]) => !listed.has(id) || worse(status, listed.get(id)!));
  const names = new Map(context.config.services.map((service) => [service.id, service.name]));
  let status = incident.status;
  let message: string | undefined;
  // on_hold cannot move to monitoring (the lifecycle): the alerts are recorded, and a person moves it.
  if (allResolved && confirmed && incident.status !== 'monitoring' && checkTransition(incident.status, 'monitoring').ok) {
    status = 'monitoring';
    message = 'The alerts behind this incident have resolved. We are monitoring before we call it resolved.';
  } else if (refired && incident.status === 'monitoring') {
    status = 'investigating';
    message = 'The alerts behind this incident are firing again. We are investigating.';
  }
  if (widened.length > 0) {
    const said = widened.map(([id, state]) => `${names.get(id) ?? id}: ${STATE_WORDS[state] ?? state}.`).join(' ');
    message = message ? `${message} ${said}` : said;
  }
  const alertsChanged = JSON.stringify(merged) !== JSON.stringify(before);
  if (!message && !alertsChanged) {
    const reason =
      allResolved && !confirmed
        ? `every alert shown has resolved, but the sender left ${payload.truncatedAlerts} alert(s) of the group out: ${incident.id} stays ${incident.status}`
        : `${incident.id} (${incident.status}) already records these alerts`;
    return { kind: 'ignored', key: group.key, reason };
  }
  const text = context.files.find(({ path }) => path === open.path)?.text;
  if (text === undefined) return { kind: 'ignored', key: group.key, reason: `${open.path} could not be read` };
  let edited: string;
  try {
    edited = setBlock(text, 'alerts', alertsBlock(merged));
  } catch (error) {
    if (!(error instanceof LayoutError)) throw error;
    return { kind: 'ignored', key: group.key, reason: `${open.path}: ${error.message}` };
  }
  if (!message) return checkedUpdate(context, open, group.key, { path: open.path, text: edited }, incident.status);
  const parsed = parseRecordAs('incidents', { path: open.path, text: edited });
  if (!parsed.record) return { kind: 'refused', key: group.key, path: open.path, findings: parsed.findings };
  const moved = moveIncident(context.config, [...context.files.filter(({ path }) => path !== open.path), { path: open.path, text: edited }], parsed.record, {
    status,
    message,
    at: context.at,
    services: widened.map(([id, state]) => ({ id, status: state })),
  });
  if ('usage' in moved) return { kind: 'ignored', key: group.key, reason: `${incident.id}: ${moved.usage}` };
  if (!moved.file) return { kind: 'refused', key: group.key, path: open.path, findings: moved.findings };
  return checkedUpdate(context, open, group.key, moved.file, status);
}

/** A changed record, checked as the pull request would check it against the record before. */
function checkedUpdate(context: Context, before: ValidRecord<Incident>, key: string, file: TextFile, status: Incident['status']): Outcome {
  const others = context.files.filter(({ path }) => path !== file.path);
  const findings = checkRecordEdit(context.config, [...others, file], file, { now: toMillis(context.at), base: before });
  if (hasErrors(findings)) return { kind: 'refused', key, path: file.path, findings };
  return { kind: 'updated', change: { id: before.data.id, path: file.path, key, status, title: before.data.title, file } };
}

/**
 * The config's names of services, for the first public update: written from the config alone, so
 * no text of a payload is ever published as Markdown.
 */
function serviceNames(config: Config, ids: readonly string[]): string {
  const names = ids.map((id) => config.services.find((service) => service.id === id)?.name ?? id);
  return names.length <= 1 ? (names[0] ?? '') : `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`;
}

/** The config's service a report names: "Name (id)" as the form offers it, or the id or name alone. */
export function reportedService(config: Config, service: string): string | undefined {
  const id = /\(([^()]+)\)\s*$/.exec(service)?.[1]?.trim();
  const found = config.services.find((candidate) => candidate.id === (id ?? service.trim()) || candidate.name === service.trim());
  return found?.id;
}

function fromReport(context: Context, report: IssueReport): Outcome {
  const key = `issue#${report.number}`;
  const earlier = context.incidents.find((incident) => incident.data.alerts?.some((alert) => alert.key === key));
  if (earlier) return { kind: 'ignored', key, reason: `already recorded in ${earlier.data.id} (${earlier.data.status})` };
  const service = reportedService(context.config, report.service);
  if (!service)
    return { kind: 'ignored', key, reason: `the report names the service "${plainText(report.service, 100)}", which is not one of the config's services` };
  const title = plainText(report.title, TITLE_MAX) || `Reported problem with ${service}`;
  const detectedAt = notAfter(report.openedAt, context.at);
  const quoted = report.text
    .split(/\r\n|\r|\n/)
    .map((line) => `> ${line}`.trimEnd())
    .join('\n');
  const newRecord: NewRecord = {
    type: 'incident',
    title,
    impact: report.impact,
    urgency: report.urgency,
    services: [{ id: service }],
    // A person's report is internal whatever intake.visibility says: its title is theirs, and
    // publishing it is a decision for the review.
    visibility: 'internal',
    at: context.at,
    message: `A problem with ${serviceNames(context.config, [service])} was reported. We are looking into it.`,
    detectedAt,
    reporter: `@${report.author}`,
    notes: `Reported by @${report.author} in issue #${report.number} (${report.url}):\n\n${quoted}`,
  };
  const alert: RecordedAlert = { source: 'issue', key, id: `#${report.number}`, status: 'firing', starts_at: report.openedAt, url: report.url };
  return createWithAlerts(context, key, newRecord, [alert]);
}
