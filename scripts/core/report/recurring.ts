import { LEVELS, type Config, type Incident } from '../records/types.js';
import { parseDuration } from '../time/duration.js';
import { toMillis } from '../time/timestamps.js';

/** How far back the finder looks and how many similar incidents make a candidate (config `problems`). */
export interface RecurringSettings {
  window_seconds: number;
  min_incidents: number;
}

/** The defaults when the config says nothing: 90 days, three incidents (ITIL's usual trend threshold). */
export const RECURRING_DEFAULTS = { recurring_window: '2160h', min_incidents: 3 } as const;

/** Two titles at least this similar (Jaccard index of their word stems) are taken for the same fault. */
export const TITLE_SIMILARITY = 0.5;

/** A group of incidents no problem covers that look like the same fault, and the command that records it as a problem. */
export interface RecurringCandidate {
  services: string[];
  /** Oldest first. */
  incidents: string[];
  titles: string[];
  first_reported_at: string;
  last_reported_at: string;
  /** A shell command line, every untrusted part quoted. */
  suggestion: string;
}

/** The finder's settings from the config, with the defaults. */
export function recurringSettings(config: Config): RecurringSettings {
  return {
    window_seconds: parseDuration(config.problems?.recurring_window ?? RECURRING_DEFAULTS.recurring_window),
    min_incidents: config.problems?.min_incidents ?? RECURRING_DEFAULTS.min_incidents,
  };
}

/** Words that say nothing about which fault it is. */
const STOPWORDS = new Set(
  'the and for but not are was were been being has have had with without from into onto over under some all any few more most other our their this that these those when while after before again still then than you your its via per can cannot could may might will would should'.split(
    ' ',
  ),
);

/**
 * The word stems of a title: lower case, split at anything but letters and digits, words of one or
 * two letters, numbers and stop words dropped, and a light suffix stripping so that "payments" and
 * "payment", "failing" and "failed" meet (ies → y, then -s, -ing, -ed, -e).
 */
export function titleStems(title: string): Set<string> {
  const words = title.toLowerCase().split(/[^\p{L}\p{N}]+/u);
  return new Set(words.filter((word) => word.length > 2 && !/^\p{N}+$/u.test(word) && !STOPWORDS.has(word)).map(stem));
}

function stem(word: string): string {
  let out = word.endsWith('ies') && word.length > 4 ? `${word.slice(0, -3)}y` : word;
  if (out.endsWith('s') && !out.endsWith('ss') && out.length > 3) out = out.slice(0, -1);
  for (const suffix of ['ing', 'ed']) if (out.endsWith(suffix) && out.length - suffix.length >= 3) out = out.slice(0, -suffix.length);
  if (out.endsWith('e') && out.length > 3) out = out.slice(0, -1);
  return out;
}

/** The Jaccard index of two sets of stems: shared / all; 0 when both are empty. */
export function similarity(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  const shared = [...a].filter((item) => b.has(item)).length;
  const all = a.size + b.size - shared;
  return all === 0 ? 0 : shared / all;
}

/**
 * Groups of recurring incidents that no problem covers: real incidents (not maintenance, drills or
 * cancelled ones) reported within the window before `now` and listed by no problem, linked when
 * they share a service and their titles are at least TITLE_SIMILARITY alike; each linked group
 * (on one service) of at least min_incidents is a candidate. Largest first, then the most recent.
 * @param covered the incidents some problem lists
 */
export function findRecurring(incidents: readonly Incident[], covered: ReadonlySet<string>, settings: RecurringSettings, now: number): RecurringCandidate[] {
  const from = now - settings.window_seconds * 1000;
  const pool = incidents
    .filter((incident) => incident.type === 'incident' && incident.drill !== true && incident.status !== 'cancelled' && !covered.has(incident.id))
    .filter((incident) => toMillis(incident.reported_at) >= from && toMillis(incident.reported_at) <= now)
    .sort((a, b) => toMillis(a.reported_at) - toMillis(b.reported_at) || (a.id < b.id ? -1 : 1));
  const stems = new Map(pool.map((incident) => [incident.id, titleStems(incident.title)]));
  const services = [...new Set(pool.flatMap((incident) => incident.services.map((service) => service.id)))].sort();
  const groups = new Map<string, { services: string[]; members: Incident[] }>();
  for (const service of services) {
    const onService = pool.filter((incident) => incident.services.some((affected) => affected.id === service));
    for (const members of linkedGroups(onService, (a, b) => similarity(stems.get(a.id)!, stems.get(b.id)!) >= TITLE_SIMILARITY)) {
      if (members.length < settings.min_incidents) continue;
      const key = members.map((incident) => incident.id).join(' ');
      const group = groups.get(key);
      if (group) group.services.push(service);
      else groups.set(key, { services: [service], members });
    }
  }
  return [...groups.values()]
    .map(({ services: on, members }) => toCandidate(on, members))
    .sort(
      (a, b) =>
        b.incidents.length - a.incidents.length || toMillis(b.last_reported_at) - toMillis(a.last_reported_at) || (a.incidents[0]! < b.incidents[0]! ? -1 : 1),
    );
}

/** The connected groups of `items` under `linked` (single linkage), each in the items' order. */
function linkedGroups<T>(items: readonly T[], linked: (a: T, b: T) => boolean): T[][] {
  const parent = items.map((_, index) => index);
  const root = (index: number): number => (parent[index] === index ? index : (parent[index] = root(parent[index]!)));
  for (let i = 0; i < items.length; i++) for (let j = i + 1; j < items.length; j++) if (linked(items[i]!, items[j]!)) parent[root(j)] = root(i);
  const groups = new Map<number, T[]>();
  items.forEach((item, index) => {
    const group = groups.get(root(index));
    if (group) group.push(item);
    else groups.set(root(index), [item]);
  });
  return [...groups.values()];
}

/** Problem titles are at most 200 characters (schemas/problem.schema.json). */
const TITLE_MAX = 200;

function toCandidate(services: string[], members: readonly Incident[]): RecurringCandidate {
  const latest = members.at(-1)!;
  const title = [...`Recurring: ${latest.title}`].slice(0, TITLE_MAX).join('');
  const impact = LEVELS.find((level) => members.some((incident) => incident.impact === level))!;
  const words = [
    'incidents new --type problem',
    `--title ${shellQuote(title)}`,
    ...services.map((service) => `--service ${shellQuote(service)}`),
    `--impact ${impact} --urgency medium`,
    ...members.map((incident) => `--incident ${shellQuote(incident.id)}`),
  ];
  return {
    services,
    incidents: members.map((incident) => incident.id),
    titles: members.map((incident) => incident.title),
    first_reported_at: members[0]!.reported_at,
    last_reported_at: latest.reported_at,
    suggestion: words.join(' '),
  };
}

/**
 * A word for a POSIX shell, as it is: left bare when it holds only characters no shell treats
 * specially, otherwise in single quotes (a quote inside written '\''). Control characters and line
 * or paragraph separators, which could hide or break the command on a terminal, become spaces.
 */
export function shellQuote(text: string): string {
  const visible = text.replace(/[\p{Cc}\u2028\u2029\u202a-\u202e\u2066-\u2069]/gu, ' ');
  if (/^[A-Za-z0-9@%+=:,./_-]+$/.test(visible)) return visible;
  return `'${visible.replaceAll("'", `'\\''`)}'`;
}
