/** The one timestamp form records use: RFC 3339, with seconds and an offset (Z or ±HH:MM). */
const STRICT = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.\d+)?(?:Z|[+-](\d{2}):(\d{2}))$/;

/** Anything that looks like a date and time, in parts, to say what is wrong with it. */
const LOOSE = /^(\d{4})-(\d{2})-(\d{2})(?:[Tt ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?)?\s*([Zz]|[+-]\d{2}(?::?\d{2})?)?$/;

/** True for a timestamp as records must write it, e.g. 2026-03-01T10:04:00Z or 2026-03-01T12:04:00+02:00. */
export function isTimestamp(value: string): boolean {
  const parts = STRICT.exec(value);
  if (!parts) return false;
  const [, year, month, day, hour, minute, second, offsetHours, offsetMinutes] = parts.map((part) => Number(part ?? 0));
  return isRealDate(year!, month!, day!) && hour! <= 23 && minute! <= 59 && second! <= 59 && offsetHours! <= 23 && offsetMinutes! <= 59;
}

/** Says what is wrong with a value that is not a timestamp, for a message. */
export function describeBadTimestamp(value: string): string {
  const parts = LOOSE.exec(value);
  if (!parts) return 'is not an ISO 8601 date and time: expected e.g. 2026-03-01T10:04:00Z';
  const [, year, month, day, hour, minute, second, offset] = parts;
  if (Number(year) < EARLIEST_YEAR || Number(year) > LATEST_YEAR) return `is in the year ${year}: expected a year from ${EARLIEST_YEAR} to ${LATEST_YEAR}`;
  if (!isRealDate(Number(year), Number(month), Number(day))) return `is not a real date: ${year}-${month} has no day ${day}`;
  if (hour === undefined) return 'has no time of day: expected e.g. 2026-03-01T10:04:00Z';
  if (Number(hour) > 23 || Number(minute) > 59 || Number(second ?? 0) > 59) return `is not a real time of day: ${hour}:${minute}:${second ?? '00'}`;
  if (!offset) return 'has no UTC offset: add Z (UTC) or the offset, e.g. +02:00; time zones are never guessed';
  return 'is not written as records write timestamps: expected YYYY-MM-DDTHH:MM:SS with Z or an offset ±HH:MM, e.g. 2026-03-01T10:04:00Z or 2026-03-01T12:04:00+02:00';
}

/** True when the year, month (1–12) and day exist in the calendar. */
export function isRealDate(year: number, month: number, day: number): boolean {
  if (year < EARLIEST_YEAR || year > LATEST_YEAR) return false;
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

/** No record can be older than this: a year before it (0000, 0199) is a typing mistake. */
export const EARLIEST_YEAR = 1970;

/**
 * No record can be later than this year's end. The SLA clocks, the uptime days and the calendars
 * add at most a few years to a timestamp (config/duration keeps durations to a year, and a
 * calendar search stops after ten), so every instant computed from one stays far inside what a
 * Date holds (year 275760) and what ISO 8601 writes with four digits (9999): no arithmetic on
 * input can overflow.
 */
export const LATEST_YEAR = 9899;

/** Milliseconds since the epoch of a timestamp that `isTimestamp` accepts. */
export function toMillis(timestamp: string): number {
  return Date.parse(timestamp);
}
