import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { benchTable, type Measured } from '../bench/table.js';

const table = suite('the bench table');

/** One case at one size, every run taking `seconds` and `megabytes`. */
const at = (name: string, size: number, seconds: number, megabytes: number, runs = 1): Measured => ({
  name,
  size,
  runs: Array.from({ length: runs }, () => ({ seconds, megabytes })),
});

/** Every case of the goals at one size: the floor takes `floor` seconds and 100 MB; the others their factor of it. */
const sizeOf = (size: number, factors: { validate: number; sla: number; report: number; build: number; checkPr: number; peak: number }): Measured[] => [
  at('floor: gray-matter + ajv', size, 10, 100),
  at('incidents validate', size, 10 * factors.validate, 120),
  at('incidents check-pr (one file changed)', size, factors.checkPr, 90),
  at('incidents sla', size, 10 * factors.sla, 150),
  at('incidents report', size, 10 * factors.report, 160),
  at('incidents build', size, 10 * factors.build, factors.peak),
];

const CASES: { name: string; measured: Measured[]; scaling?: Measured[]; lines: string[]; absent?: string[] }[] = [
  {
    name: 'every goal met at 10k and 100k',
    measured: [
      ...sizeOf(10_000, { validate: 1.2, sla: 1.4, report: 1.5, build: 2.9, checkPr: 0.3, peak: 250 }),
      ...sizeOf(100_000, { validate: 1.3, sla: 1.5, report: 1.4, build: 3, checkPr: 0.45, peak: 300 }),
      at('peer: remark-lint-frontmatter-schema', 10_000, 150, 2000),
    ],
    lines: [
      'Goals:',
      '- ✅ validate ≤ 1.3× the floor at 10k: 1.20×',
      '- ✅ sla ≤ 1.5× the floor at 10k: 1.40×',
      '- ✅ report ≤ 1.5× the floor at 10k: 1.50×',
      '- ✅ build ≤ 3× the floor at 10k: 2.90×',
      "- ✅ peak memory of every command ≤ 3× the floor's at 10k (300 MB): 250 MB at most (build, 2.50×)",
      '- ✅ validate ≤ 1.3× the floor at 100k: 1.30×',
      "- ✅ peak memory of every command ≤ 3× the floor's at 100k (300 MB): 300 MB at most (build, 3.00×)",
      // check-pr: 0.45 s over 0.3 s; build 30 s over 29 s.
      '- ✅ time of every command grows ≤ 11× from 10k to 100k: 1.5× at most (check-pr (one file changed))',
      '- ✅ check-pr for a one-file change < 0.5 s at 100k: 0.45 s',
      '- ✅ validate ≥ 10× faster than remark-lint-frontmatter-schema at 10k: 12.5×',
    ],
  },
  {
    name: 'missed goals are marked, with the figure that missed',
    measured: [
      ...sizeOf(10_000, { validate: 1.31, sla: 1.4, report: 2.06, build: 2.5, checkPr: 0.2, peak: 301 }),
      ...sizeOf(100_000, { validate: 1.2, sla: 1.4, report: 25, build: 2.5, checkPr: 0.5, peak: 280 }),
    ],
    lines: [
      '- ❌ validate ≤ 1.3× the floor at 10k: 1.31×',
      '- ❌ report ≤ 1.5× the floor at 10k: 2.06×',
      "- ❌ peak memory of every command ≤ 3× the floor's at 10k (300 MB): 301 MB at most (build, 3.01×)",
      '- ❌ report ≤ 1.5× the floor at 100k: 25.00×',
      // report: 250 s at 100k over 20.6 s at 10k.
      '- ❌ time of every command grows ≤ 11× from 10k to 100k: 12.1× at most (report)',
      '- ❌ check-pr for a one-file change < 0.5 s at 100k: 0.50 s',
    ],
  },
  {
    name: 'without 100k: no growth line, and check-pr is judged at 10k and says so',
    measured: sizeOf(10_000, { validate: 1, sla: 1, report: 1, build: 1, checkPr: 0.6, peak: 200 }),
    lines: ['- ❌ check-pr for a one-file change < 0.5 s at 100k (100k not run; at 10k): 0.60 s'],
    absent: ['grows', 'at 100k:', '1,000,000'],
  },
  {
    name: 'the median of the runs, the highest peak of any run',
    measured: [
      at('floor: gray-matter + ajv', 10_000, 10, 100),
      {
        name: 'incidents validate',
        size: 10_000,
        runs: [
          { seconds: 30, megabytes: 120 },
          { seconds: 12, megabytes: 310 },
          { seconds: 13, megabytes: 110 },
        ],
      },
    ],
    lines: [
      '| incidents validate | 13.00 | 310 | 1.30× |',
      '- ✅ validate ≤ 1.3× the floor at 10k: 1.30×',
      "- ❌ peak memory of every command ≤ 3× the floor's at 10k (300 MB): 310 MB at most (validate, 3.10×)",
    ],
  },
  {
    name: 'the 1,000,000-record build estimated on a straight line through the smaller sizes',
    measured: sizeOf(10_000, { validate: 1, sla: 1, report: 1, build: 1, checkPr: 0.2, peak: 200 }),
    scaling: [at('incidents build', 25_000, 10, 200), at('incidents build', 50_000, 20, 300), at('incidents build', 100_000, 40, 500)],
    lines: [
      'Build at 1,000,000 records (estimated, not run): about 400 s (7 min) and 4,100 MB at peak, on a straight line through build-only runs at 25k, 50k, 100k ' +
        '(25k 10.0 s, 200 MB; 50k 20.0 s, 300 MB; 100k 40.0 s, 500 MB); from 25k to 100k (4× the records) time grew 4.0× and peak memory 2.5×.',
    ],
  },
  {
    name: 'the 1,000,000-record build measured when it ran',
    measured: sizeOf(10_000, { validate: 1, sla: 1, report: 1, build: 1, checkPr: 0.2, peak: 200 }),
    scaling: [at('incidents build', 100_000, 40, 500), at('incidents build', 1_000_000, 1420.4, 4321)],
    lines: ['Build at 1,000,000 records (measured, one run): 1,420 s (24 min), 4,321 MB.'],
    absent: ['estimated'],
  },
];

for (const { name, measured, scaling, lines, absent = [] } of CASES) {
  table(name, () => {
    const text = benchTable({ profile: 'long', machine: 'a test machine', runs: 3, measured, scaling });
    const all = text.split('\n');
    assert.match(all[0]!, /^Profile `long`: a long history/);
    for (const line of lines) assert.ok(all.includes(line), `expected the line\n${line}\nin\n${text}`);
    for (const words of absent) assert.not.ok(text.includes(words), `expected no "${words}" in\n${text}`);
  });
}

table('the goals are in the order of the cases, and a met goal is never shown as missed', () => {
  const text = benchTable({ profile: 'samples', machine: 'm', runs: 1, measured: CASES[0]!.measured });
  assert.not.ok(text.includes('❌'));
  assert.match(text, /^Profile `samples`: the sample records/);
  assert.match(text, /median of 1 runs \(one at 100k\)/);
});

table.run();
