import { findingAt } from '../../findings.js';
import type { ConfigRule } from '../../records/record-set.js';
import type { YamlPath } from '../../records/parse-yaml.js';

/** Every time zone is an IANA zone that this runtime knows, e.g. Europe/London. */
export const configTimeZone: ConfigRule = {
  id: 'config/time-zone',
  check(config) {
    const zones: { path: YamlPath; zone: string }[] = [
      ...(config.data.page.time_zone ? [{ path: ['page', 'time_zone'], zone: config.data.page.time_zone }] : []),
      ...Object.entries(config.data.calendars ?? {}).map(([name, calendar]) => ({ path: ['calendars', name, 'time_zone'], zone: calendar.time_zone })),
    ];
    return zones
      .filter(({ zone }) => !isTimeZone(zone))
      .map(({ path, zone }) =>
        findingAt(config, path, this.id, `Unknown time zone "${zone}": expected an IANA time zone such as Europe/London, America/New_York or UTC`),
      );
  },
};

function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}
