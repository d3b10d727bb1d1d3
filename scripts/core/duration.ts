/** Seconds in a duration the schema has accepted: `15m`, `4h`, `1h30m`. */
export function parseDuration(duration: string): number {
  const [, hours = '0', minutes = '0'] = /^(?:(\d+)h)?(?:(\d+)m)?$/.exec(duration) ?? [];
  return Number(hours) * 3600 + Number(minutes) * 60;
}
