/**
 * `npm run bench [-- --100k] [--1m] [--profile samples|long] [--runs N] [--no-readme]`: times every
 * command on generated repositories of 1,000 and 10,000 records (and 100,000 with --100k) of one
 * generator profile against the floor and the validation peer, alternating the cases in each run,
 * and writes the table into the README's block for that profile. With --1m it also estimates
 * `incidents build` at 1,000,000 records from build-only runs at ESTIMATE_SIZES.
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { bundle } from '../scripts/dev/build.js';
import { GENERATOR_PROFILES, type GeneratorProfile, generateRepository } from '../scripts/dev/generate-records.js';
import { BUILD, benchTable, CHECK_PR, FLOOR, type Measured, PEER } from './table.js';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const AT = '2026-05-01T00:00:00Z';
/**
 * Where the 1,000,000-record build is estimated from. Not 1,000,000 itself: the generator writes
 * incidents four hours apart ending in 2026 and ids allow 9,999 a year, so past about 120,000
 * records its timestamps fall before 1970 and validation (and so the build) refuses them.
 */
const ESTIMATE_SIZES = [25_000, 50_000, 100_000];
const { values } = parseArgs({
  options: {
    '100k': { type: 'boolean' },
    '1m': { type: 'boolean' },
    profile: { type: 'string', default: 'samples' },
    runs: { type: 'string', default: '3' },
    'no-readme': { type: 'boolean' },
  },
});
const profile = values.profile as GeneratorProfile;
if (!GENERATOR_PROFILES.includes(profile)) throw new Error(`--profile ${values.profile}: expected one of ${GENERATOR_PROFILES.join(', ')}`);
const sizes = [1_000, 10_000, ...(values['100k'] ? [100_000] : [])];
const runs = Number(values.runs);
if (!Number.isInteger(runs) || runs < 1) throw new Error(`--runs ${values.runs}: expected a whole number of runs, 1 or more`);
/** Runs of each case at `size`: 100,000 records and more take minutes a command, so one run there. */
const runsAt = (size: number) => (size >= 100_000 ? 1 : runs);

// Generated repositories go under the OS temporary folder and are removed however the run ends.
const work = mkdtempSync(join(tmpdir(), 'incidents-bench-'));
const cleanUp = () => rmSync(work, { recursive: true, force: true });
process.on('exit', cleanUp);
for (const signal of ['SIGINT', 'SIGTERM'] as const)
  process.on(signal, () => {
    running?.kill('SIGKILL');
    process.exit(130);
  });
const floor = join(work, 'floor.js');
writeFileSync(floor, await bundle(join(ROOT, 'bench/floor.ts')));
const peakRss = join(ROOT, 'bench/peak-rss.js');
const cli = join(ROOT, 'dist/incidents.js');

/** One timed case: the command to run on the repository `dir`. */
interface Case {
  name: string;
  command: (dir: string) => string[];
  /** Only at these sizes (all by default). */
  sizes?: number[];
  /** The exit codes of a run that worked (0 by default); 1 means findings or breaches. */
  exits?: number[];
  /** Where it runs: the repository (default), or this project. */
  cwd?: 'project';
}

const CASES: Case[] = [
  { name: 'floor: read files', command: (dir) => [floor, 'read', dir] },
  { name: FLOOR, command: (dir) => [floor, 'parse', dir] },
  { name: 'incidents validate', command: (dir) => [cli, 'validate', '--root', dir] },
  { name: CHECK_PR, command: (dir) => [cli, 'check-pr', '--root', dir, '--base', 'main', '--head', 'change'] },
  { name: 'incidents sla', command: (dir) => [cli, 'sla', '--root', dir, '--at', AT, '--format', 'json'], exits: [0, 1] },
  { name: 'incidents report', command: (dir) => [cli, 'report', '--root', dir, '--at', AT, '--format', 'json'] },
  { name: BUILD, command: (dir) => [cli, 'build', '--root', dir, '--at', AT, '--out', join(dir, '..', 'site')] },
  {
    name: PEER,
    command: (dir) => [
      join(ROOT, 'node_modules/remark-cli/cli.js'),
      '--quiet',
      '--frail',
      '--no-stdout',
      '--rc-path',
      join(dir, '..', 'remarkrc.json'),
      'incidents',
      'known-errors',
    ],
    sizes: [1_000, 10_000],
    exits: [0, 1],
  },
  // Cold start: validate on this repository's own few sample records, where start-up is the cost.
  { name: 'cold start: bundle (validate the samples)', command: () => [cli, 'validate', '--root', ROOT], sizes: [1_000], cwd: 'project' },
  {
    name: 'cold start: ts-node (validate the samples)',
    command: () => ['--import', join(ROOT, 'scripts/ts-node-register.js'), join(ROOT, 'scripts/bin.ts'), 'validate', '--root', ROOT],
    sizes: [1_000],
    cwd: 'project',
  },
];

/** The case running now, stopped if the benchmark is interrupted. */
let running: ChildProcess | undefined;

/** Runs one case once: wall seconds and peak resident memory (MB) of the process (its output is not kept). */
async function measure(testCase: Case, dir: string): Promise<{ seconds: number; megabytes: number }> {
  const args = testCase.command(dir);
  const rssFile = join(work, 'rss');
  const started = process.hrtime.bigint();
  const child = spawn(process.execPath, ['--import', peakRss, ...args], {
    cwd: testCase.cwd === 'project' ? ROOT : dir,
    env: { ...process.env, BENCH_RSS_FILE: rssFile },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  running = child;
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr = (stderr + chunk).slice(-20_000)));
  const status = await new Promise<number | null>((resolve, reject) => child.on('error', reject).on('close', resolve));
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  running = undefined;
  if (!(testCase.exits ?? [0]).includes(status ?? -1)) throw new Error(`${testCase.name}: ${args.join(' ')} failed (exit ${status}):\n${stderr}`);
  return { seconds, megabytes: Number(readFileSync(rssFile, 'utf8')) / 1024 };
}

