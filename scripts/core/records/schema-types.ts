/* Generated from schemas/*.schema.json by `npm run types`: do not edit by hand. */

/**
 * The record's id; the file name starts with it.
 */
export type IncidentId = string;
/**
 * Business impact (ITIL): high, medium or low.
 */
export type Level = 'high' | 'medium' | 'low';
/**
 * How fast the business needs it restored: high, medium or low.
 */
export type Level1 = 'high' | 'medium' | 'low';
/**
 * Must equal the config's priority_matrix[impact][urgency].
 */
export type Priority = 'P1' | 'P2' | 'P3' | 'P4' | 'P5';
/**
 * A service id from the config.
 */
export type ServiceId = string;
/**
 * When the impact began.
 */
export type Timestamp = string;
/**
 * When monitoring or a person noticed it.
 */
export type Timestamp1 = string;
/**
 * When the record was opened: SLA clocks start here.
 */
export type Timestamp2 = string;
/**
 * When a responder took it on; set from investigating on.
 */
export type Timestamp3 = string;
/**
 * When a fix or workaround restored service; set from monitoring on.
 */
export type Timestamp4 = string;
/**
 * When it was resolved (a maintenance: completed); set from resolved on, empty while open.
 */
export type Timestamp5 = string;
/**
 * When it was closed; set only when closed.
 */
export type Timestamp6 = string;
/**
 * The incident commander.
 */
export type Handle = string;
/**
 * Who writes the public updates.
 */
export type Handle1 = string;
/**
 * Who reported it.
 */
export type Handle2 = string;
/**
 * The known error that applies.
 */
export type KnownErrorId = string;
/**
 * The incident this one duplicates (cancel_reason: duplicate).
 */
export type IncidentId1 = string;
/**
 * Maintenance only: the window's start.
 */
export type Timestamp7 = string;
/**
 * Maintenance only: the window's end.
 */
export type Timestamp8 = string;
/**
 * When the update was posted.
 */
export type Timestamp9 = string;
/**
 * When it began firing (a report: when the issue was opened).
 */
export type Timestamp10 = string;
/**
 * When it resolved.
 */
export type Timestamp11 = string;
/**
 * The incident it reviews; the file is named after it.
 */
export type IncidentId2 = string;
/**
 * A GitHub user (@login) or team (@org/team).
 */
export type Handle3 = string;
/**
 * Who wrote it.
 *
 * @minItems 1
 */
export type Handles = Handle3[];
/**
 * A GitHub user (@login) or team (@org/team).
 */
export type Handle4 = string;
/**
 * high, medium or low.
 */
export type Level2 = 'high' | 'medium' | 'low';
/**
 * When it is due.
 */
export type DateOnly = string;
/**
 * The issue that tracks it.
 */
export type Url = string;
/**
 * The record's id; the file name starts with it.
 */
export type KnownErrorId1 = string;
/**
 * A service id from the config: lower-case letters, digits and dashes.
 */
export type ServiceId1 = string;
/**
 * The services it affects.
 *
 * @minItems 1
 */
export type ServiceIds = ServiceId1[];
/**
 * The incident must affect one of these services (default: the known error's services).
 *
 * @minItems 1
 */
export type ServiceIds1 = ServiceId1[];
/**
 * A problem id: PRB and a four-digit number.
 */
export type ProblemId = string;
/**
 * An absolute http(s) URL.
 */
export type Url1 = string;
/**
 * When it was recorded.
 */
export type Timestamp12 = string;
/**
 * A problem id: PRB and a four-digit number.
 */
export type ProblemId1 = string;
/**
 * The services whose incidents it causes.
 *
 * @minItems 1
 */
export type ServiceIds2 = ServiceId1[];
/**
 * An incident id.
 */
export type IncidentId3 = string;
/**
 * Business impact: high, medium or low.
 */
export type Level3 = 'high' | 'medium' | 'low';
/**
 * How soon the cause must be removed: high, medium or low.
 */
export type Level4 = 'high' | 'medium' | 'low';
/**
 * Must equal the config's priority_matrix[impact][urgency].
 */
export type Priority1 = 'P1' | 'P2' | 'P3' | 'P4' | 'P5';
/**
 * A GitHub user (@login) or team (@org/team).
 */
export type Handle5 = string;
/**
 * When the problem was recorded.
 */
