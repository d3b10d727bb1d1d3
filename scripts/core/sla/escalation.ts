import { parseDuration } from '../time/duration.js';
import { isOpen } from '../gate/lifecycle.js';
import { countResolveCycles, type TargetFigures } from './clocks.js';
import { toMillis } from '../time/timestamps.js';
import type { Config, Incident } from '../records/types.js';

/** Something to announce about an incident, once: `key` is what makes announcing idempotent. */
export interface Notice {
  /** Stable across runs for the same event (a level, a target's breach in a cycle), so a re-run finds it already posted. */
  key: string;
  /** Handles to mention (`@login`, `@org/team`). */
  mention: readonly string[];
  text: string;
}

/**
 * What is due to be announced about one incident, as channels take it: its notices (keys unique
 * within the incident), and whether it is still open: a finished incident only closes what a
 * channel keeps open for it.
 */
export interface Due {
  /** The incident: its id, title, record file (relative to the root) and whether it is still open. */
  incident: { id: string; title: string; path: string; open: boolean };
  notices: readonly Notice[];
}

/**
 * What should have been announced about an open incident by `now`: each escalation level whose
 * `after` has passed since reported_at while it is still unacknowledged, and each target that is at
 * risk or breached. Keys name the event, so the same event is never announced twice.
 */
export function dueNotices(incident: Incident, config: Config, figures: readonly TargetFigures[], now: number): Notice[] {
  if (!isOpen(incident)) return [];
  const { id, priority } = incident;
  const levels = config.escalation?.[priority] ?? [];
  const acknowledged = incident.acknowledged_at !== undefined && toMillis(incident.acknowledged_at) <= now;
  const reported = toMillis(incident.reported_at);
  const escalations: Notice[] = acknowledged
    ? []
    : levels.flatMap((level, index) =>
        reported + parseDuration(level.after) * 1000 <= now
          ? [
              {
                key: `escalation-${index + 1}`,
                mention: level.notify,
                text: `Escalation level ${index + 1}: ${id} (${priority}) is still not acknowledged ${level.after} after it was reported.`,
              },
            ]
          : [],
      );
  const owners = incident.commander ? [incident.commander] : (levels[0]?.notify ?? []);
  const targets = figures.flatMap((figure): Notice[] => {
    const cycle = cycleKey(incident, figure.target, now);
    if (figure.state === 'breached')
      return [
        {
          key: `breached-${figure.target}-${cycle}`,
          mention: owners,
          text: `${id} (${priority}) breached its ${figure.target} target at ${figure.breach_at}.`,
        },
      ];
    if (figure.at_risk)
      return [
        {
          key: `at-risk-${figure.target}-${cycle}`,
          mention: owners,
          text: `${id} (${priority}) is at risk of breaching its ${figure.target} target, due ${figure.breach_at}.`,
        },
      ];
    return [];
  });
  return [...escalations, ...targets];
}

/** Which clock a target's figures are about: acknowledge has one; resolve one per cycle (reopens count); update one per gap (since the last update). */
function cycleKey(incident: Incident, target: TargetFigures['target'], now: number): string {
  if (target === 'acknowledge') return '1';
  if (target === 'update') return incident.updates.at(-1)?.at ?? incident.reported_at;
  return String(countResolveCycles(incident, now));
}
