import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { remark } from 'remark';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { formatTextTable } from '../scripts/render/plain-tables.js';
import type { Finding } from '../scripts/core/findings.js';
import { UsageError } from '../scripts/core/errors.js';
import type { CommandContext } from '../scripts/commands/context.js';
import type { GitHubSink } from '../scripts/io/github/sink.js';
import { workflowCommandSink } from '../scripts/io/github/workflow-commands.js';
import { formatFindingsSummary } from '../scripts/render/findings.js';
import { formatMarkdownTable } from '../scripts/render/plain-tables.js';
import { chooseReporter, REPORTERS, type Format, type Report } from '../scripts/reporters/index.js';
import { runCliCapturing } from './helpers/run-cli.js';

// ---------------------------------------------------------------------------------------------
const choosing = suite('reporters: one place checks --format');

/** Every command, and the formats it takes, in the order its refusal lists them. */
const COMMAND_FORMATS: { command: string; allowed: Format[] }[] = [
  { command: 'validate', allowed: ['text', 'json', 'github'] },
  { command: 'check-pr', allowed: ['text', 'json', 'github'] },
  { command: 'sla', allowed: ['text', 'json', 'github'] },
  { command: 'build', allowed: ['text', 'json', 'github'] },
  { command: 'new', allowed: ['text', 'json', 'github'] },
  { command: 'update', allowed: ['text', 'json', 'github'] },
  { command: 'report', allowed: ['text', 'json', 'markdown', 'github'] },
];

for (const { command, allowed } of COMMAND_FORMATS) {
  choosing(`incidents ${command} refuses a format it does not take, naming those it does`, async () => {
    for (const refused of ['xml', ...(Object.keys(REPORTERS) as Format[]).filter((format) => !allowed.includes(format))]) {
      const { code, stderr } = await runCliCapturing([command, '--format', refused]);
      assert.is(code, 2, `${command} --format ${refused}`);
      assert.ok(
        stderr.startsWith(`incidents ${command}: --format must be one of ${allowed.join(', ')}, not "${refused}"\nUsage: incidents ${command}`),
        stderr,
      );
    }
  });
}

choosing("chooseReporter gives the registry's reporter for each allowed format, and text by default", () => {
  for (const format of Object.keys(REPORTERS) as Format[]) {
    const reporter = chooseReporter('report', format, ['text', 'json', 'markdown', 'github']);
    assert.is(reporter.format, format);
    assert.is(reporter.write, REPORTERS[format]);
  }
  assert.is(chooseReporter('validate', undefined).format, 'text');
  assert.throws(
    () => chooseReporter('validate', 'markdown'),
    (error: unknown) => error instanceof UsageError && error.message === 'incidents validate: --format must be one of text, json, github, not "markdown"',
  );
  assert.throws(
    () => chooseReporter('validate', 'toString'),
    (error: unknown) => error instanceof UsageError,
  );
});

// ---------------------------------------------------------------------------------------------
const writing = suite('reporters: what each format writes');

const ERROR: Finding = {
  path: 'incidents/INC-2026-0001.md',
  line: 4,
  column: 9,
  rule: 'lifecycle/transition',
  severity: 'error',
  message: 'Unexpected status "resolved"',
};
const WARNING: Finding = { path: 'incidents/old', line: 1, column: 1, rule: 'file/name', severity: 'warning', message: 'A sub-folder' };

/** Runs a reporter with a context that records stdout, stderr and what reached the GitHub sink. */
async function write(format: Format, report: Report) {
  const seen = { stdout: '', stderr: '', annotations: [] as string[], summary: '', outputs: {} as Record<string, string> };
  const github: GitHubSink = {
    annotate: (finding) => seen.annotations.push(`${finding.severity} ${finding.path}:${finding.line}:${finding.column} ${finding.rule}`),
    summary: async (markdown) => void (seen.summary += markdown),
    setOutput: (name, value) => void (seen.outputs[name] = value),
  };
  const context: CommandContext = { cwd: '/', env: {}, stdout: (text) => (seen.stdout += text), stderr: (text) => (seen.stderr += text), github };
  await REPORTERS[format](report, context);
  return seen;
}