export type Timestamp13 = string;
/**
 * The known error documenting its workaround; required in known_error.
 */
export type KnownErrorId2 = string;
/**
 * An absolute http(s) URL.
 */
export type Url2 = string;
/**
 * When the fix removed the cause; required from resolved on.
 */
export type Timestamp14 = string;
/**
 * When it was closed; required when closed.
 */
export type Timestamp15 = string;
/**
 * An absolute http(s) URL.
 */
export type Url3 = string;
/**
 * A service id from the config: lower-case letters, digits and dashes.
 */
export type ServiceId2 = string;
/**
 * Priority at high urgency.
 */
export type Priority2 = 'P1' | 'P2' | 'P3' | 'P4' | 'P5';
/**
 * Priority at medium urgency.
 */
export type Priority3 = 'P1' | 'P2' | 'P3' | 'P4' | 'P5';
/**
 * Priority at low urgency.
 */
export type Priority4 = 'P1' | 'P2' | 'P3' | 'P4' | 'P5';
/**
 * Monday.
 *
 * Items: HH:MM-HH:MM, start before end.
 */
export type Intervals = string[];
/**
 * Tuesday.
 *
 * Items: HH:MM-HH:MM, start before end.
 */
export type Intervals1 = string[];
/**
 * Wednesday.
 *
 * Items: HH:MM-HH:MM, start before end.
 */
export type Intervals2 = string[];
/**
 * Thursday.
 *
 * Items: HH:MM-HH:MM, start before end.
 */
export type Intervals3 = string[];
/**
 * Friday.
 *
 * Items: HH:MM-HH:MM, start before end.
 */
export type Intervals4 = string[];
/**
 * Saturday.
 *
 * Items: HH:MM-HH:MM, start before end.
 */
export type Intervals5 = string[];
/**
 * Sunday.
 *
 * Items: HH:MM-HH:MM, start before end.
 */
export type Intervals6 = string[];
/**
 * Time to acknowledge, from reported_at.
 */
export type Duration = string;
/**
 * Time to resolve, from reported_at.
 */
export type Duration1 = string;
/**
 * Longest gap between public updates while open.
 */
export type Duration2 = string;
/**
 * How long after reported_at the level fires.
 */
export type Duration3 = string;
/**
 * Who is mentioned.
 *
 * @minItems 1
 */
export type Handles1 = Handle3[];
/**
 * Levels for P1.
 *
 * @minItems 1
 */
export type EscalationLevels = EscalationLevel[];
/**
 * Levels for P2.
 *
 * @minItems 1
 */
export type EscalationLevels1 = EscalationLevel[];
/**
 * Levels for P3.
 *
 * @minItems 1
 */
export type EscalationLevels2 = EscalationLevel[];
/**
 * Levels for P4.
 *
 * @minItems 1
 */
export type EscalationLevels3 = EscalationLevel[];
/**
 * Levels for P5.
 *
 * @minItems 1
 */
export type EscalationLevels4 = EscalationLevel[];
/**
 * Approvers for every incident.
 *
 * @minItems 1
 */
export type Handles2 = Handle3[];
/**
 * Approvers for this service.
 */
export type Handles3 = Handle3[];
/**
 * A priority.
 */
export type Priority5 = 'P1' | 'P2' | 'P3' | 'P4' | 'P5';
/**
 * How far back from the report's moment incidents are compared (default 2160h, 90 days).
 */
export type Duration4 = string;
/**
 * A channel's first run sends only events this recent; older ones are remembered, not sent (default 1h).
 */
export type Duration5 = string;
/**
 * How long before a maintenance starts its reminder goes out (default none).
 */
export type Duration6 = string;
/**
 * One place announcements go. Secrets are named by environment variable, never written here.
 */