/** A repository of `size` generated records in the chosen profile, in a folder of its own. */
async function generated(size: number): Promise<string> {
  process.stderr.write(`Generating ${size} records (${profile})…\n`);
  const dir = join(work, String(size), 'repo');
  await generateRepository(dir, size, 1, profile);
  return dir;
}

/** A generated repository on `main`, a branch `change` that edits one incident, and the peer's schemas and config beside it. */
async function repository(size: number): Promise<string> {
  const dir = await generated(size);
  // The peer reads our schemas as draft-07 (it has no 2020-12), each file beside the others.
  mkdirSync(join(dir, '..', 'schemas'));
  for (const name of ['common', 'incident', 'postmortem', 'known-error']) {
    const schema = JSON.parse(readFileSync(join(ROOT, 'schemas', `${name}.schema.json`), 'utf8'));
    writeFileSync(
      join(dir, '..', 'schemas', `${name}.schema.json`),
      JSON.stringify({ ...schema, $schema: 'http://json-schema.org/draft-07/schema#', $id: undefined }),
    );
  }
  const schemas = (name: string) => join(dir, '..', 'schemas', `${name}.schema.json`);
  writeFileSync(
    join(dir, '..', 'remarkrc.json'),
    JSON.stringify({
      plugins: [
        join(ROOT, 'node_modules/remark-frontmatter/index.js'),
        [
          join(ROOT, 'node_modules/remark-lint-frontmatter-schema/dist/index.js'),
          {
            schemas: {
              [schemas('incident')]: ['incidents/INC-*-[0-9][0-9][0-9][0-9].md', 'incidents/INC-*-[0-9][0-9][0-9][0-9]-*.md'],
              [schemas('postmortem')]: ['incidents/*.postmortem.md'],
              [schemas('known-error')]: ['known-errors/*.md'],
            },
          },
        ],
      ],
    }),
  );
  const git = (...args: string[]) =>
    spawnSync('git', args, {
      cwd: dir,
      env: {
        ...process.env,
        GIT_AUTHOR_NAME: 'bench',
        GIT_AUTHOR_EMAIL: 'bench@example.com',
        GIT_COMMITTER_NAME: 'bench',
        GIT_COMMITTER_EMAIL: 'bench@example.com',
      },
    });
  git('init', '-q', '-b', 'main');
  git('add', '-A');
  git('commit', '-q', '-m', 'records');
  git('checkout', '-q', '-b', 'change');
  const incidents = readdirSync(join(dir, 'incidents'))
    .filter((name) => !name.endsWith('.postmortem.md'))
    .sort();
  const changed = join(dir, 'incidents', incidents[Math.floor(incidents.length / 2)]!);
  writeFileSync(changed, readFileSync(changed, 'utf8').replace(/\n---\n/, '\n---\nOne more note from the on-call engineer.\n'));
  git('commit', '-q', '-am', 'a note');
  return dir;
}

/** Runs `cases` on the repository `dir`, alternating them: each run starts at another case, so no case always follows the same one. */
async function runCases(cases: Case[], dir: string, size: number): Promise<Measured[]> {
  const samples = new Map(cases.map((testCase) => [testCase.name, [] as { seconds: number; megabytes: number }[]]));
  for (let run = 0; run < runsAt(size); run++) {
    for (let index = 0; index < cases.length; index++) {
      const testCase = cases[(index + run) % cases.length]!;
      const sample = await measure(testCase, dir);
      samples.get(testCase.name)!.push(sample);
      process.stderr.write(`  ${size} ${testCase.name}: ${sample.seconds.toFixed(2)} s, ${sample.megabytes.toFixed(0)} MB\n`);
    }
  }
  return [...samples].map(([name, runsOf]) => ({ name, size, runs: runsOf }));
}

const measured: Measured[] = [];
for (const size of sizes) {
  const dir = await repository(size);
  const cases = CASES.filter((testCase) => !testCase.sizes || testCase.sizes.includes(size));
  measured.push(...(await runCases(cases, dir, size)));
  rmSync(join(work, String(size)), { recursive: true, force: true });
}
const scaling: Measured[] = [];
if (values['1m']) {
  const build = CASES.find((testCase) => testCase.name === BUILD)!;
  for (const size of ESTIMATE_SIZES) {
    // At a size the main run measured (100k with --100k), its build run serves.
    const done = measured.find((entry) => entry.name === BUILD && entry.size === size);
    if (done) scaling.push(done);
    else scaling.push(...(await runCases([build], await generated(size), size)));
    rmSync(join(work, String(size)), { recursive: true, force: true });
  }
}

const machine = `${cpus().length} × ${cpus()[0]?.model.trim() ?? 'unknown CPU'}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}, ${new Date().toISOString().slice(0, 10)}`;
const table = benchTable({ profile, machine, runs, measured, scaling });
process.stdout.write(`${table}\n`);
if (!values['no-readme']) {
  const readme = join(ROOT, 'README.md');
  const text = readFileSync(readme, 'utf8');
  const [start, end] = [`<!-- bench:${profile}:start -->`, `<!-- bench:${profile}:end -->`];
  if (!text.includes(start) || !text.includes(end)) throw new Error(`README.md has no ${start} … ${end} block to write the table into`);
  writeFileSync(readme, `${text.slice(0, text.indexOf(start) + start.length)}\n${table}\n${text.slice(text.indexOf(end))}`);
  process.stderr.write(`The table is in README.md (Performance, profile ${profile}).\n`);
}
