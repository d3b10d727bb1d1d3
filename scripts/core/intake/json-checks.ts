/** Small checks of untrusted JSON, each pushing `path: problem` when the value is not what is expected. */

/** A plain JSON object. */
export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** How a JSON value is described in a message. */
export function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'an object';
  if (typeof value === 'string') return value.length > 40 ? 'a long string' : `"${value.replace(/[^\x20-\x7e]/g, '?')}"`;
  return `${typeof value === 'number' ? 'the number' : typeof value} ${String(value)}`;
}

/** An RFC 3339 timestamp with an offset, with any fraction of a second. */
const RFC3339 = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2})(?:\.\d+)?(Z|[+-]\d{2}:\d{2})$/i;

/**
 * A timestamp as UTC whole seconds (`2026-03-01T10:04:00Z`), or undefined when the text is not an
 * RFC 3339 timestamp with an offset. Fractions of a second (Alertmanager sends nanoseconds) are cut.
 */
export function toUtcSeconds(text: string): string | undefined {
  const match = RFC3339.exec(text);
  if (!match) return undefined;
  const millis = Date.parse(`${match[1]}${match[2]!.toUpperCase()}`);
  if (Number.isNaN(millis)) return undefined;
  return new Date(millis).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** Reads the fields of untrusted JSON, collecting every problem rather than stopping at the first. */
export class JsonReader {
  readonly problems: string[] = [];

  problem(path: string, message: string): void {
    if (this.problems.length < 20) this.problems.push(`${path}: ${message}`);
  }

  /** A string (up to `max` characters); `optional` allows it to be missing or null. */
  string(value: unknown, path: string, { optional = false, max = 10_000 } = {}): string | undefined {
    if (value === undefined || value === null) {
      if (!optional) this.problem(path, 'missing, expected a string');
      return undefined;
    }
    if (typeof value !== 'string') return void this.problem(path, `expected a string, found ${describe(value)}`);
    if (value.length > max) return void this.problem(path, `${value.length} characters, expected at most ${max}`);
    return value;
  }

  /** One of a list of values. */
  oneOf<T extends string>(value: unknown, path: string, allowed: readonly T[]): T | undefined {
    if (typeof value === 'string' && (allowed as readonly string[]).includes(value)) return value as T;
    return void this.problem(path, `found ${describe(value)}, expected one of ${allowed.join(', ')}`);
  }

  /** A map of strings to strings (labels, annotations), each value up to `max` characters. */
  stringMap(value: unknown, path: string, { optional = false, max = 10_000 } = {}): Record<string, string> {
    if (value === undefined || value === null) {
      if (!optional) this.problem(path, 'missing, expected an object of strings');
      return {};
    }
    if (!isObject(value)) {
      this.problem(path, `expected an object of strings, found ${describe(value)}`);
      return {};
    }
    const map: Record<string, string> = {};
    for (const [key, entry] of Object.entries(value)) {
      // A record cannot hold the key (yaml/proto-key), and no sender has a reason to send it.
      if (key === '__proto__') {
        this.problem(`${path}.__proto__`, 'this name is not allowed: it could change how objects behave');
        continue;
      }
      const text = this.string(entry, `${path}.${key}`, { max });
      if (text !== undefined) Object.defineProperty(map, key, { value: text, enumerable: true, writable: true, configurable: true });
    }
    return map;
  }

  /** A timestamp with an offset, as UTC whole seconds. */
  timestamp(value: unknown, path: string): string | undefined {
    const text = this.string(value, path, { max: 64 });
    if (text === undefined) return undefined;
    const utc = toUtcSeconds(text);
    if (!utc) this.problem(path, `found ${describe(text)}, expected an RFC 3339 timestamp with an offset`);
    return utc;
  }

  /** A whole number at least 0. */
  count(value: unknown, path: string, { optional = false } = {}): number {
    if (value === undefined && optional) return 0;
    if (typeof value === 'number' && Number.isSafeInteger(value) && value >= 0) return value;
    this.problem(path, `found ${describe(value)}, expected a whole number, 0 or more`);
    return 0;
  }
}
