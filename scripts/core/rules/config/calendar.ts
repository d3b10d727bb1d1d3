import { findingAt } from '../../findings.js';
import type { ConfigRule } from '../../records/record-set.js';

/** Each SLA policy's calendar is 24x7 or one defined under calendars, and 24x7 is not redefined. */
export const configCalendar: ConfigRule = {
  id: 'config/calendar',
  check(config) {
    const defined = Object.keys(config.data.calendars ?? {});
    const redefined = defined.includes('24x7')
      ? [findingAt(config, ['calendars', '24x7'], this.id, 'The calendar name 24x7 is reserved for round-the-clock time: choose another name', { at: 'key' })]
      : [];
    const unknown = Object.entries(config.data.sla ?? {}).flatMap(([priority, policy]) => {
      const calendar = policy?.calendar;
      if (calendar === undefined || calendar === '24x7' || defined.includes(calendar)) return [];
      return [
        findingAt(
          config,
          ['sla', priority, 'calendar'],
          this.id,
          `Calendar ${calendar} is not defined: expected 24x7 or one of calendars (${defined.join(', ') || 'none defined'})`,
        ),
      ];
    });
    return [...redefined, ...unknown];
  },
};
