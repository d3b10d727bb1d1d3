import { toMillis } from '../core/time/timestamps.js';

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string, withTime: boolean): Intl.DateTimeFormat {
  const key = `${timeZone} ${withTime}`;
  let found = formatters.get(key);
  if (!found) {
    found = new Intl.DateTimeFormat(
      'en-GB',
      withTime
        ? { timeZone, day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZoneName: 'short' }
        : { timeZone, day: 'numeric', month: 'short', year: 'numeric' },
    );
    formatters.set(key, found);
  }
  return found;
}

/** `23 Nov 2026, 11:46 GMT`: a timestamp for people, in the page's time zone. */
export function formatDateTime(timestamp: string, timeZone: string): string {
  return formatter(timeZone, true).format(toMillis(timestamp));
}

/** `23 Nov 2026`: a local date (`YYYY-MM-DD`) for people. */
export function formatDate(isoDate: string): string {
  return formatter('UTC', false).format(Date.parse(`${isoDate}T12:00:00Z`));
}

/** `November 2026`: a month (`YYYY-MM`) for people. */
export function formatMonth(month: string): string {
  return MONTH.format(Date.parse(`${month}-15T12:00:00Z`));
}

const MONTH = new Intl.DateTimeFormat('en-GB', { timeZone: 'UTC', month: 'long', year: 'numeric' });

/** `2 h 5 min`: a length of time for people, to the minute (`under a minute` below one). */
export function formatLength(milliseconds: number): string {
  const minutes = Math.floor(milliseconds / 60_000);
  if (minutes < 1) return 'under a minute';
  const [days, hours, rest] = [Math.floor(minutes / 1440), Math.floor((minutes % 1440) / 60), minutes % 60];
  return [days && `${days} d`, hours && `${hours} h`, rest && `${rest} min`].filter(Boolean).join(' ');
}

/** An uptime ratio as a percentage with two decimals, never rounded up to 100. */
export function formatPercent(ratio: number): string {
  return `${(Math.floor(ratio * 10_000) / 100).toFixed(2)}%`;
}
