/**
 * The benchmark's Markdown (pure: figures in, lines out): every case at every size against the
 * floor, issue 22's goals each met or missed, and `incidents build` at 1,000,000 records estimated
 * from build-only runs at smaller sizes.
 */

/** Every run of one case at one size. */
export interface Measured {
  name: string;
  size: number;
  runs: { seconds: number; megabytes: number }[];
}

/** What one `npm run bench` measured. */
export interface Bench {
  /** The generator's profile of the repositories (GENERATOR_PROFILES). */
  profile: string;
  machine: string;
  /** Runs per case below 100k (one at 100k and above). */
  runs: number;
  measured: readonly Measured[];
  /** Build-only runs at a few sizes, for the 1,000,000-record estimate (with --1m). */
  scaling?: readonly Measured[];
}

/** How each profile shapes the records, in the table's words. */
export const PROFILE_WORDS: Record<string, string> = {
  samples: 'the sample records as they are written (bodies of one to six lines, a fifth internal)',
  long: 'a long history (every body twelve lines of notes, a third of the incidents internal)',
};

export const FLOOR = 'floor: gray-matter + ajv';
export const PEER = 'peer: remark-lint-frontmatter-schema';
export const BUILD = 'incidents build';
export const CHECK_PR = 'incidents check-pr (one file changed)';
const MILLION = 1_000_000;
/** Issue 22's time goals: a command's median at most this many times the floor's. */
const RATIO_GOALS: readonly [name: string, ratio: number][] = [
  ['incidents validate', 1.3],
  ['incidents sla', 1.5],
  ['incidents report', 1.5],
  [BUILD, 3],
];
const MEMORY_GOAL = 3;
const GROWTH_GOAL = 11;
const CHECK_PR_GOAL = 0.5;
const PEER_GOAL = 10;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/** Median seconds and the highest peak memory of a case at a size, or undefined when it did not run there. */
function figures(measured: readonly Measured[], name: string, size: number): { seconds: number; megabytes: number } | undefined {
  const found = measured.find((entry) => entry.name === name && entry.size === size && entry.runs.length > 0);
  return found && { seconds: median(found.runs.map((run) => run.seconds)), megabytes: Math.max(...found.runs.map((run) => run.megabytes)) };
}

const label = (size: number) => (size >= MILLION ? `${size / MILLION}M` : size >= 1000 ? `${size / 1000}k` : String(size));
const megabytes = (value: number) => `${Math.round(value).toLocaleString('en-US')} MB`;
const wholeSeconds = (value: number) => `${Math.round(value).toLocaleString('en-US')} s${value >= 120 ? ` (${Math.round(value / 60)} min)` : ''}`;
/** A command's name without `incidents `. */
const short = (name: string) => name.replace(/^incidents /, '');

/** The table, the goals met or missed, the 1,000,000-record estimate, and the machine it ran on. */
export function benchTable(bench: Bench): string {
  const { measured } = bench;
  const sizes = [...new Set(measured.map((entry) => entry.size))].sort((a, b) => a - b);
  const names = [...new Set(measured.map((entry) => entry.name))];
  const header = `| case | ${sizes.map((size) => `${label(size)}: median s | peak MB | × floor`).join(' | ')} |`;
  const rule = `| --- | ${sizes.map(() => '---: | ---: | ---:').join(' | ')} |`;
  const rows = names.map((name) => {
    const cells = sizes.map((size) => {
      const own = figures(measured, name, size);
      const floor = figures(measured, FLOOR, size);
      if (!own) return '– | – | –';
      const ratio = floor && !name.startsWith('cold start') ? `${(own.seconds / floor.seconds).toFixed(2)}×` : '–';
      return `${own.seconds.toFixed(2)} | ${own.megabytes.toFixed(0)} | ${ratio}`;
    });
    return `| ${name} | ${cells.join(' | ')} |`;
  });
  const large = sizes.filter((size) => size >= 100_000);
  return [
    `Profile \`${bench.profile}\`: ${PROFILE_WORDS[bench.profile] ?? 'generated records'}.`,
    `Measured on ${bench.machine}; median of ${bench.runs} runs${large.length > 0 ? ` (one at ${large.map(label).join(', ')})` : ''}, cases alternating; peak MB is the highest resident memory of any run.`,
    '',
    header,
    rule,
    ...rows,
    '',
    ...goals(measured),
    ...estimate(bench.scaling ?? []),
  ].join('\n');
}

