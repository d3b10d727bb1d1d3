/** ISO 8601 date and time with an optional fraction and an optional offset, in parts. */
const TIMESTAMP = /^(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?([Zz]|[+-]\d{2}:?\d{2})?$/;

/** Says what is wrong with a timestamp that failed the schema's date-time format, for a message. */
export function describeBadTimestamp(value: string): string {
  const parts = TIMESTAMP.exec(value);
  if (!parts) return 'is not an ISO 8601 date and time: expected e.g. 2026-03-01T10:04:00Z';
  const [, year, month, day, hour, minute, second = '00', offset] = parts;
  if (!isRealDate(Number(year), Number(month), Number(day))) return `is not a real date: ${year}-${month} has no day ${day}`;
  if (Number(hour) > 23 || Number(minute) > 59 || Number(second) > 59) return `is not a real time of day: ${hour}:${minute}:${second}`;
  if (!offset) return 'has no UTC offset: add Z (UTC) or the offset, e.g. +02:00; time zones are never guessed';
  return 'is not a valid ISO 8601 timestamp: expected e.g. 2026-03-01T10:04:00Z or 2026-03-01T12:04:00+02:00';
}

/** True when the year, month (1–12) and day exist in the calendar. */
export function isRealDate(year: number, month: number, day: number): boolean {
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

/** Milliseconds since the epoch of a timestamp the schema has accepted. */
export function toMillis(timestamp: string): number {
  return Date.parse(timestamp);
}