export type AnnounceChannel = {
  /**
   * A unique name: the state remembers what was delivered under it, so keep it once used.
   */
  id: string;
  /**
   * slack (incoming webhook, Block Kit), teams (workflow webhook, Adaptive Card), webhook (Statuspage's subscriber payloads, signed), email (SMTP).
   */
  type: 'slack' | 'teams' | 'webhook' | 'email';
  /**
   * slack, teams, webhook: the environment variable holding the webhook URL.
   */
  url_env?: string;
  /**
   * webhook: the environment variable holding the HMAC-SHA256 signing secret.
   */
  secret_env?: string;
  /**
   * email: the environment variable holding the SMTP URL, e.g. smtps://user:pass@smtp.acme.example.
   */
  smtp_env?: string;
  /**
   * email: the sender, e.g. Acme Status <status@acme.example>.
   */
  from?: string;
  /**
   * email: the addresses (a mailing list) to send to.
   *
   * @minItems 1
   *
   * Items: An address.
   */
  to?: string[];
  services?: ServiceIds3;
  /**
   * Only these kinds of event (default all): incident (new and updated), component, maintenance (scheduled, reminder, started, completed), postmortem.
   *
   * @minItems 1
   */
  events?: ('incident' | 'component' | 'maintenance' | 'postmortem')[];
  /**
   * true lists the channel in the status page's Subscribe section, with join_url.
   */
  public?: boolean;
  /**
   * The channel's public name on the page, e.g. #acme-status on Slack (default the id).
   */
  name?: string;
  join_url?: Url4;
};
/**
 * Only events touching these services (default every service).
 *
 * @minItems 1
 */
export type ServiceIds3 = ServiceId1[];
/**
 * An absolute http(s) URL.
 */
export type Url4 = string;
/**
 * A service id from the config: lower-case letters, digits and dashes.
 */
export type ServiceId3 = string;

export interface Schemas {
  incident?: Incident;
  postmortem?: Postmortem;
  known_error?: KnownError;
  problem?: Problem;
  config?: Config;
}
/**
 * An incident or a planned maintenance: the YAML frontmatter of incidents/INC-YYYY-NNNN.md. A key left empty counts as not set.
 */
export interface Incident {
  id: IncidentId;
  /**
   * A short public title: what is broken, for whom.
   */
  title: string;
  /**
   * incident, or maintenance (a planned change window).
   */
  type: 'incident' | 'maintenance';
  /**
   * Lifecycle state. Incident: reported, investigating, identified, monitoring, on_hold, resolved, closed, cancelled. Maintenance: scheduled, in_progress, verifying, completed, cancelled.
   */
  status:
    | 'reported'
    | 'investigating'
    | 'identified'
    | 'monitoring'
    | 'on_hold'
    | 'resolved'
    | 'closed'
    | 'cancelled'
    | 'scheduled'
    | 'in_progress'
    | 'verifying'
    | 'completed';
  impact: Level;
  urgency: Level1;
  priority: Priority;
  /**
   * The affected services and their public state.
   *
   * @minItems 1
   */
  services: AffectedService[];
  /**
   * public, or internal (never reaches the status page).
   */
  visibility: 'public' | 'internal';
  started_at?: Timestamp;
  detected_at?: Timestamp1;
  reported_at: Timestamp2;
  acknowledged_at?: Timestamp3;
  mitigated_at?: Timestamp4;
  resolved_at?: Timestamp5;
  closed_at?: Timestamp6;
  commander?: Handle;
  communications?: Handle1;
  reporter?: Handle2;
  /**
   * A vendor whose fault caused it (still an incident).
   */
  supplier?: string;
  known_error?: KnownErrorId;
  /**
   * Why a match with a known error does not apply.
   */
  known_error_dismissed?: string;
  /**
   * Why the incident was reopened after it was resolved (internal); each reopen gives its own reason.
   */
  reopen_reason?: string;
  /**
   * Why it is on hold; required while on_hold.
   */
  hold_reason?: 'awaiting_vendor' | 'awaiting_change' | 'awaiting_problem' | 'awaiting_customer';
  /**
   * Why it was cancelled; required when cancelled.
   */
  cancel_reason?: 'duplicate' | 'known_error' | 'false_positive' | 'not_an_incident';
  duplicate_of?: IncidentId1;
  resolution?: Resolution;
  /**
   * A game day: excluded from SLA and uptime.
   */
  drill?: boolean;
  scheduled_for?: Timestamp7;
  scheduled_until?: Timestamp8;
  /**
   * The public communication, oldest first; the last one's status is the record's status.
   *
   * @minItems 1
   */
  updates: Update[];
  /**
   * Written by intake: the alerts (or the issue report) behind the incident. Internal: never published.
   */
  alerts?: IntakeAlert[];
}
export interface AffectedService {
  id: ServiceId;
  /**
   * The service's public state, as Statuspage names component states.
   */
  status: 'operational' | 'degraded_performance' | 'partial_outage' | 'major_outage' | 'under_maintenance';
}
/**
 * How it was resolved; required from resolved on.
 */
