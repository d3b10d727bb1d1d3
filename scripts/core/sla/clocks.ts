import { addWorkingMillis, workingMillis, type WorkingCalendar } from '../time/calendar.js';
import { parseDuration } from '../time/duration.js';
import { toMillis } from '../time/timestamps.js';
import type { Incident } from '../records/types.js';

/** The SLA targets (docs/reference.md, Config: acknowledge, resolve, update). */
export type SlaTarget = 'acknowledge' | 'resolve' | 'update';

/** One target's figures at a moment: the `sla` command's JSON, target by target. */
export interface TargetFigures {
  target: SlaTarget;
  state: 'running' | 'paused' | 'met' | 'breached';
  /** Working time counted, less pauses, in seconds. */
  elapsed_seconds: number;
  /** The goal less elapsed: negative once breached. */
  remaining_seconds: number;
  /** When the goal was or will be reached (projected with no future pauses), ISO 8601 UTC; null when it never will be. */
  breach_at: string | null;
  /** The last cycle (or, for updates, the current gap) went over its goal. */
  breached: boolean;
  /** Any cycle went over its goal. */
  ever_breached: boolean;
  at_risk: boolean;
}

/** What the SLA engine needs of a policy: goals in seconds, and at-risk thresholds. */
export interface SlaGoals {
  acknowledge: number;
  resolve: number;
  update?: number;
  /** `75%` (elapsed share of the goal) or a duration left (`30m`). */
  atRisk: readonly string[];
}

/** The goals of a config's SLA policy. */
export function slaGoals(policy: { acknowledge: string; resolve: string; update?: string; at_risk?: string[] }): SlaGoals {
  return {
    acknowledge: parseDuration(policy.acknowledge),
    resolve: parseDuration(policy.resolve),
    update: policy.update === undefined ? undefined : parseDuration(policy.update),
    atRisk: policy.at_risk ?? [],
  };
}

/** Drills, cancelled incidents and maintenance are not measured (docs/reference.md, Report JSON). */
export function isMeasured(incident: Incident): boolean {
  return incident.type === 'incident' && incident.status !== 'cancelled' && incident.drill !== true;
}

/** A stretch of time a clock runs over: from `start` until `stop` (undefined: still running), less pauses. */
interface Clock {
  start: number;
  stop?: number;
  pauses: readonly Pause[];
}

/** A pause (on hold), from `start` until `end` (undefined: still on hold). */
interface Pause {
  start: number;
  end?: number;
}

/**
 * The SLA of an incident at `now`: for each target, its state and figures. The clocks start at
 * reported_at and count only working time of the calendar, never while on hold. A reopen starts a
 * new resolve cycle; acknowledge is measured once, in the first cycle. The update target checks
 * the gaps between public updates of an open, public incident against the cadence.
 */
export function computeSla(incident: Incident, goals: SlaGoals, calendar: WorkingCalendar, now: number): TargetFigures[] {
  const history = statusHistory(incident, now);
  const cycles = resolveCycles(incident, history, now);
  const pauses = onHoldPauses(history, now);
  const first = cycles[0]!;
  const acknowledged = incident.acknowledged_at === undefined ? undefined : toMillis(incident.acknowledged_at);
  const figures = [
    measure(
      'acknowledge',
      [{ start: first.start, stop: acknowledged !== undefined && acknowledged <= now ? acknowledged : undefined, pauses }],
      goals,
      calendar,
      now,
    ),
    measure(
      'resolve',
      cycles.map((cycle) => ({ ...cycle, pauses })),
      goals,
      calendar,
      now,
    ),
  ];
  if (goals.update !== undefined && incident.visibility === 'public')
    figures.push(
      measure(
        'update',
        updateGaps(incident, cycles, now).map((gap) => ({ ...gap, pauses })),
        goals,
        calendar,
        now,
      ),
    );
  return figures;
}

/** How many resolve cycles an incident has had by `now`: one, and one more for each reopen. */
export function countResolveCycles(incident: Incident, now: number): number {
  return resolveCycles(incident, statusHistory(incident, now), now).length;
}

/** The statuses an incident went through, from its updates (oldest first), up to `now`. */
function statusHistory(incident: Incident, now: number): { at: number; status: string }[] {
  return incident.updates.map((update) => ({ at: toMillis(update.at), status: update.status })).filter((entry) => entry.at <= now);
}

/** Resolve cycles: the first from reported_at; each reopen (an open status after resolved) starts another; each ends when resolved. */
function resolveCycles(incident: Incident, history: { at: number; status: string }[], now: number): { start: number; stop?: number }[] {
  const cycles: { start: number; stop?: number }[] = [{ start: toMillis(incident.reported_at) }];
  for (const { at, status } of history) {
    const current = cycles[cycles.length - 1]!;
    if (status === 'resolved' && current.stop === undefined) current.stop = at;
    else if (current.stop !== undefined && status !== 'resolved' && status !== 'closed') cycles.push({ start: at });
  }
  const last = cycles[cycles.length - 1]!;
  if (incident.resolved_at !== undefined && toMillis(incident.resolved_at) <= now && (incident.status === 'resolved' || incident.status === 'closed'))
    last.stop = toMillis(incident.resolved_at);
  return cycles;
}

