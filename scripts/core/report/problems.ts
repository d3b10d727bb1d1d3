import { isOpenProblem, type ProblemStatus } from '../gate/problem-lifecycle.js';
import type { RecordSet } from '../records/record-set.js';
import type { Incident } from '../records/types.js';
import { computeUptime, outagesOf } from '../status/uptime.js';
import { toMillis } from '../time/timestamps.js';
import { findRecurring, recurringSettings, type RecurringCandidate, type RecurringSettings } from './recurring.js';

/** The open statuses of a problem, in lifecycle order. */
const OPEN_STATUSES = ['new', 'investigating', 'root_cause_known', 'known_error'] as const satisfies readonly ProblemStatus[];

/**
 * The report's Problems section (docs/reference.md, Report JSON): open problems by status and
 * age; each problem's incidents, with the downtime and SLA breaches they caused; the known
 * errors born of problems; and the recurring incidents no problem covers yet.
 */
export interface ProblemsSection {
  open_by_status: Record<(typeof OPEN_STATUSES)[number], number>;
  /** Every problem but the cancelled, the open ones first (oldest first), then the rest by id. */
  problems: {
    id: string;
    title: string;
    status: ProblemStatus;
    priority: string;
    owner: string | null;
    created_at: string;
    /** Seconds since created_at, while it is open; null once it is resolved or closed. */
    age_seconds: number | null;
    incidents: string[];
    /** Weighted downtime of its incidents (as the report's downtime: major 100%, partial 30%), last 365 days. */
    downtime_seconds: number;
    /** SLA targets its incidents breached, as in the report's breaches. */
    sla_breaches: number;
  }[];
  /** Known errors documenting a problem's workaround: named by the problem's known_error, or naming it in problem. */
  known_errors: { problem: string; known_error: string; title: string; status: string }[];
  recurring_settings: RecurringSettings;
  recurring: RecurringCandidate[];
}

/**
 * The Problems section at `now` (milliseconds).
 * @param measured the incidents the report measures (not cancelled, drills or maintenance), reported by now
 * @param breaches the report's SLA breaches
 * @param downtimeDays how far back downtime is counted, as the report's own downtime
 */
export function buildProblemsSection(
  records: RecordSet,
  measured: readonly Incident[],
  breaches: readonly { id: string }[],
  now: number,
  timeZone: string,
  downtimeDays: number,
): ProblemsSection {
  // A problem recorded after `now` did not exist yet at the report's moment.
  const problems = records.problems.map((record) => record.data).filter((problem) => toMillis(problem.created_at) <= now);
  const open_by_status = Object.fromEntries(
    OPEN_STATUSES.map((status) => [status, problems.filter((problem) => problem.status === status).length]),
  ) as ProblemsSection['open_by_status'];
  const measuredById = new Map(measured.map((incident) => [incident.id, incident]));
  const breachesOf = new Map<string, number>();
  for (const breach of breaches) breachesOf.set(breach.id, (breachesOf.get(breach.id) ?? 0) + 1);
  const rows = problems
    .filter((problem) => problem.status !== 'cancelled')
    .map((problem) => {
      const ids = [...new Set(problem.incidents ?? [])].sort();
      const own = ids.flatMap((id) => measuredById.get(id) ?? []);
      const services = [...new Set(own.flatMap((incident) => incident.services.map((service) => service.id)))];
      const downtime = computeUptime(services, outagesOf(own, now), timeZone, now, downtimeDays).reduce(
        (sum, uptime) => sum + uptime.days.reduce((days, day) => days + day.downtimeSeconds, 0),
        0,
      );
      return {
        id: problem.id,
        title: problem.title,
        status: problem.status,
        priority: problem.priority,
        owner: problem.owner ?? null,
        created_at: problem.created_at,
        age_seconds: isOpenProblem(problem) ? Math.max(0, Math.round((now - toMillis(problem.created_at)) / 1000)) : null,
        incidents: ids,
        downtime_seconds: downtime,
        sla_breaches: ids.reduce((sum, id) => sum + (breachesOf.get(id) ?? 0), 0),
      };
    })
    .sort((a, b) => Number(b.age_seconds !== null) - Number(a.age_seconds !== null) || (b.age_seconds ?? 0) - (a.age_seconds ?? 0) || (a.id < b.id ? -1 : 1));
  const knownErrors = new Map(records.knownErrors.map((record) => [record.data.id, record.data]));
  const born = [
    ...problems.flatMap((problem) => (problem.known_error === undefined ? [] : [[problem.id, problem.known_error] as const])),
    ...[...knownErrors.values()].flatMap((knownError) => (knownError.problem?.startsWith('PRB-') ? [[knownError.problem, knownError.id] as const] : [])),
  ];
  const pairs = new Map<string, readonly [string, string]>();
  for (const [problem, knownError] of born) if (knownErrors.has(knownError)) pairs.set(`${problem} ${knownError}`, [problem, knownError]);
  const known_errors = [...pairs.keys()].sort().map((key) => {
    const [problem, knownError] = pairs.get(key)!;
    const { title, status } = knownErrors.get(knownError)!;
    return { problem, known_error: knownError, title, status };
  });
  const settings = recurringSettings(records.config);
  const covered = new Set(problems.flatMap((problem) => problem.incidents ?? []));
  return {
    open_by_status,
    problems: rows,
    known_errors,
    recurring_settings: settings,
    recurring: findRecurring(
      records.incidents.map((record) => record.data),
      covered,
      settings,
      now,
    ),
  };
}
