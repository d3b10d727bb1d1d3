import { findingAt } from '../../findings.js';
import type { ConfigRule } from '../../records/record-set.js';
import { isRealDate } from '../../time/timestamps.js';

/** Each holiday is a real date (YYYY-MM-DD) or a real day of every year (MM-DD; 02-29 allowed). */
export const configHoliday: ConfigRule = {
  id: 'config/holiday',
  check(config) {
    return Object.entries(config.data.calendars ?? {}).flatMap(([name, calendar]) =>
      (calendar.holidays ?? []).flatMap((holiday, index) => {
        const parts = holiday.split('-').map(Number);
        const [year, month, day] = parts.length === 3 ? parts : [2024, ...parts]; // 2024 is a leap year
        if (isRealDate(year!, month!, day!)) return [];
        return [
          findingAt(
            config,
            ['calendars', name, 'holidays', index],
            this.id,
            `Holiday ${holiday} is not a real date: expected YYYY-MM-DD or MM-DD, e.g. 2026-12-25 or 12-26`,
          ),
        ];
      }),
    );
  },
};
