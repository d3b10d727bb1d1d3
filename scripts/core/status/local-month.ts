import { isoDateIn } from '../time/calendar.js';

/** More than any UTC offset a time zone has ever had (they stay within -12 h and +14 h). */
const MAX_OFFSET = 26 * 3_600_000;

/**
 * The local month (`YYYY-MM`) of an instant in a time zone, as `isoDateIn` gives it. Asking the
 * time-zone database is slow, and the history pages ask for every record: an instant more than a
 * day from a UTC month's edge is in that month in every zone, so only the others are asked about.
 */
export function localMonth(timeZone: string, instant: number): string {
  const [earliest, latest] = [utcMonth(instant - MAX_OFFSET), utcMonth(instant + MAX_OFFSET)];
  return earliest === latest ? earliest : isoDateIn(timeZone, instant).slice(0, 7);
}

function utcMonth(instant: number): string {
  return new Date(instant).toISOString().slice(0, 7);
}