export interface Resolution {
  /**
   * fixed, workaround, no_fault_found or caused_by_change.
   */
  code: 'fixed' | 'workaround' | 'no_fault_found' | 'caused_by_change';
  /**
   * What restored service, in a sentence or two.
   */
  summary: string;
}
export interface Update {
  at: Timestamp9;
  /**
   * The record's status as of this update.
   */
  status:
    | 'reported'
    | 'investigating'
    | 'identified'
    | 'monitoring'
    | 'on_hold'
    | 'resolved'
    | 'closed'
    | 'cancelled'
    | 'scheduled'
    | 'in_progress'
    | 'verifying'
    | 'completed';
  /**
   * The public message, in Markdown.
   */
  message: string;
  /**
   * The services' states as of this update, every service the incident affects (a service left out is operational from then on). It records the history that uptime integrates; written by `incidents new` and `incidents update --service`.
   *
   * @minItems 1
   */
  services?: AffectedService[];
}
export interface IntakeAlert {
  /**
   * Where it came from.
   */
  source: 'alertmanager' | 'grafana' | 'issue';
  /**
   * The incident key: the values of the config's intake key_labels (or issue#N for a report).
   */
  key: string;
  /**
   * The alert's fingerprint (or its labels, when the sender gives none; the issue's number for a report).
   */
  id: string;
  /**
   * The alert's state when intake last saw it.
   */
  status: 'firing' | 'resolved';
  starts_at: Timestamp10;
  ends_at?: Timestamp11;
  /**
   * Where to see it: the alert's generatorURL, or the issue.
   */
  url?: string;
  /**
   * Its summary annotation, as plain text.
   */
  summary?: string;
  /**
   * Its labels.
   */
  labels?: {
    [k: string]: string;
  };
}
/**
 * A blameless postmortem: the YAML frontmatter of incidents/<incident id>.postmortem.md. Body sections (H2, in order): Summary, Impact, Timeline, Root cause, Resolution, Lessons learned.
 */
export interface Postmortem {
  incident: IncidentId2;
  /**
   * draft, in_review or published.
   */
  status: 'draft' | 'in_review' | 'published';
  /**
   * true publishes its Summary section on the status page.
   */
  public: boolean;
  authors: Handles;
  /**
   * Follow-up work; each is owned, typed, dated and linked to an issue before the incident closes.
   */
  action_items?: ActionItem[];
}
export interface ActionItem {
  /**
   * What will be done.
   */
  title: string;
  owner?: Handle4;
  /**
   * detect, mitigate, prevent or process.
   */
  type?: 'detect' | 'mitigate' | 'prevent' | 'process';
  priority?: Level2;
  due?: DateOnly;
  issue?: Url;
  /**
   * open, done or wont_do.
   */
  status: 'open' | 'done' | 'wont_do';
}
/**
 * A documented, expected fault with a workaround: the YAML frontmatter of known-errors/KE-NNNN.md.
 */
export interface KnownError {
  id: KnownErrorId1;
  /**
   * The fault, as users see it.
   */
  title: string;
  /**
   * active (still happens), fixed or retired.
   */
  status: 'active' | 'fixed' | 'retired';
  services: ServiceIds;
  match?: KnownErrorMatch;
  /**
   * What users or responders can do meanwhile.
   */
  workaround: string;
  /**
   * Why it happens.
   */
  root_cause?: string;
  /**
   * The problem behind it: a problem record's id (PRB-NNNN, checked to exist) or the URL of an issue that tracks the fix.
   */
  problem?: ProblemId | Url1;
  created_at: Timestamp12;
  /**
   * true lists it with its workaround under Known issues on the status page.
   */
  public: boolean;
}
/**
 * When a new incident matches, the gate flags it as not an incident.
 */
export interface KnownErrorMatch {
  services?: ServiceIds1;
  /**
   * Case-insensitive regular expressions over the incident's title and first update.
   *
   * @minItems 1
   *
   * Items: A regular expression.
   */
  patterns: string[];
}
/**
 * The underlying cause of one or more incidents (ITIL problem management): the YAML frontmatter of problems/PRB-NNNN.md. Internal: nothing of it reaches the status page.
 */
