/** Seconds in a duration the schema has accepted: `15m`, `4h`, `1h30m`. */
export function parseDuration(duration: string): number {
  const [, hours = '0', minutes = '0'] = /^(?:(\d+)h)?(?:(\d+)m)?$/.exec(duration) ?? [];
  return Number(hours) * 3600 + Number(minutes) * 60;
}

/**
 * No SLA target, escalation delay or at-risk margin is longer than a year (8760h): a longer one is
 * a typing mistake, and adding a duration without bound to a timestamp could leave what a Date holds.
 */
export const MAX_DURATION_SECONDS = 8760 * 3600;

/** Seconds as people read a duration: `1h40m`, `-40m`, `0m` (rounded down to the minute). */
export function formatSeconds(seconds: number): string {
  const sign = seconds < 0 ? '-' : '';
  const minutes = Math.floor(Math.abs(seconds) / 60);
  const hours = Math.floor(minutes / 60);
  return `${sign}${hours > 0 ? `${hours}h` : ''}${hours > 0 ? String(minutes % 60).padStart(2, '0') : minutes % 60}m`;
}
