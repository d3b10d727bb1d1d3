/**
 * Writes a repository of `count` realistic, valid incidents for scale tests and benchmarks:
 * `node --import ./scripts/ts-node-register.js scripts/dev/generate-records.ts DIR COUNT [SEED] [PROFILE]`.
 *
 * Each record is one of this repository's sample records (so real titles, messages and bodies),
 * moved in time and given its own id: a history of `count` incidents four hours apart, ending
 * where the samples end. Older ones are finished (closed, resolved, cancelled, a duplicate, a
 * reopened one, a completed maintenance or drill); the newest six are the open samples, so every
 * status, priority and field is in use. Postmortems follow the samples that have one, and there is
 * a known error per 200 incidents, the newest 40 active and the older ones retired (so the
 * patterns stay within what the gate allows). The two sample problems come along: PRB-0001 (resolved), which
 * the known errors made from KE-0002 name, and PRB-0002 (open), listing the incident on hold
 * awaiting it. The same count and seed give the same files.
 *
 * Two profiles (GENERATOR_PROFILES): `samples`, the records as the samples write them (a fifth
 * internal, bodies of one to six lines), and `long`, the shape of a team's older history: every
 * incident's body twelve lines of notes, and a third of the incidents internal.
 */
import { copyFile, mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
/** How the generated records are shaped (see the header). */
export const GENERATOR_PROFILES = ['samples', 'long'] as const;
export type GeneratorProfile = (typeof GENERATOR_PROFILES)[number];
/** Known errors kept active; older ones are retired. */
const ACTIVE_KNOWN_ERRORS = 40;
const STEP_MS = 4 * 3600_000;
const TIMESTAMP = /\b(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2})?)(Z|[+-]\d{2}:\d{2})/g;

/** The finished kinds of record, with how often each is drawn (per 100), and the open ones, newest last. */
const FINISHED: readonly [kind: string, weight: number][] = [
  ['INC-2026-0001', 4], // closed P1 with a published postmortem
  ['INC-2026-0002', 22], // closed P3
  ['INC-2026-0003', 8], // cancelled: a known error
  ['INC-2026-0004', 10], // completed maintenance
  ['INC-2026-0005', 6], // closed P2 drill
  ['INC-2026-0006', 15], // resolved P4
  ['INC-2026-0007', 5], // resolved P2 with a draft postmortem
  ['INC-2026-0008', 20], // closed P5
  ['duplicate', 5],
  ['reopened', 5],
];
const OPEN = ['in-progress', 'verifying', 'INC-2026-0009', 'INC-2026-0010', 'INC-2026-0011', 'INC-2026-0012', 'INC-2026-0013', 'INC-2026-0014'];

/** Kinds of record that are a sample edited: the sample, and the edit (given the id before it). */
const VARIANTS: Record<string, { sample: string; edit: (text: string, previous: string) => string }> = {
  /** Cancelled as a duplicate of the incident before it. */
  duplicate: {
    sample: 'INC-2026-0003',
    edit: (text, previous) => text.replace('known_error: KE-0001\ncancel_reason: known_error', `cancel_reason: duplicate\nduplicate_of: ${previous}`),
  },
  /** Resolved, reopened half an hour later with a reason, resolved again. */
  reopened: {
    sample: 'INC-2026-0002',
    edit: (text) =>
      text
        .replace('resolved_at: 2026-02-03T13:05:00Z', 'resolved_at: 2026-02-03T15:20:00Z')
        .replace('commander: "@bob"', 'commander: "@bob"\nreopen_reason: Stale prices came back once the nightly catalogue import ran.')
        .replace(
          '  - at: 2026-02-04T10:00:00Z',
          '  - at: 2026-02-03T13:35:00Z\n    status: investigating\n    message: Some prices are out of date again. We are looking into it.\n  - at: 2026-02-03T15:20:00Z\n    status: resolved\n    message: The import now waits for the re-index; prices are current.\n  - at: 2026-02-04T10:00:00Z',
        ),
  },
  /** The maintenance of INC-2026-0004 while it runs, and while it is checked. */
  'in-progress': { sample: 'INC-2026-0004', edit: (text) => maintenanceAt(text, 'in_progress') },
  verifying: { sample: 'INC-2026-0004', edit: (text) => maintenanceAt(text, 'verifying') },
};