export interface Problem {
  id: ProblemId1;
  /**
   * The underlying cause, or what is known of it.
   */
  title: string;
  /**
   * new → investigating → root_cause_known → known_error → resolved → closed, or cancelled.
   */
  status: 'new' | 'investigating' | 'root_cause_known' | 'known_error' | 'resolved' | 'closed' | 'cancelled';
  services: ServiceIds2;
  /**
   * The incidents it explains; an incident belongs to one problem at most.
   */
  incidents?: IncidentId3[];
  impact: Level3;
  urgency: Level4;
  priority: Priority1;
  owner?: Handle5;
  created_at: Timestamp13;
  /**
   * Why the incidents happen; required from root_cause_known on.
   */
  root_cause?: string;
  known_error?: KnownErrorId2;
  fix?: Url2;
  resolved_at?: Timestamp14;
  closed_at?: Timestamp15;
  /**
   * Why it was cancelled; required when cancelled.
   */
  cancel_reason?: 'duplicate' | 'not_a_problem';
}
/**
 * incidents.config.yml: services, priority matrix, business calendars, SLA policies, escalation, approvers and page settings.
 */
export interface Config {
  page: PageSettings;
  /**
   * The services incidents can affect.
   *
   * @minItems 1
   */
  services: Service[];
  priority_matrix: PriorityMatrix;
  /**
   * Business calendars by name; 24x7 needs no entry.
   */
  calendars?: {
    [k: string]: Calendar;
  };
  /**
   * SLA policies per priority; a priority without one is not measured.
   */
  sla?: {
    P1?: SlaPolicy;
    P2?: SlaPolicy1;
    P3?: SlaPolicy2;
    P4?: SlaPolicy3;
    P5?: SlaPolicy4;
  };
  /**
   * Escalation levels per priority.
   */
  escalation?: {
    P1?: EscalationLevels;
    P2?: EscalationLevels1;
    P3?: EscalationLevels2;
    P4?: EscalationLevels3;
    P5?: EscalationLevels4;
  };
  approvers: Approvers;
  /**
   * Priorities that cannot close without a published postmortem (default P1 and P2).
   */
  postmortem_required?: Priority5[];
  problems?: ProblemSettings;
  announce?: AnnounceSettings;
  intake?: Intake;
}
/**
 * The public status page.
 */
export interface PageSettings {
  /**
   * The page's title, e.g. Acme Status.
   */
  name: string;
  url?: Url3;
  /**
   * IANA time zone the page shows times in, e.g. Europe/London.
   */
  time_zone?: string;
}
export interface Service {
  id: ServiceId2;
  /**
   * The public name.
   */
  name: string;
  /**
   * The group it is shown under on the status page.
   */
  group?: string;
  /**
   * One public line on what it does.
   */
  description?: string;
}
/**
 * Impact → urgency → priority (ITIL).
 */
export interface PriorityMatrix {
  high: UrgencyRow;
  medium: UrgencyRow1;
  low: UrgencyRow2;
}
/**
 * Priorities at high impact.
 */
export interface UrgencyRow {
  high: Priority2;
  medium: Priority3;
  low: Priority4;
}
/**
 * Priorities at medium impact.
 */
export interface UrgencyRow1 {
  high: Priority2;
  medium: Priority3;
  low: Priority4;
}
/**
 * Priorities at low impact.
 */
export interface UrgencyRow2 {
  high: Priority2;
  medium: Priority3;
  low: Priority4;
}
/**
 * Working hours in a time zone, and holidays.
 */
export interface Calendar {
  /**
   * IANA time zone, e.g. Europe/London.
   */
  time_zone: string;
  /**
   * Working intervals per weekday; a day left out is not worked.
   */
  hours: {
    mon?: Intervals;
    tue?: Intervals1;
    wed?: Intervals2;
    thu?: Intervals3;
    fri?: Intervals4;
    sat?: Intervals5;
    sun?: Intervals6;
  };
  /**
   * Days not worked: a date (2026-12-25) or MM-DD for every year (12-26).
   *
   * Items: YYYY-MM-DD or MM-DD.
   */
  holidays?: string[];
}
/**
 * Targets for P1.
 */
