/** The benchmark's Markdown: every case at every size against the floor, and the targets of issue 8. */

/** Every run of one case at one size. */
export interface Measured {
  name: string;
  size: number;
  runs: { seconds: number; megabytes: number }[];
}

const FLOOR = 'floor: gray-matter + ajv';

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/** Median seconds and the highest peak memory of a case at a size, or undefined when it did not run there. */
function figures(measured: readonly Measured[], name: string, size: number): { seconds: number; megabytes: number } | undefined {
  const found = measured.find((entry) => entry.name === name && entry.size === size);
  return found && { seconds: median(found.runs.map((run) => run.seconds)), megabytes: Math.max(...found.runs.map((run) => run.megabytes)) };
}

/** The table, the targets met or missed, and the machine it ran on. */
export function benchTable(measured: readonly Measured[], machine: string, runs: number): string {
  const sizes = [...new Set(measured.map((entry) => entry.size))].sort((a, b) => a - b);
  const names = [...new Set(measured.map((entry) => entry.name))];
  const label = (size: number) => (size >= 1000 ? `${size / 1000}k` : String(size));
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
  return [
    `Measured on ${machine}; median of ${runs} runs${sizes.includes(100_000) ? ' (one at 100k)' : ''}, cases alternating; peak MB is the highest resident memory of any run.`,
    '',
    header,
    rule,
    ...rows,
    '',
    ...targets(measured),
  ].join('\n');
}

/** Issue 8's targets at 10,000 records, each with the figure and whether it is met. */
function targets(measured: readonly Measured[]): string[] {
  const at = (name: string, size = 10_000) => figures(measured, name, size);
  const floor = at(FLOOR);
  if (!floor) return [];
  const lines: string[] = ['Targets at 10k:'];
  const target = (what: string, figure: string, met: boolean) => lines.push(`- ${met ? '✅' : '❌'} ${what}: ${figure}`);
  const ratio = (name: string) => at(name)!.seconds / floor.seconds;
  const validate = at('incidents validate');
  const peer = at('peer: remark-lint-frontmatter-schema');
  if (validate) target('validate ≤ 1.5× the floor', `${ratio('incidents validate').toFixed(2)}×`, ratio('incidents validate') <= 1.5);
  if (validate && peer)
    target(
      'validate ≥ 10× faster than remark-lint-frontmatter-schema',
      `${(peer.seconds / validate.seconds).toFixed(1)}×`,
      peer.seconds / validate.seconds >= 10,
    );
  const checkPr = at('incidents check-pr (one file changed)');
  if (checkPr) target('check-pr for a one-file change ≤ 0.5 s', `${checkPr.seconds.toFixed(2)} s`, checkPr.seconds <= 0.5);
  if (at('incidents build')) target('build ≤ 10× the floor', `${ratio('incidents build').toFixed(2)}×`, ratio('incidents build') <= 10);
  for (const name of ['incidents sla', 'incidents report'])
    if (at(name)) target(`${name.slice(10)} ≤ 2× the floor`, `${ratio(name).toFixed(2)}×`, ratio(name) <= 2);
  const commands = measured.filter((entry) => entry.size === 10_000 && entry.name.startsWith('incidents'));
  const peak = Math.max(...commands.map((entry) => at(entry.name)!.megabytes));
  target('peak memory ≤ 300 MB for every command', `${peak.toFixed(0)} MB at most`, peak <= 300);
  const build100k = at('incidents build', 100_000);
  if (build100k) {
    const growth = build100k.seconds / at('incidents build')!.seconds;
    target('build grows linearly from 10k to 100k (≤ 12× for 10× the records)', `${growth.toFixed(1)}×`, growth <= 12);
  }
  return lines;
}
