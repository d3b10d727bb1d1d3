/**
 * GitHub's limits on a repository_dispatch's client_payload: at most 10 top-level properties, and
 * less than 64 KB of JSON. The relay keeps a margin below the size.
 */
export const DISPATCH_LIMITS = { properties: 10, bytes: 60_000 } as const;

/** The client_payload for a webhook body within the limits, and how many alerts were left out to fit; or why it cannot fit. */
export type FittedDispatch =
  { ok: true; clientPayload: { source: string; payload: Record<string, unknown> }; trimmed: number } | { ok: false; message: string };

const size = (value: unknown) => new TextEncoder().encode(JSON.stringify(value)).length;

/**
 * Fits a webhook body into a repository_dispatch (`client_payload: {source, payload}`): when it is too
 * large, alerts are left out from the end (resolved ones first) and counted in `truncatedAlerts`, as
 * Alertmanager counts those it leaves out, so intake knows the group is not whole. When even no
 * alerts do not fit (the group's common labels alone are too large), says so.
 */
export function fitDispatch(source: string, body: Record<string, unknown>, limit: number = DISPATCH_LIMITS.bytes): FittedDispatch {
  const whole = { source, payload: body };
  if (size(whole) <= limit) return { ok: true, clientPayload: whole, trimmed: 0 };
  const alerts = Array.isArray(body.alerts) ? [...body.alerts] : [];
  // Firing alerts are kept before resolved ones: they are what opens and widens incidents.
  const ordered = [...alerts.filter((alert) => !isResolved(alert)), ...alerts.filter(isResolved)];
  const counted = typeof body.truncatedAlerts === 'number' ? body.truncatedAlerts : 0;
  let low = 0;
  let high = ordered.length;
  const attempt = (kept: number) => ({ source, payload: { ...body, alerts: ordered.slice(0, kept), truncatedAlerts: counted + alerts.length - kept } });
  // The most alerts that fit: a binary search, each try one serialisation.
  while (low < high) {
    const middle = Math.ceil((low + high) / 2);
    if (size(attempt(middle)) <= limit) low = middle;
    else high = middle - 1;
  }
  const fitted = attempt(low);
  if (size(fitted) > limit) return { ok: false, message: `the webhook is larger than GitHub's ${limit}-byte client_payload even without its alerts` };
  return { ok: true, clientPayload: fitted, trimmed: alerts.length - low };
}

function isResolved(alert: unknown): boolean {
  return typeof alert === 'object' && alert !== null && (alert as { status?: unknown }).status === 'resolved';
}