/** INC-2026-0004 as it was when it entered `status`: not yet completed, the later updates not yet written. */
function maintenanceAt(text: string, status: 'in_progress' | 'verifying'): string {
  const close = text.indexOf('\n---\n', 4);
  let frontmatter = text
    .slice(0, close)
    .replace('status: completed', `status: ${status}`)
    .replace(/^resolved_at: .*\n/m, '');
  const later = frontmatter.indexOf('\n  - at:', frontmatter.indexOf(`    status: ${status}\n`));
  if (later !== -1) frontmatter = frontmatter.slice(0, later);
  return frontmatter + text.slice(close);
}

/** A finished kind of record, drawn by its weight. */
function pickFinished(draw: () => number): string {
  let left = draw() * FINISHED.reduce((sum, [, weight]) => sum + weight, 0);
  for (const [kind, weight] of FINISHED) {
    if (left < weight) return kind;
    left -= weight;
  }
  return FINISHED[0]![0];
}

/** A small seeded generator (mulberry32): the same seed gives the same numbers in [0, 1). */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Every timestamp in a text moved by `shift` milliseconds, written in UTC. */
function shifted(text: string, shift: number): string {
  return text.replace(TIMESTAMP, (_, local: string, offset: string) => {
    const instant = Date.parse(`${local}${local.length === 16 ? ':00' : ''}${offset}`) + shift;
    return new Date(instant).toISOString().replace('.000Z', 'Z');
  });
}

/** The files of a generated repository: relative path → text. */
export async function generateRecords(count: number, seed = 1, profile: GeneratorProfile = 'samples'): Promise<Map<string, string>> {
  const samples = new Map<string, string>();
  for (const kind of [...FINISHED.map(([kind]) => kind), ...OPEN]) {
    const id = VARIANTS[kind]?.sample ?? kind;
    samples.set(id, await readFile(join(ROOT, 'incidents', `${id}.md`), 'utf8'));
  }
  const postmortems = new Map<string, string>();
  for (const id of ['INC-2026-0001', 'INC-2026-0007']) postmortems.set(id, await readFile(join(ROOT, 'incidents', `${id}.postmortem.md`), 'utf8'));
  const knownErrorSamples = [await readFile(join(ROOT, 'known-errors/KE-0001.md'), 'utf8'), await readFile(join(ROOT, 'known-errors/KE-0002.md'), 'utf8')];

  const problemSamples = [await readFile(join(ROOT, 'problems/PRB-0001.md'), 'utf8'), await readFile(join(ROOT, 'problems/PRB-0002.md'), 'utf8')];

  const files = new Map<string, string>();
  files.set('problems/PRB-0001.md', problemSamples[0]!);
  const knownErrors = Math.max(2, Math.round(count / 200));
  for (let k = 1; k <= knownErrors; k++) {
    const id = `KE-${String(k).padStart(4, '0')}`;
    const text = knownErrorSamples[(k - 1) % 2]!.replace(/^id: KE-\d{4}$/m, `id: ${id}`);
    files.set(`known-errors/${id}.md`, k > knownErrors - ACTIVE_KNOWN_ERRORS ? text : text.replace(/^status: active$/m, 'status: retired'));
  }
  /** A known error made from the same sample as `sample` (KE-0001 or KE-0002), picked by n. */
  const knownErrorLike = (sample: string, n: number) =>
    `KE-${String(1 + (sample === 'KE-0001' ? 0 : 1) + 2 * (n % Math.floor(knownErrors / 2))).padStart(4, '0')}`;

  const draw = random(seed);
  const end = Date.parse('2026-05-01T00:00:00Z');
  const perYear = new Map<number, number>();
  let previous = 'INC-2026-0001';
  for (let n = 0; n < count; n++) {
    const open = n >= count - OPEN.length ? OPEN[n - (count - OPEN.length)] : undefined;
    const kind = open ?? pickFinished(draw);
    const variant = VARIANTS[kind];
    const sample = variant?.sample ?? kind;
    let text = variant ? variant.edit(samples.get(sample)!, previous) : samples.get(sample)!;

    const reported = Date.parse(/^reported_at: (\S+)$/m.exec(text)![1]!);
    const shift = end - (count - 1 - n) * STEP_MS - reported;
    const year = new Date(reported + shift).getUTCFullYear();
    const sequence = (perYear.get(year) ?? 0) + 1;
    perYear.set(year, sequence);
    const id = `INC-${year}-${String(sequence).padStart(4, '0')}`;
    text = shifted(text, shift)
      .replace(/^id: INC-\d{4}-\d{4}$/m, `id: ${id}`)
      .replace(/\bKE-000[12]\b/g, (ke) => knownErrorLike(ke, n));
    files.set(`incidents/${id}.md`, profile === 'long' ? lengthened(text, n) : text);
    // The incident on hold awaiting PRB-0002: the problem lists it under its new id, at the same shift.
    if (sample === 'INC-2026-0009') files.set('problems/PRB-0002.md', shifted(problemSamples[1]!, shift).replace(/\bINC-2026-0009\b/g, id));
    const postmortem = postmortems.get(sample);
    if (postmortem) files.set(`incidents/${id}.postmortem.md`, shifted(postmortem, shift).replace(/^incident: INC-\d{4}-\d{4}$/m, `incident: ${id}`));
    previous = id;
  }
  return files;
}