const LINES = 'incidents/INC-2026-0001.md:4:9: Unexpected status "resolved" (lifecycle/transition)\nincidents/old:1:1: warning: A sub-folder (file/name)\n';

writing('text: finding lines on stdout, the count on stderr; the all-clear only when nothing was found', async () => {
  assert.equal(await write('text', { command: 'validate', findings: [ERROR, WARNING], clean: '2 records valid.' }), {
    stdout: LINES,
    stderr: '1 error, 1 warning.\n',
    annotations: [],
    summary: '',
    outputs: {},
  });
  assert.equal((await write('text', { command: 'validate', findings: [], clean: '2 records valid.' })).stderr, '2 records valid.\n');
  assert.equal((await write('text', { command: 'sla', findings: [ERROR], text: 'the table\n' })).stdout, 'the table\n', 'tables replace the finding lines');
});

writing("json: the findings and extra keys, or the command's own document", async () => {
  const findings = JSON.parse((await write('json', { command: 'check-pr', findings: [ERROR], json: { extra: { approved: null } } })).stdout);
  assert.equal(Object.keys(findings), ['findings', 'approved']);
  assert.equal(findings.findings, [{ path: ERROR.path, line: 4, column: 9, rule: ERROR.rule, severity: 'error', message: ERROR.message }]);
  assert.is((await write('json', { command: 'sla', findings: [ERROR], json: { document: { at: 'now' } } })).stdout, '{\n  "at": "now"\n}\n');
});

writing("markdown: the report's Markdown on stdout; findings alone as text", async () => {
  assert.is((await write('markdown', { command: 'report', text: 'text', markdown: '## Report\n' })).stdout, '## Report\n');
  assert.is((await write('markdown', { command: 'report', findings: [ERROR, WARNING] })).stdout, LINES);
});

