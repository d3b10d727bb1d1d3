/**
 * What announcing remembers between runs, per channel id: the keys delivered, the keys a channel's
 * first run passed over as too old, and the keys a channel refused (a 4xx) with how many runs it
 * refused them. Kept outside the runner and the public site (docs/reference.md, announce).
 */
export interface AnnounceState {
  version: 1;
  channels: Record<string, ChannelState>;
}

export interface ChannelState {
  /** Key → when it was delivered. */
  delivered: Record<string, string>;
  /** Key → when the channel's first run passed over it (older than `since`). */
  skipped: Record<string, string>;
  /** Key → the runs the channel refused it in, and its last answer; given up after MAX_REFUSALS. */
  refused: Record<string, { runs: number; reason: string; last: string }>;
}

/** A message a channel refuses (a 4xx) is tried on this many runs, then given up and reported. */
export const MAX_REFUSALS = 3;

/** The state of nothing remembered. */
export function emptyState(): AnnounceState {
  return { version: 1, channels: {} };
}

/**
 * Parses a state document, or says what is wrong with it: a state that cannot be read must stop
 * the run (sending everything again would be worse than sending nothing).
 */
export function parseState(text: string): { ok: true; state: AnnounceState } | { ok: false; reason: string } {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    return { ok: false, reason: `it is not JSON (${error instanceof Error ? error.message : String(error)})` };
  }
  if (!isObject(data) || data.version !== 1 || !isObject(data.channels)) return { ok: false, reason: 'expected {"version": 1, "channels": {...}}' };
  const channels: Record<string, ChannelState> = {};
  for (const [id, value] of Object.entries(data.channels)) {
    if (!isObject(value)) return { ok: false, reason: `channels.${id} is not an object` };
    const delivered = stringMap(value.delivered);
    const skipped = stringMap(value.skipped);
    const refused = value.refused === undefined ? {} : isObject(value.refused) ? value.refused : undefined;
    if (!delivered || !skipped || !refused) return { ok: false, reason: `channels.${id} needs delivered and skipped maps of key to time` };
    const refusals: ChannelState['refused'] = {};
    for (const [key, entry] of Object.entries(refused)) {
      if (!isObject(entry) || typeof entry.runs !== 'number' || typeof entry.reason !== 'string' || typeof entry.last !== 'string')
        return { ok: false, reason: `channels.${id}.refused["${key}"] needs runs, reason and last` };
      setOwn(refusals, key, { runs: entry.runs, reason: entry.reason, last: entry.last });
    }
    setOwn(channels, id, { delivered, skipped, refused: refusals });
  }
  return { ok: true, state: { version: 1, channels } };
}

/** The state as a stable JSON document (keys in the order they were remembered). */
export function serializeState(state: AnnounceState): string {
  return `${JSON.stringify(state, null, 2)}\n`;
}

/** A channel's state, made empty on first use. */
export function channelState(state: AnnounceState, id: string): ChannelState {
  state.channels[id] ??= { delivered: {}, skipped: {}, refused: {} };
  return state.channels[id];
}

/** Sets a key read from the file as the object's own: a key such as `__proto__` stays a key, never the prototype. */
function setOwn<T>(map: Record<string, T>, key: string, value: T): void {
  Object.defineProperty(map, key, { value, enumerable: true, writable: true, configurable: true });
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function stringMap(value: unknown): Record<string, string> | undefined {
  if (value === undefined) return {};
  if (!isObject(value) || !Object.values(value).every((entry) => typeof entry === 'string')) return undefined;
  return value as Record<string, string>;
}
