import { UsageError } from '../core/errors.js';
import { closestMatch } from '../core/suggest.js';
import { describeBadTimestamp, isTimestamp } from '../core/time/timestamps.js';
import type { Config } from '../core/records/types.js';

/** The public states a service can be in (Statuspage's component states). */
export const SERVICE_STATUSES = ['operational', 'degraded_performance', 'partial_outage', 'major_outage', 'under_maintenance'] as const;

/** Checks an option against its allowed values, naming the option and the closest value. */
export function oneOf<T extends string>(command: string, option: string, value: string, allowed: readonly T[]): T {
  if ((allowed as readonly string[]).includes(value)) return value as T;
  const guess = closestMatch(value, allowed);
  throw new UsageError(`incidents ${command}: --${option} ${value} is not one of ${allowed.join(', ')}${guess ? ` (did you mean ${guess}?)` : ''}`);
}

/** --at as records write timestamps; now (to the second, UTC) when not given. */
export function timestampOption(command: string, option: string, value: string | undefined, now: Date): string {
  if (value === undefined) return now.toISOString().replace(/\.\d{3}Z$/, 'Z');
  if (!isTimestamp(value)) throw new UsageError(`incidents ${command}: --${option} ${value} ${describeBadTimestamp(value)}`);
  return value;
}

/** `--service ID[=STATUS]` values: ids from the config, states from SERVICE_STATUSES. */
export function serviceOptions(command: string, values: readonly string[], config: Config, statusRequired: boolean): { id: string; status?: string }[] {
  const ids = config.services.map((service) => service.id);
  return values.map((value) => {
    const [id = '', status, ...rest] = value.split('=');
    if (!ids.includes(id)) {
      const guess = closestMatch(id, ids);
      throw new UsageError(
        `incidents ${command}: --service ${value}: ${id || '(empty)'} is not a service in the config${guess ? ` (did you mean ${guess}?)` : `: expected one of ${ids.join(', ')}`}`,
      );
    }
    if (rest.length > 0 || (statusRequired && status === undefined))
      throw new UsageError(`incidents ${command}: --service ${value}: expected ID=STATUS, e.g. ${id}=operational`);
    return { id, ...(status === undefined ? {} : { status: oneOf(command, 'service', status, SERVICE_STATUSES) }) };
  });
}