writing('github: annotations, the findings table in the summary, the lines in the log, and the counts as outputs', async () => {
  const seen = await write('github', { command: 'check-pr', findings: [ERROR, WARNING], outputs: { approved: '' } });
  assert.equal(seen.annotations, ['error incidents/INC-2026-0001.md:4:9 lifecycle/transition', 'warning incidents/old:1:1 file/name']);
  assert.is(seen.stdout, '', 'stdout is for workflow commands');
  assert.is(seen.stderr, `${LINES}1 error, 1 warning.\n`);
  assert.match(seen.summary, /^### incidents check-pr\n\n2 findings\.\n/);
  assert.equal(seen.outputs, { errors: '1', warnings: '1', approved: '' });
});

writing("github: a report's own Markdown in the summary; its text in the log, on stdout when nothing is annotated", async () => {
  const sla = await write('github', { command: 'sla', findings: [], text: 'table\n', markdown: '### incidents sla', outputs: { breached: 'false' } });
  assert.equal([sla.stdout, sla.stderr, sla.summary], ['', 'table\n', '### incidents sla\n']);
  assert.equal(sla.outputs, { errors: '0', warnings: '0', breached: 'false' });
  const report = await write('github', { command: 'report', text: 'tables\n', markdown: '## Report' });
  assert.equal([report.stdout, report.stderr, report.summary, report.outputs], ['tables\n', '', '## Report\n', {}]);
});

writing('github without a sink of its own: workflow commands on stdout, and no files outside a run', async () => {
  let stdout = '';
  await REPORTERS.github(
    { command: 'validate', findings: [{ ...ERROR, message: 'two\nlines, 100%' }] },
    { cwd: '/', env: {}, stdout: (text) => (stdout += text), stderr: () => {} },
  );
  assert.is(stdout, '::error file=incidents/INC-2026-0001.md,line=4,col=9,title=lifecycle/transition::two%0Alines, 100%25\n');
});

writing("the CLI's sink appends outputs to $GITHUB_OUTPUT in its multi-line form, each between its own delimiter", () => {
  const file = join(mkdtempSync(join(tmpdir(), 'incidents-output-')), 'output');
  writeFileSync(file, '');
  const sink = workflowCommandSink({ stdout: () => assert.unreachable('outputs never go to stdout'), env: { GITHUB_OUTPUT: file } });
  sink.setOutput('errors', '2');
  sink.setOutput('approved', '');
  const [first, second, rest] = readFileSync(file, 'utf8').split(/(?<=\n)(?=approved<<)/) as [string, string, string?];
  assert.match(first, /^errors<<(ghadelimiter_[0-9a-f-]{36})\n2\n\1\n$/);
  assert.match(second, /^approved<<(ghadelimiter_[0-9a-f-]{36})\n\n\1\n$/);
  assert.is(rest, undefined);
  assert.is.not(/<<(\S+)/.exec(first)![1], /<<(\S+)/.exec(second)![1]);
  workflowCommandSink({ stdout: () => {}, env: {} }).setOutput('errors', '2'); // outside a run: nowhere, and no error
});

// ---------------------------------------------------------------------------------------------
const escaping = suite('reporters: the job summary shows user text as text');

const HOSTILE = [
  '<script>alert(1)</script>',
  'a | b',
  'run `rm -rf /`',
  'two\nlines',
  '[click](javascript:alert(1))',
  '*bold* _it_ ~~gone~~ $x$',
  '&lt; \\| <img src=x onerror=alert(1)>',
];

/** The cells of a GitHub table row: split at pipes that are not escaped. */
function cells(row: string): string[] {
  return row
    .replace(/^\| /, '')
    .replace(/ \|$/, '')
    .split(/(?<!\\) \| /);
}

/** What CommonMark makes of a cell's Markdown: the text, when it is nothing but text (and the node types otherwise). */
function asText(markdown: string): string {
  const paragraph = remark().parse(markdown.replaceAll('\\|', '|')).children[0] as { children: { type: string; value?: string }[] };
  const types = paragraph.children.map((node) => node.type);
  return types.every((type) => type === 'text') ? paragraph.children.map((node) => node.value).join('') : `not text: ${types.join(', ')}`;
}

for (const message of HOSTILE) {
  escaping(`a finding message ${JSON.stringify(message)} is one cell of one row, and reads as itself`, () => {
    const summary = formatFindingsSummary('incidents validate', [{ ...ERROR, message }]);
    const rows = summary.split('\n').filter((line) => line.startsWith('| `'));
    assert.is(rows.length, 1);
    const [where, severity, shown, rule] = cells(rows[0]!) as [string, string, string, string];
    assert.is(cells(rows[0]!).length, 4);
    assert.is(where, '`incidents/INC-2026-0001.md:4:9`');
    assert.is(severity, 'error');
    assert.is(rule, '`lifecycle/transition`');
    assert.is(asText(shown), message.replace(/\n/g, ' '));
  });
}

escaping('a handle in a finding message notifies nobody: a word joiner follows its @', () => {
  const summary = formatFindingsSummary('incidents check-pr', [{ ...ERROR, message: '@alice approved, but wrote it; ask @acme/leads' }]);
  assert.ok(summary.includes('@\u2060alice approved, but wrote it; ask @\u2060acme/leads'), summary);
  assert.not.match(summary, /@[a-z]/);
});

escaping('a path or rule with a pipe or a backtick stays one code span in its cell', () => {
  const summary = formatFindingsSummary('incidents validate', [{ ...ERROR, path: 'incidents/a|b`c.md' }]);
  const row = summary.split('\n').find((line) => line.startsWith('| `'))!;
  assert.is(cells(row).length, 4);
  assert.is(cells(row)[0], "`incidents/a\\|b'c.md:4:9`");
});

escaping('the tables of sla and report escape their cells the same way', () => {
  const table = formatMarkdownTable(['known error', 'title'], [['KE-2026-0001', '<b>Disk</b> | *full*\nagain']]);
  const row = table.split('\n')[2]!;
  assert.is(cells(row).length, 2);
  assert.is(asText(cells(row)[1]!), '<b>Disk</b> | *full* again');
});

const tables = suite('reporters: tables for people');

tables('a table of 300,000 rows is padded to its widest cell without overflowing the call stack', () => {
  const rows = Array.from({ length: 300_000 }, (_, index) => [index === 123_456 ? 'the widest cell of all' : 'INC-1', 'x']);
  const lines = formatTextTable(['incident', 'state'], rows).split('\n');
  assert.is(lines.length, 300_002);
  assert.is(lines[0], `incident${' '.repeat(14)}  state`);
  assert.is(lines[1], `INC-1${' '.repeat(17)}  x`);
});

choosing.run();
writing.run();
escaping.run();
tables.run();