export interface SlaPolicy {
  /**
   * 24x7 (the default) or a calendar defined under calendars.
   */
  calendar?: string;
  acknowledge: Duration;
  resolve: Duration1;
  update?: Duration2;
  /**
   * When a running target counts as at risk: a share of the goal used ("75%") or a time left ("30m").
   *
   * Items: A percentage or a duration.
   */
  at_risk?: string[];
}
/**
 * Targets for P2.
 */
export interface SlaPolicy1 {
  /**
   * 24x7 (the default) or a calendar defined under calendars.
   */
  calendar?: string;
  acknowledge: Duration;
  resolve: Duration1;
  update?: Duration2;
  /**
   * When a running target counts as at risk: a share of the goal used ("75%") or a time left ("30m").
   *
   * Items: A percentage or a duration.
   */
  at_risk?: string[];
}
/**
 * Targets for P3.
 */
export interface SlaPolicy2 {
  /**
   * 24x7 (the default) or a calendar defined under calendars.
   */
  calendar?: string;
  acknowledge: Duration;
  resolve: Duration1;
  update?: Duration2;
  /**
   * When a running target counts as at risk: a share of the goal used ("75%") or a time left ("30m").
   *
   * Items: A percentage or a duration.
   */
  at_risk?: string[];
}
/**
 * Targets for P4.
 */
export interface SlaPolicy3 {
  /**
   * 24x7 (the default) or a calendar defined under calendars.
   */
  calendar?: string;
  acknowledge: Duration;
  resolve: Duration1;
  update?: Duration2;
  /**
   * When a running target counts as at risk: a share of the goal used ("75%") or a time left ("30m").
   *
   * Items: A percentage or a duration.
   */
  at_risk?: string[];
}
/**
 * Targets for P5.
 */
export interface SlaPolicy4 {
  /**
   * 24x7 (the default) or a calendar defined under calendars.
   */
  calendar?: string;
  acknowledge: Duration;
  resolve: Duration1;
  update?: Duration2;
  /**
   * When a running target counts as at risk: a share of the goal used ("75%") or a time left ("30m").
   *
   * Items: A percentage or a duration.
   */
  at_risk?: string[];
}
/**
 * One escalation level.
 */
export interface EscalationLevel {
  after: Duration3;
  notify: Handles1;
}
/**
 * Who may approve a resolution.
 */
export interface Approvers {
  default: Handles2;
  /**
   * Extra approvers per service id.
   */
  services?: {
    [k: string]: Handles3;
  };
}
/**
 * How the report looks for recurring incidents that no problem covers yet.
 */
export interface ProblemSettings {
  recurring_window?: Duration4;
  /**
   * How many similar incidents make a recurring-incident candidate (default 3).
   */
  min_incidents?: number;
}
/**
 * Where every public event is announced, once per channel (incidents announce).
 */
export interface AnnounceSettings {
  since?: Duration5;
  remind_before?: Duration6;
  /**
   * The channels.
   *
   * @minItems 1
   */
  channels: AnnounceChannel[];
}
/**
 * How intake turns alerts (Alertmanager, Grafana) into incident records: which alerts make an incident, of which service, state, impact and urgency. An alert no route matches is ignored and reported so.
 */
export interface Intake {
  /**
   * The labels whose values key an incident: alerts with the same values are one incident (default [alertname]).
   *
   * @minItems 1
   */
  key_labels?: string[];
  /**
   * The visibility of the incidents intake opens (default internal: a person makes one public in review).
   */
  visibility?: 'public' | 'internal';
  /**
   * Which alerts make incidents, first match wins.
   */
  routes?: IntakeRoute[];
}
export interface IntakeRoute {
  /**
   * Label name → an exact value, or /regex/ (RE2, whole value) that the alert's label must have.
   */
  match: {
    [k: string]: string;
  };
  service: ServiceId3;
  /**
   * The service state to record while the alert fires (default degraded_performance).
   */
  status?: 'degraded_performance' | 'partial_outage' | 'major_outage';
  /**
   * Business impact of the incident.
   */
  impact: 'high' | 'medium' | 'low';
  /**
   * How fast it must be restored.
   */
  urgency: 'high' | 'medium' | 'low';
  /**
   * The incident's title; {{ labels.X }} and {{ annotations.X }} take the first alert's values, as plain text (default: the alertname, or the summary annotation).
   */
  title?: string;
}
