import { findingAt } from '../../findings.js';
import type { ConfigRule } from '../../records/record-set.js';
import type { YamlPath } from '../../records/parse-yaml.js';
import { MAX_DURATION_SECONDS, parseDuration } from '../../time/duration.js';

/**
 * SLA targets, escalation delays and the recurring-incident window are longer than zero, no
 * duration (at-risk margins too) is longer than a year, and escalation levels come in order.
 */
export const configDuration: ConfigRule = {
  id: 'config/duration',
  check(config) {
    const targets = Object.entries(config.data.sla ?? {}).flatMap(([priority, policy]) =>
      (['acknowledge', 'resolve', 'update'] as const).flatMap((target) => {
        const value = policy?.[target];
        return value === undefined ? [] : [{ path: ['sla', priority, target] as YamlPath, value }];
      }),
    );
    const levels = Object.entries(config.data.escalation ?? {}).flatMap(([priority, list]) =>
      (list ?? []).map((level, index) => ({
        path: ['escalation', priority, index, 'after'] as YamlPath,
        value: level.after,
        previous: list?.[index - 1]?.after,
      })),
    );
    const margins = Object.entries(config.data.sla ?? {}).flatMap(([priority, policy]) =>
      (policy?.at_risk ?? []).flatMap((value, index) => (value.endsWith('%') ? [] : [{ path: ['sla', priority, 'at_risk', index] as YamlPath, value }])),
    );
    const window = config.data.problems?.recurring_window;
    const windows = window === undefined ? [] : [{ path: ['problems', 'recurring_window'] as YamlPath, value: window }];
    return [
      ...[...targets, ...levels, ...windows]
        .filter(({ value }) => parseDuration(value) === 0)
        .map(({ path, value }) => findingAt(config, path, this.id, `Duration ${value} is zero: expected a time longer than zero, e.g. 15m`)),
      ...[...targets, ...levels, ...margins, ...windows]
        .filter(({ value }) => parseDuration(value) > MAX_DURATION_SECONDS)
        .map(({ path, value }) =>
          findingAt(config, path, this.id, `Duration ${value} is longer than a year: expected at most ${MAX_DURATION_SECONDS / 3600}h, e.g. 4h`),
        ),
      ...levels
        .filter(({ value, previous }) => previous !== undefined && parseDuration(value) <= parseDuration(previous))
        .map(({ path, value, previous }) =>
          findingAt(config, path, this.id, `Escalation after ${value} does not come after the level before it (${previous}): list levels in order of time`),
        ),
    ];
  },
};
