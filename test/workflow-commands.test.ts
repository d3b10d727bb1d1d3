import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { disarmingWriter, formatOutput } from '../scripts/io/github/workflow-commands.js';
import { makePullRequestRepo } from './helpers/git-repo.js';
import { BASE } from './helpers/pull-request-cases.js';
import { runCliCapturing } from './helpers/run-cli.js';

/** What the runner trims before a `::` command (.NET's Char.IsWhiteSpace), and U+FEFF. */
const RUNNER_WHITESPACE = /^[\s\u0085\ufeff]+/;

/** The lines the runner would take for a workflow command: `::` first after whitespace, or `##[` anywhere. */
function commandLines(text: string): string[] {
  return text.split(/\r\n|\r|\n/).filter((line) => line.replace(RUNNER_WHITESPACE, '').startsWith('::') || line.includes('##['));
}

/** Our own annotations: `::error` or `::warning` with escaped properties, nothing else. */
const ANNOTATION = /^::(?:error|warning) file=[^,\r\n]*,line=\d+,col=\d+,title=[a-z-]+\/[a-z-]+::/;

/** Fails on any workflow command in the output other than our annotations on stdout. */
function assertOnlyOurCommands(label: string, { stdout, stderr }: { stdout: string; stderr: string }): void {
  for (const line of commandLines(stdout)) assert.ok(ANNOTATION.test(line), `${label}: a workflow command on stdout: ${JSON.stringify(line)}`);
  assert.equal(commandLines(stderr), [], `${label}: a workflow command on stderr`);
}

// ---------------------------------------------------------------------------------------------
const disarming = suite('disarmingWriter: no text becomes a workflow command');

/** Each hostile text, and what the writer passes on. */
const TEXTS: { name: string; input: string[]; expected: string }[] = [
  {
    name: 'plain text is unchanged',
    input: ['incidents/INC-2026-0001.md:4:9: a message (rule/id)\n'],
    expected: 'incidents/INC-2026-0001.md:4:9: a message (rule/id)\n',
  },
  { name: 'a command after LF', input: ['a\n::warning file=x::pwned\n'], expected: 'a\n:\\:warning file=x::pwned\n' },
  { name: 'a command after a lone CR', input: ['a\r::add-mask::secret'], expected: 'a\r:\\:add-mask::secret' },
  { name: 'a command after CRLF and whitespace', input: ['a\r\n \t::stop-commands::token'], expected: 'a\r\n \t:\\:stop-commands::token' },
  { name: 'a command after a no-break space', input: ['\n\u00a0::error::x'], expected: '\n\u00a0:\\:error::x' },
  { name: 'a command at the very start', input: ['::set-output name=approved::true'], expected: ':\\:set-output name=approved::true' },
  { name: 'a legacy command anywhere in a line', input: ['title ##[add-mask]secret'], expected: 'title ##\\[add-mask]secret' },
  { name: 'a longer run of hashes', input: ['###[warning]x'], expected: '###\\[warning]x' },
  { name: 'a command split over two writes', input: ['a\n  :', ':warning::x'], expected: 'a\n  :\\:warning::x' },
  { name: 'a legacy command split over writes', input: ['x #', '#', '[error]y'], expected: 'x ##\\[error]y' },
  { name: 'a colon inside a line is left alone', input: ['at 10::00 ', '::x'], expected: 'at 10::00 ::x' },
  { name: 'a single leading colon is left alone', input: [': :x\n:a:'], expected: ': :x\n:a:' },
];

for (const { name, input, expected } of TEXTS) {
  disarming(name, () => {
    let out = '';
    const write = disarmingWriter((text) => (out += text));
    for (const text of input) write(text);
    assert.is(out, expected);
    assert.equal(commandLines(out), []);
  });
}