/** An incident in the `long` profile: a body of twelve lines of notes, and every third one internal (the others public). */
function lengthened(text: string, n: number): string {
  const close = text.indexOf('\n---\n', 4);
  const visibility = `visibility: ${n % 3 === 0 ? 'internal' : 'public'}`;
  const frontmatter = /^visibility: .*$/m.test(text.slice(0, close))
    ? text.slice(0, close).replace(/^visibility: .*$/m, visibility)
    : text.slice(0, close).replace(/^(reported_at: .*)$/m, `$1\n${visibility}`);
  const notes = [
    '## Notes from the on-call engineer',
    '',
    `- Paged at the first alert; ${n % 2 === 0 ? 'the dashboards' : 'the error budget burn rate'} showed it before the customers did.`,
    '- Checked the last three deploys and the feature flags changed that day; none lined up.',
    '- Traffic from the largest tenants was normal, so it was not a single noisy neighbour.',
    `- Database connections peaked at ${60 + (n % 40)}% of the pool; latency followed the queue depth.`,
    '- Rolled back the configuration change as a precaution while the cause was found.',
    '',
    '## Follow-up',
    '',
    '- Add an alert on queue depth that fires before the latency one.',
    '- Write the runbook step that this incident was missing.',
  ];
  return `${frontmatter}\n---\n${notes.join('\n')}\n`;
}

/** Creates `dir` as a repository with this project's config and `count` generated incidents. */
export async function generateRepository(dir: string, count: number, seed = 1, profile: GeneratorProfile = 'samples'): Promise<void> {
  const files = await generateRecords(count, seed, profile);
  for (const folder of new Set([...files.keys()].map((path) => path.slice(0, path.indexOf('/'))))) await mkdir(join(dir, folder), { recursive: true });
  await copyFile(join(ROOT, 'incidents.config.yml'), join(dir, 'incidents.config.yml'));
  const entries = [...files];
  for (let start = 0; start < entries.length; start += 500) {
    await Promise.all(entries.slice(start, start + 500).map(([path, text]) => writeFile(join(dir, path), text)));
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const [dir, count = '1000', seed = '1', profile = 'samples'] = process.argv.slice(2);
  if (!dir || !(GENERATOR_PROFILES as readonly string[]).includes(profile))
    throw new Error(`usage: generate-records.ts DIR [COUNT] [SEED] [${GENERATOR_PROFILES.join('|')}]`);
  await generateRepository(dir, Number(count), Number(seed), profile as GeneratorProfile);
}
