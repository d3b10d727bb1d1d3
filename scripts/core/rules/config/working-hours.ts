import { findingAt } from '../../findings.js';
import type { ConfigRule } from '../../records/record-set.js';

/** Each working interval starts before it ends, and a day's intervals are in order without overlap. */
export const configWorkingHours: ConfigRule = {
  id: 'config/working-hours',
  check(config) {
    return Object.entries(config.data.calendars ?? {}).flatMap(([name, calendar]) =>
      Object.entries(calendar.hours).flatMap(([day, intervals]) =>
        (intervals ?? []).flatMap((interval, index) => {
          const [start, end] = interval.split('-') as [string, string];
          const previousEnd = intervals?.[index - 1]?.split('-')[1];
          const path = ['calendars', name, 'hours', day, index];
          if (start >= end) return [findingAt(config, path, this.id, `Interval ${interval} ends before it starts: expected HH:MM-HH:MM with the start first`)];
          if (previousEnd !== undefined && start < previousEnd)
            return [
              findingAt(
                config,
                path,
                this.id,
                `Interval ${interval} starts before the previous one ends (${previousEnd}): list a day's intervals in order, without overlap`,
              ),
            ];
          return [];
        }),
      ),
    );
  },
};