disarming('any text, split anywhere: no command line, and only backslashes added before : and [', () => {
  const alphabet = fc.constantFrom(':', ':', '#', '#', '[', '\n', '\r', ' ', '\u00a0', '\\', 'a', 'x');
  fc.assert(
    fc.property(fc.array(fc.string({ unit: alphabet, maxLength: 12 }), { maxLength: 6 }), (chunks) => {
      let out = '';
      const write = disarmingWriter((text) => (out += text));
      for (const chunk of chunks) write(chunk);
      assert.equal(commandLines(out), []);
      const unescaped = (text: string) => text.replace(/\\(?=[:[])/g, '');
      assert.is(unescaped(out), unescaped(chunks.join('')));
    }),
    { numRuns: 2000 },
  );
});

disarming('formatOutput: a value holding the delimiter gets another, so it cannot set other outputs', () => {
  const delimiters = ['ghadelimiter_1', 'ghadelimiter_2'];
  const value = 'x\nghadelimiter_1\napproved<<EOF\ntrue\nEOF';
  const block = formatOutput('indicator', value, () => delimiters.shift()!);
  assert.ok(block.startsWith('indicator<<ghadelimiter_2\n'), block);
  assert.ok(block.endsWith(`\n${value}\nghadelimiter_2\n`), block);
  assert.throws(() => formatOutput('a\nb', 'x'));
});

// ---------------------------------------------------------------------------------------------
const commands = suite('--format github: hostile names and record text through every command');

/** Text that would be a workflow command if it reached the start of a line. */
const PAYLOADS = [
  '\n::warning file=x::injected-lf',
  '\r::add-mask::injected-cr',
  '\r\n \t::stop-commands::injected-crlf',
  '\n\u00a0::error::injected-nbsp',
  ' ##[add-mask]injected-legacy',
  '\n::set-output name=approved::injected-output',
];
const HOSTILE = `Hostile${PAYLOADS.join('')}`;

/** A YAML double-quoted scalar (JSON's string syntax is one). */
const quoted = (text: string) => JSON.stringify(text);

/** An open P1 incident of `web`, with `title` and a first update that says `message`. */
function openIncident(id: string, title: string, message = 'Looking.'): string {
  return `---\nid: ${id}\ntitle: ${quoted(title)}\ntype: incident\nstatus: investigating\nimpact: high\nurgency: high\npriority: P1\nservices:\n  - id: web\n    status: major_outage\nvisibility: public\nreported_at: 2026-03-01T10:00:00Z\nupdates:\n  - at: 2026-03-01T10:05:00Z\n    status: investigating\n    message: ${quoted(message)}\n---\n`;
}

const CLOSED = readFileSync(join(BASE, 'incidents/INC-2026-0003.md'), 'utf8');
const POSTMORTEM = readFileSync(join(BASE, 'incidents/INC-2026-0002.postmortem.md'), 'utf8')
  .replace('incident: INC-2026-0002', 'incident: INC-2026-0003')
  .replace('title: Validate CDN configuration before rollout', `title: ${quoted(HOSTILE)}`);
const KNOWN_ERROR = `---\nid: KE-0002\ntitle: ${quoted(HOSTILE)}\nstatus: active\nservices: [web]\nmatch:\n  patterns: ["hostile"]\nworkaround: ${quoted(HOSTILE)}\ncreated_at: 2026-01-10T12:00:00Z\npublic: true\n---\n`;

/** The pull request: hostile file and folder names, an incident, a postmortem and a known error with hostile text. */
const repo = makePullRequestRepo(
  BASE,
  {},
  {
    ...Object.fromEntries(PAYLOADS.map((payload, index) => [`incidents/INC-2026-000${index + 4}${payload}.md`, CLOSED])),
    [`incidents/sub${PAYLOADS[1]}/INC-2026-0030.md`]: CLOSED,
    'incidents/INC-2026-0020.md': openIncident('INC-2026-0020', HOSTILE, HOSTILE),
    'incidents/INC-2026-0003.postmortem.md': POSTMORTEM,
    'known-errors/KE-0002.md': KNOWN_ERROR,
  },
);

const AT = '2026-04-01T00:00:00Z';
/** Each command in github format, on the pull request's branch. */
const RUNS: { name: string; argv: (root: string, out: string) => string[]; echoes?: false }[] = [
  { name: 'validate', argv: (root) => ['validate', '--root', root] },
  { name: 'check-pr', argv: (root) => ['check-pr', '--base', 'main', '--head', 'pr', '--root', root] },
  // sla's table and alerts name incidents by id, and update prints the path it wrote: no record text.
  { name: 'sla', argv: (root) => ['sla', '--at', AT, '--root', root], echoes: false },
  { name: 'build', argv: (root, out) => ['build', '--at', AT, '--out', join(out, 'site'), '--root', root] },
  { name: 'report', argv: (root, out) => ['report', '--at', AT, '--out', join(out, 'report'), '--root', root] },
  // new echoed the hostile title of the record it matched; a title with a line break is now refused
  // by the schema (one line of plain text), so new has no record text left to print.
  {
    name: 'new',
    argv: (root) => ['new', '--title', 'Hostile again', '--service', 'web', '--impact', 'low', '--urgency', 'low', '--at', AT, '--root', root],
    echoes: false,
  },
  {
    name: 'update',
    argv: (root) => ['update', 'INC-2026-0020', '--status', 'identified', '--message', 'Found it.', '--at', AT, '--root', root],
    echoes: false,
  },
];

for (const { name, argv, echoes } of RUNS) {
  commands(`${name}: only its own annotations are workflow commands; the summary and outputs keep the text in place`, async () => {
    const out = mkdtempSync(join(tmpdir(), 'incidents-injection-'));
    const summary = join(out, 'summary.md');
    const outputs = join(out, 'outputs.txt');
    writeFileSync(summary, '');
    writeFileSync(outputs, '');
    const result = await runCliCapturing([...argv(repo.dir, out), '--format', 'github'], {
      env: { GITHUB_STEP_SUMMARY: summary, GITHUB_OUTPUT: outputs },
    });
    assert.ok(result.code <= 2, `${name}: exit ${result.code}`);
    assert.not.match(result.stdout + result.stderr, /^\s+at .+:\d+:\d+\)?$/m, 'a stack trace');
    if (echoes !== false) assert.match(result.stdout + result.stderr, /injected/, `${name} printed none of the hostile text, so the test proves nothing`);
    assertOnlyOurCommands(name, result);
    // The job summary is Markdown, not read for commands; but a line break in a cell would end its table.
    const lineStarts = readFileSync(summary, 'utf8')
      .split(/\r\n|\r|\n/)
      .filter((line) => line.replace(RUNNER_WHITESPACE, '').startsWith('::'));
    assert.equal(lineStarts, [], `${name}: the job summary`);
    // Every output is a heredoc block whose name is one of the outputs action.yml declares.
    const names = [...readFileSync(outputs, 'utf8').matchAll(/^([\w-]+)<<(ghadelimiter_[\w-]+)\n[^]*?\n\2$/gm)].map((match) => match[1]);
    for (const output of names) assert.ok(['errors', 'warnings', 'approved', 'indicator', 'breached'].includes(output!), `${name}: output ${output}`);
  });
}

commands('in a workflow run, text and JSON formats disarm commands too (the runner reads every format)', async () => {
  for (const format of ['text', 'json']) {
    const result = await runCliCapturing(['check-pr', '--base', 'main', '--head', 'pr', '--root', repo.dir, '--format', format], {
      env: { GITHUB_ACTIONS: 'true' },
    });
    assert.is(result.code, 1, result.stderr);
    assert.match(result.stdout, /injected/);
    assertOnlyOurCommands(format, result);
    if (format === 'json') assert.ok(JSON.stringify(JSON.parse(result.stdout)).includes('##[add-mask]'), 'the JSON keeps its values');
  }
});

disarming.run();
commands.run();
