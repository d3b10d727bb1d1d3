import type { Config } from '../records/types.js';

/**
 * Business calendars: when SLA time counts. Instants are milliseconds since the epoch; local days
 * and wall-clock times are turned into instants with `Intl` in the calendar's IANA time zone, so
 * daylight-saving changes and odd offsets come from the time-zone database, never from us.
 */
export type WorkingCalendar =
  | { kind: '24x7' }
  | {
      kind: 'business';
      timeZone: string;
      /** Working intervals per weekday (0 = Sunday), as minutes after local midnight. */
      hours: readonly (readonly [number, number][])[];
      /** Holidays: `YYYY-MM-DD` dates, and `MM-DD` for every year. */
      holidays: ReadonlySet<string>;
    };

/** The calendar the config names (`24x7` needs no entry); the same object for the same config and name, so its days are worked out once. */
export function workingCalendar(config: Config, name = '24x7'): WorkingCalendar {
  const made = madeCalendars.get(config) ?? madeCalendars.set(config, new Map()).get(config)!;
  let calendar = made.get(name);
  if (!calendar) made.set(name, (calendar = makeCalendar(config, name)));
  return calendar;
}

const madeCalendars = new WeakMap<Config, Map<string, WorkingCalendar>>();

function makeCalendar(config: Config, name: string): WorkingCalendar {
  const calendars = config.calendars ?? {};
  // A calendar's name is text from the config (`constructor` is one): only the map's own keys count.
  const calendar = Object.hasOwn(calendars, name) ? calendars[name] : undefined;
  if (name === '24x7' || !calendar) return { kind: '24x7' };
  const days = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] as const;
  return {
    kind: 'business',
    timeZone: calendar.time_zone,
    hours: days.map((day) => (calendar.hours[day] ?? []).map((interval) => interval.split('-').map(toMinutes) as [number, number])),
    holidays: new Set(calendar.holidays ?? []),
  };
}

function toMinutes(time: string): number {
  const [hours = 0, minutes = 0] = time.split(':').map(Number);
  return hours * 60 + minutes;
}

/** A calendar with no working hours at all would never reach a goal; searches stop after this many days. */
const MAX_DAYS = 3660;

/** Working time, in milliseconds, between two instants. */
export function workingMillis(calendar: WorkingCalendar, from: number, to: number): number {
  if (to <= from) return 0;
  if (calendar.kind === '24x7') return to - from;
  let total = 0;
  for (const [start, end] of workingIntervals(calendar, from)) {
    if (start >= to) break;
    total += Math.max(0, Math.min(end, to) - Math.max(start, from));
  }
  return total;
}

/** The instant at which `amount` milliseconds of working time have passed since `from`; undefined when the calendar never gets there. */
export function addWorkingMillis(calendar: WorkingCalendar, from: number, amount: number): number | undefined {
  if (calendar.kind === '24x7') return from + amount;
  let left = amount;
  for (const [start, end] of workingIntervals(calendar, from)) {
    const usable = Math.max(0, end - Math.max(start, from));
    if (usable >= left && end > from) return Math.max(start, from) + left;
    left -= usable;
  }
  return undefined;
}

type BusinessCalendar = Extract<WorkingCalendar, { kind: 'business' }>;
type Intervals = readonly (readonly [number, number])[];

/** The working intervals, as instants, of each local day from the one `from` falls on, in order. */
function* workingIntervals(calendar: BusinessCalendar, from: number): Generator<readonly [number, number]> {
  const { year, month, day } = localDate(calendar.timeZone, from);
  const first = Date.UTC(year, month - 1, day) / DAY_MS;
  for (let count = 0; count < MAX_DAYS; count++) yield* intervalsOn(calendar, first + count);
}

const DAY_MS = 86_400_000;

/** A calendar's working intervals on a local day (days since 1970-01-01), worked out once per calendar and day. */
function intervalsOn(calendar: BusinessCalendar, epochDay: number): Intervals {
  const days = dayIntervals.get(calendar) ?? dayIntervals.set(calendar, new Map()).get(calendar)!;
  let intervals = days.get(epochDay);
  if (intervals === undefined) {
    const date = new Date(epochDay * DAY_MS);
    const iso = date.toISOString().slice(0, 10);
    const holiday = calendar.holidays.has(iso) || calendar.holidays.has(iso.slice(5));
    intervals = holiday
      ? []
      : calendar.hours[date.getUTCDay()]!.map(([start, end]) => [toInstant(calendar.timeZone, iso, start), toInstant(calendar.timeZone, iso, end)] as const);
    days.set(epochDay, intervals);
  }
  return intervals;
}

const dayIntervals = new WeakMap<BusinessCalendar, Map<number, Intervals>>();

const formatters = new Map<string, Intl.DateTimeFormat>();

type WallClock = { year: number; month: number; day: number; hour: number; minute: number; second: number };