/** Issue 22's goals at 10k and 100k, each with its figure and whether it is met. */
function goals(measured: readonly Measured[]): string[] {
  const lines: string[] = [];
  const goal = (what: string, figure: string, met: boolean) => lines.push(`- ${met ? '✅' : '❌'} ${what}: ${figure}`);
  const commandsAt = (size: number) => [
    ...new Set(measured.filter((entry) => entry.size === size && entry.name.startsWith('incidents ')).map((entry) => entry.name)),
  ];
  const ran = [10_000, 100_000].filter((size) => figures(measured, FLOOR, size));
  for (const size of ran) {
    const floor = figures(measured, FLOOR, size)!;
    for (const [name, most] of RATIO_GOALS) {
      const own = figures(measured, name, size);
      if (own)
        goal(`${short(name)} ≤ ${most}× the floor at ${label(size)}`, `${(own.seconds / floor.seconds).toFixed(2)}×`, own.seconds / floor.seconds <= most);
    }
    const peaks = commandsAt(size).map((name) => ({ name, megabytes: figures(measured, name, size)!.megabytes }));
    if (peaks.length > 0) {
      const worst = peaks.reduce((a, b) => (b.megabytes > a.megabytes ? b : a));
      goal(
        `peak memory of every command ≤ ${MEMORY_GOAL}× the floor's at ${label(size)} (${megabytes(MEMORY_GOAL * floor.megabytes)})`,
        `${megabytes(worst.megabytes)} at most (${short(worst.name)}, ${(worst.megabytes / floor.megabytes).toFixed(2)}×)`,
        worst.megabytes <= MEMORY_GOAL * floor.megabytes,
      );
    }
  }
  if (ran.length === 2) {
    const growths = commandsAt(100_000)
      .filter((name) => figures(measured, name, 10_000))
      .map((name) => ({ name, growth: figures(measured, name, 100_000)!.seconds / figures(measured, name, 10_000)!.seconds }));
    if (growths.length > 0) {
      const worst = growths.reduce((a, b) => (b.growth > a.growth ? b : a));
      goal(
        `time of every command grows ≤ ${GROWTH_GOAL}× from 10k to 100k`,
        `${worst.growth.toFixed(1)}× at most (${short(worst.name)})`,
        worst.growth <= GROWTH_GOAL,
      );
    }
  }
  const checkPr100k = figures(measured, CHECK_PR, 100_000);
  const checkPr10k = figures(measured, CHECK_PR, 10_000);
  if (checkPr100k)
    goal(`check-pr for a one-file change < ${CHECK_PR_GOAL} s at 100k`, `${checkPr100k.seconds.toFixed(2)} s`, checkPr100k.seconds < CHECK_PR_GOAL);
  else if (checkPr10k)
    goal(
      `check-pr for a one-file change < ${CHECK_PR_GOAL} s at 100k (100k not run; at 10k)`,
      `${checkPr10k.seconds.toFixed(2)} s`,
      checkPr10k.seconds < CHECK_PR_GOAL,
    );
  const validate = figures(measured, 'incidents validate', 10_000);
  const peer = figures(measured, PEER, 10_000);
  if (validate && peer)
    goal(
      `validate ≥ ${PEER_GOAL}× faster than remark-lint-frontmatter-schema at 10k`,
      `${(peer.seconds / validate.seconds).toFixed(1)}×`,
      peer.seconds / validate.seconds >= PEER_GOAL,
    );
  return lines.length > 0 ? ['Goals:', ...lines] : [];
}

/** A least-squares line through the points, read at x. */
function extrapolate(points: readonly [x: number, y: number][], x: number): number {
  const meanX = points.reduce((sum, [px]) => sum + px, 0) / points.length;
  const meanY = points.reduce((sum, [, py]) => sum + py, 0) / points.length;
  const spread = points.reduce((sum, [px]) => sum + (px - meanX) ** 2, 0);
  const slope = spread === 0 ? 0 : points.reduce((sum, [px, py]) => sum + (px - meanX) * (py - meanY), 0) / spread;
  return meanY + slope * (x - meanX);
}

/** `incidents build` at 1,000,000 records: measured there if it ran, else a straight line through the smaller sizes. */
function estimate(scaling: readonly Measured[]): string[] {
  const points = [...new Set(scaling.map((entry) => entry.size))]
    .sort((a, b) => a - b)
    .flatMap((size) => {
      const found = figures(scaling, BUILD, size);
      return found ? [{ size, ...found }] : [];
    });
  if (points.length === 0) return [];
  const measuredAt = points.map((point) => `${label(point.size)} ${point.seconds.toFixed(1)} s, ${megabytes(point.megabytes)}`).join('; ');
  const full = points.find((point) => point.size === MILLION);
  if (full) return ['', `Build at 1,000,000 records (measured, one run): ${wholeSeconds(full.seconds)}, ${megabytes(full.megabytes)}.`];
  if (points.length < 2) return ['', `Build at 1,000,000 records: no estimate from one size (${measuredAt}).`];
  const seconds = extrapolate(
    points.map((point) => [point.size, point.seconds]),
    MILLION,
  );
  const peak = extrapolate(
    points.map((point) => [point.size, point.megabytes]),
    MILLION,
  );
  const [first, last] = [points[0]!, points[points.length - 1]!];
  return [
    '',
    `Build at 1,000,000 records (estimated, not run): about ${wholeSeconds(seconds)} and ${megabytes(peak)} at peak, ` +
      `on a straight line through build-only runs at ${points.map((point) => label(point.size)).join(', ')} (${measuredAt}); ` +
      `from ${label(first.size)} to ${label(last.size)} (${(last.size / first.size).toFixed(0)}× the records) time grew ${(last.seconds / first.seconds).toFixed(1)}× and peak memory ${(last.megabytes / first.megabytes).toFixed(1)}×.`,
  ];
}