/** The times the incident was on hold. */
function onHoldPauses(history: { at: number; status: string }[], now: number): Pause[] {
  const pauses: Pause[] = [];
  for (const { at, status } of history) {
    const open = pauses[pauses.length - 1];
    if (status === 'on_hold' && (!open || open.end !== undefined)) pauses.push({ start: at });
    else if (status !== 'on_hold' && open && open.end === undefined) open.end = at;
  }
  return pauses.filter((pause) => pause.start <= now);
}

/** The gaps between public updates inside each cycle: from the cycle's start to each update, and on to the cycle's end (or now). */
function updateGaps(incident: Incident, cycles: { start: number; stop?: number }[], now: number): { start: number; stop?: number }[] {
  const times = incident.updates.map((update) => toMillis(update.at)).filter((at) => at <= now);
  return cycles.flatMap((cycle) => {
    const inside = times.filter((at) => at > cycle.start && (cycle.stop === undefined || at < cycle.stop));
    const starts = [cycle.start, ...inside];
    return starts.map((start, index) => ({ start, stop: starts[index + 1] ?? cycle.stop }));
  });
}

/**
 * One target over its clocks (cycles, or gaps between updates), reported for the last one: a
 * breach stays a breach while paused, and `ever_breached` looks at them all.
 */
function measure(target: SlaTarget, clocks: Clock[], goals: SlaGoals, calendar: WorkingCalendar, now: number): TargetFigures {
  const goal = goals[target]! * 1000;
  const results = clocks.map((clock) => runClock(clock, goal, calendar, now));
  // For updates, a finished incident is judged by its worst gap; otherwise the last clock speaks.
  const last =
    target === 'update' && clocks.at(-1)!.stop !== undefined
      ? results.reduce((worst, result) => (result.elapsed > worst.elapsed ? result : worst))
      : results.at(-1)!;
  const breached = last.elapsed > goal;
  const stopped = clocks.at(-1)!.stop !== undefined;
  const remaining = goal - last.elapsed;
  const atRisk =
    !breached &&
    !stopped &&
    goals.atRisk.some((threshold) =>
      threshold.endsWith('%') ? last.elapsed >= (goal * Number(threshold.slice(0, -1))) / 100 : remaining <= parseDuration(threshold) * 1000,
    );
  return {
    target,
    state: breached ? 'breached' : stopped ? 'met' : last.paused ? 'paused' : 'running',
    elapsed_seconds: Math.floor(last.elapsed / 1000),
    remaining_seconds: Math.ceil(remaining / 1000),
    breach_at: last.breachAt === undefined || (stopped && !breached) ? null : new Date(last.breachAt).toISOString().replace('.000Z', 'Z'),
    breached,
    ever_breached: results.some((result) => result.elapsed > goal),
    at_risk: atRisk,
  };
}

/** Working time a clock has counted by `now`, whether it is paused now, and when it reaches the goal (projected from now with no further pauses). */
function runClock(clock: Clock, goal: number, calendar: WorkingCalendar, now: number): { elapsed: number; paused: boolean; breachAt?: number } {
  const end = Math.min(clock.stop ?? now, now);
  const segments = countingSegments(clock.start, end, clock.pauses);
  const paused = clock.stop === undefined && clock.pauses.some((pause) => pause.start <= now && (pause.end === undefined || pause.end > now));
  // A running clock goes on past now with no further pauses: its last stretch never ends (or, when
  // paused, a new one starts now), which is where breach_at is projected.
  if (clock.stop === undefined) {
    const last = segments.at(-1);
    if (!paused && last?.[1] === end) last[1] = Infinity;
    else segments.push([Math.max(end, clock.start), Infinity]); // paused, or a pause ended just now
  }
  let elapsed = 0;
  let breachAt: number | undefined;
  for (const [start, stop] of segments) {
    const counted = workingMillis(calendar, start, Math.min(stop, end));
    if (breachAt === undefined) {
      const reached = addWorkingMillis(calendar, start, goal - elapsed);
      if (reached !== undefined && reached <= stop) breachAt = reached;
    }
    elapsed += Math.max(0, counted);
  }
  return { elapsed, paused, breachAt };
}

/** The stretches of [start, end] outside every pause, in order. */
function countingSegments(start: number, end: number, pauses: readonly Pause[]): [number, number][] {
  const segments: [number, number][] = [];
  let from = start;
  for (const pause of [...pauses].sort((a, b) => a.start - b.start)) {
    const pauseEnd = pause.end ?? Infinity;
    if (pauseEnd <= from || pause.start >= end) continue;
    if (pause.start > from) segments.push([from, pause.start]);
    from = Math.max(from, pauseEnd);
  }
  if (from < end) segments.push([from, end]);
  return segments;
}