/** The wall-clock fields of an instant in a time zone. */
function wallClock(timeZone: string, instant: number): WallClock {
  const local = new Date(Math.floor(instant / 1000) * 1000 + offsetAt(timeZone, instant));
  return {
    year: local.getUTCFullYear(),
    month: local.getUTCMonth() + 1,
    day: local.getUTCDate(),
    hour: local.getUTCHours(),
    minute: local.getUTCMinutes(),
    second: local.getUTCSeconds(),
  };
}

/** The wall-clock fields as Intl gives them: exact, and slow. */
function intlWallClock(timeZone: string, instant: number): WallClock {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timeZone, formatter);
  }
  const fields = Object.fromEntries(formatter.formatToParts(instant).map((part) => [part.type, Number(part.value)]));
  return { year: fields.year!, month: fields.month!, day: fields.day!, hour: fields.hour!, minute: fields.minute!, second: fields.second! };
}

function localDate(timeZone: string, instant: number): { year: number; month: number; day: number } {
  const { year, month, day } = wallClock(timeZone, instant);
  return { year, month, day };
}

/** The local date (`YYYY-MM-DD`) of an instant in a time zone. */
export function isoDateIn(timeZone: string, instant: number): string {
  const { year, month, day } = localDate(timeZone, instant);
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** The ISO date `days` after (or before, when negative) an ISO date. */
export function addDays(isoDate: string, days: number): string {
  const [year, month, day] = isoDate.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(year, month - 1, day + days)).toISOString().slice(0, 10);
}

/**
 * The UTC offset of a time zone at an instant, in milliseconds. An offset holds for a whole UTC
 * day unless a change falls inside it, and for a whole hour unless one falls inside that: Intl is
 * asked twice a day, and twice an hour only on the days of a change.
 */
function offsetAt(timeZone: string, instant: number): number {
  const offsets = zoneOffsets.get(timeZone) ?? zoneOffsets.set(timeZone, { days: new Map(), hours: new Map() }).get(timeZone)!;
  const daily = steadyOffset(offsets.days, timeZone, Math.floor(instant / DAY_MS) * DAY_MS, DAY_MS);
  if (!Number.isNaN(daily)) return daily;
  const hourly = steadyOffset(offsets.hours, timeZone, Math.floor(instant / HOUR_MS) * HOUR_MS, HOUR_MS);
  return Number.isNaN(hourly) ? intlOffsetAt(timeZone, instant) : hourly;
}

/** The offset over [start, start + length), or NaN when it changes inside; remembered in `known` by start. */
function steadyOffset(known: Map<number, number>, timeZone: string, start: number, length: number): number {
  let offset = known.get(start);
  if (offset === undefined) {
    const first = intlOffsetAt(timeZone, start);
    offset = first === intlOffsetAt(timeZone, start + length - 1000) ? first : NaN;
    known.set(start, offset);
  }
  return offset;
}

const HOUR_MS = 3600_000;
const zoneOffsets = new Map<string, { days: Map<number, number>; hours: Map<number, number> }>();

function intlOffsetAt(timeZone: string, instant: number): number {
  const wall = intlWallClock(timeZone, instant);
  return Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute, wall.second) - Math.floor(instant / 1000) * 1000;
}

/**
 * The instant of a local date and time (minutes after midnight) in a time zone. A wall time that
 * happens twice (clocks going back) is the first one; one that a change skips (clocks going
 * forward) is read with the offset before the change, so it lands as far after the change.
 */
export function toInstant(timeZone: string, isoDate: string, minutes: number): number {
  // Asking Intl is slow, and the SLA clocks of thousands of incidents ask for the same days again.
  const key = `${timeZone} ${isoDate} ${minutes}`;
  let instant = instants.get(key);
  if (instant === undefined) {
    instant = computeInstant(timeZone, isoDate, minutes);
    instants.set(key, instant);
  }
  return instant;
}

const instants = new Map<string, number>();

function computeInstant(timeZone: string, isoDate: string, minutes: number): number {
  const [year, month, day] = isoDate.split('-').map(Number) as [number, number, number];
  const wall = Date.UTC(year, month - 1, day, 0, minutes);
  const before = wall - offsetAt(timeZone, wall - 12 * 3600_000);
  const after = wall - offsetAt(timeZone, wall + 12 * 3600_000);
  const valid = [before, after].filter((instant) => instant + offsetAt(timeZone, instant) === wall);
  return valid.length > 0 ? Math.min(...valid) : before;
}

/** An instant as ISO 8601 in a time zone, with its offset (`2026-03-02T09:00:00+01:00`), for people. */
export function formatInZone(instant: number, timeZone: string): string {
  const wall = wallClock(timeZone, instant);
  const offset = Math.round(offsetAt(timeZone, instant) / 60000);
  const pad = (value: number, length = 2) => String(value).padStart(length, '0');
  const zone = offset === 0 ? 'Z' : `${offset < 0 ? '-' : '+'}${pad(Math.floor(Math.abs(offset) / 60))}:${pad(Math.abs(offset) % 60)}`;
  return `${pad(wall.year, 4)}-${pad(wall.month)}-${pad(wall.day)}T${pad(wall.hour)}:${pad(wall.minute)}:${pad(wall.second)}${zone}`;
}
