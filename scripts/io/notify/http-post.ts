import { DeliveryError } from '../../core/errors.js';

/** How a POST is retried within a run. */
export interface RetryOptions {
  /** The unit of backoff (1000 ms in production; tests shorten it). */
  retryBaseMs: number;
  /** Attempts in all (default 3): waits of 1 and 4 units between them, or what a 429's Retry-After asks, up to 30 units. */
  attempts?: number;
}

/** How long one request may take, in units of retryBaseMs (20 s in production), and never less than MIN_TIMEOUT_MS: a receiver that took a message but answered late would get it again. */
const TIMEOUT_UNITS = 20;
const MIN_TIMEOUT_MS = 5000;
const MAX_RETRY_AFTER_UNITS = 30;

/**
 * POSTs a body and succeeds on a 2xx. A 429, a 5xx, a 408, a timeout or a network error is tried
 * again with backoff, then thrown as a passing DeliveryError (the next run tries again); a 3xx or
 * another 4xx is thrown at once as refused. Messages name the channel and the HTTP status, never
 * the URL (a Slack or Teams webhook URL is a secret).
 * @param name the channel id, for messages
 */
export async function postWithRetry(name: string, url: string, body: string, headers: Record<string, string>, options: RetryOptions): Promise<void> {
  const attempts = options.attempts ?? 3;
  const target = withoutCredentials(url);
  let last = '';
  for (let attempt = 1; attempt <= attempts; attempt++) {
    let wait = attempt * attempt * options.retryBaseMs;
    try {
      const response = await fetch(target.url, {
        method: 'POST',
        body,
        headers: { 'content-type': 'application/json; charset=utf-8', 'user-agent': 'incidents-as-code', ...target.headers, ...headers },
        redirect: 'manual',
        signal: AbortSignal.timeout(Math.max(TIMEOUT_UNITS * options.retryBaseMs, MIN_TIMEOUT_MS)),
      });
      const answer = (await response.text().catch(() => ''))
        .replace(/[^\x20-\x7e]+/g, ' ')
        .trim()
        .slice(0, 200);
      if (response.status >= 200 && response.status < 300) return;
      last = `HTTP ${response.status}${answer ? `: ${answer}` : ''}`;
      // The channel itself refused (a revoked or mistyped webhook, a credential): no message is at
      // fault, so none is given up; the channel waits for the next run, after its secret is fixed.
      if (CHANNEL_REFUSALS.has(response.status))
        throw new DeliveryError(`${name}: the receiver refused the channel (${last}): check its URL secret; the next run tries again`, false);
      const passing = response.status === 429 || response.status === 408 || response.status >= 500;
      if (!passing) throw new DeliveryError(`${name}: the receiver refused the message (${last})`, true);
      const retryAfter = Number(response.headers.get('retry-after'));
      if (response.status === 429 && Number.isFinite(retryAfter) && retryAfter > 0)
        wait = Math.min(retryAfter * 1000, MAX_RETRY_AFTER_UNITS * options.retryBaseMs);
    } catch (error) {
      if (error instanceof DeliveryError) throw error;
      last = describeNetworkError(error);
    }
    if (attempt < attempts) await new Promise((resolve) => setTimeout(resolve, wait));
  }
  throw new DeliveryError(`${name}: not delivered after ${attempts} attempts (${last}); the next run tries again`, false);
}

/** Statuses that say the channel, not the message, is refused: not found, gone, or not allowed. */
const CHANNEL_REFUSALS = new Set([401, 403, 404, 410]);

/**
 * The URL without its user and password, and those as a Basic Authorization header: fetch refuses a
 * URL with credentials (and its error would print them).
 */
function withoutCredentials(url: string): { url: string; headers: Record<string, string> } {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return { url, headers: {} };
  }
  if (!parsed.username && !parsed.password) return { url, headers: {} };
  const credentials = `${decodeURIComponent(parsed.username)}:${decodeURIComponent(parsed.password)}`;
  parsed.username = '';
  parsed.password = '';
  return { url: parsed.href, headers: { authorization: `Basic ${Buffer.from(credentials).toString('base64')}` } };
}

/** A network error in a few words: its code, or its message with any address in it blanked out (a webhook URL is a secret). */
function describeNetworkError(error: unknown): string {
  if (error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError')) return 'no answer in time';
  const cause = error instanceof Error && error.cause instanceof Error ? error.cause : undefined;
  const code = cause && 'code' in cause ? String(cause.code) : undefined;
  const message = cause?.message || (error instanceof Error ? error.message : String(error));
  return code ?? message.replace(/[a-z][a-z0-9+.-]*:\/\/\S*/gi, '(the channel URL)');
}
