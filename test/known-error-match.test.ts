import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { compilePattern, countPatterns, KNOWN_ERROR_BOUNDS, knownErrorMatcher, matchKnownErrors } from '../scripts/core/gate/known-error-match.js';
import type { Incident, KnownError } from '../scripts/core/records/types.js';
import { runCliCapturing } from './helpers/run-cli.js';

const knownError = (fields: Partial<KnownError>): KnownError =>
  ({
    id: 'KE-0001',
    title: 'Exports time out',
    status: 'active',
    services: ['reports'],
    match: { patterns: ['export.*time(d)? ?out'] },
    workaround: 'Split it.',
    created_at: '2026-01-01T00:00:00Z',
    public: true,
    ...fields,
  }) as KnownError;
const incident = (title: string, service = 'reports', message = 'Something is wrong.'): Incident =>
  ({
    title,
    services: [{ id: service, status: 'degraded_performance' }],
    updates: [{ at: '2026-03-01T10:00:00Z', status: 'investigating', message }],
  }) as unknown as Incident;

const CASES: { name: string; incident: Incident; knownError: KnownError; matches: boolean }[] = [
  { name: 'title matches, case-insensitively', incident: incident('EXPORT Timed Out'), knownError: knownError({}), matches: true },
  { name: 'the first update matches', incident: incident('Reports broken', 'reports', 'The export timed out'), knownError: knownError({}), matches: true },
  { name: 'another service', incident: incident('Export timed out', 'api'), knownError: knownError({}), matches: false },
  {
    name: "match.services narrows the known error's services",
    incident: incident('Export timed out'),
    knownError: knownError({ services: ['reports', 'api'], match: { services: ['api'], patterns: ['export'] } }),
    matches: false,
  },
  { name: 'a fixed known error no longer matches', incident: incident('Export timed out'), knownError: knownError({ status: 'fixed' }), matches: false },
  { name: 'a known error without match never matches', incident: incident('Export timed out'), knownError: knownError({ match: undefined }), matches: false },
  {
    name: 'a pattern RE2 refuses is skipped',
    incident: incident('Export timed out'),
    knownError: knownError({ match: { patterns: ['(?=x)export'] } }),
    matches: false,
  },
  {
    name: 'a catastrophic pattern on a long text ends, in linear time',
    incident: incident(`${'a'.repeat(5000)}!`),
    knownError: knownError({ match: { patterns: ['^(a+)+$', '(a|aa)*b'] } }),
    matches: false,
  },
];

const matching = suite('matchKnownErrors');
for (const { name, incident: given, knownError: known, matches } of CASES) {
  matching(name, () => {
    assert.is(matchKnownErrors(given, [known]).length > 0, matches);
  });
}

matching('compilePattern says why RE2 refuses a pattern', () => {
  const result = compilePattern('(a)\\1');
  assert.is(result.ok, false);
  assert.match(result.ok ? '' : result.message, /invalid escape sequence/);
});

// ---------------------------------------------------------------------------------------------
const bounds = suite('known errors: the work of matching is bounded');

/** Patterns and whether the gate runs them: RE2 refuses counts above 1,000; the gate, programs above its bound. */
const PATTERNS: { pattern: string; runs: boolean }[] = [
  { pattern: 'export.*time(d)? ?out', runs: true },
  { pattern: 'a{247}x', runs: true },
  { pattern: 'a{248}x', runs: false },
  { pattern: 'a{1000}x', runs: false },
  { pattern: '[a-z]{1000}!', runs: false },
  { pattern: '(ab|a){500}x', runs: false },
  { pattern: '(?:a{10}){30}', runs: false },
  { pattern: '.{999}z', runs: false },
  { pattern: '(?:report ){30}', runs: true },
  { pattern: 'a{1001}', runs: false },
];
for (const { pattern, runs } of PATTERNS) {
  bounds(`${pattern} ${runs ? 'runs' : 'is refused'}`, () => {
    const compiled = compilePattern(pattern);
    assert.is(compiled.ok, runs, compiled.ok ? `${compiled.size} instructions` : compiled.message);
    if (compiled.ok) assert.ok(compiled.size <= KNOWN_ERROR_BOUNDS.programSize);
  });
}

bounds('countPatterns: beyond 20 in a known error, and beyond 200 in all active ones; fixed ones do not count', () => {
  const many = (id: string, count: number, status: KnownError['status'] = 'active') =>
    knownError({ id, status, match: { patterns: Array.from({ length: count }, (_, index) => `p${index}`) } });
  const counted = countPatterns([
    many('KE-0001', 21),
    many('KE-0002', 150, 'fixed'),
    ...Array.from({ length: 9 }, (_, index) => many(`KE-01${index}0`, 20)),
    many('KE-0200', 2),
  ]);
  const beyond = counted.filter((count) => count.beyond).map(({ knownError: { id }, index, beyond: why }) => `${id} ${index} ${why}`);
  assert.equal(beyond, ['KE-0001 20 patternsPerKnownError', 'KE-0200 0 patternsInAll', 'KE-0200 1 patternsInAll']);
});

bounds('only the first 2,000 characters of the first update are matched', () => {
  const at = (offset: number) => incident('Reports broken', 'reports', `${'x'.repeat(offset)} export timed out`);
  assert.is(matchKnownErrors(at(1_900), [knownError({})]).length, 1);
  assert.is(matchKnownErrors(at(2_500), [knownError({})]).length, 0);
});

bounds('patterns beyond the bounds never run, even when they would match', () => {
  const patterns = [...Array.from({ length: 20 }, (_, index) => `nothing${index}`), 'export'];
  assert.is(matchKnownErrors(incident('Export timed out'), [knownError({ match: { patterns } })]).length, 0);
  assert.is(matchKnownErrors(incident(`${'a'.repeat(300)}x`), [knownError({ match: { patterns: ['a{300}x'] } })]).length, 0);
});

bounds("the run's steps are shared by its incidents: the largest patterns over long updates run out, and say so", () => {
  const largest = Array.from({ length: 10 }, (_, index) =>
    knownError({ id: `KE-00${10 + index}`, match: { patterns: Array.from({ length: 20 }, (_, n) => `a{246}x${String.fromCharCode(98 + n)}`) } }),
  );
  for (const { match } of largest) for (const pattern of match!.patterns) assert.ok(compilePattern(pattern).ok, pattern);
  const match = knownErrorMatcher(largest);
  const long = incident('Reports broken', 'reports', 'a'.repeat(900_000));
  assert.is(match(long).complete, false);
  assert.is(match(incident('Export timed out')).complete, false, 'a later incident finds the budget spent');
  const fresh = knownErrorMatcher([knownError({}), ...largest.slice(0, 2)]);
  for (let index = 0; index < 20; index++) assert.is(fresh(incident('Export timed out')).complete, true, `incident ${index}`);
});

bounds('validate refuses the patterns beyond 200 in all, at their line', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'incidents-known-errors-'));
  writeFileSync(
    join(dir, 'incidents.config.yml'),
    'page: {name: Test, time_zone: UTC}\nservices:\n  - {id: api, name: API}\npriority_matrix:\n  high: {high: P1, medium: P2, low: P3}\n  medium: {high: P2, medium: P3, low: P4}\n  low: {high: P3, medium: P4, low: P5}\napprovers:\n  default: ["@alice"]\n',
  );
  mkdirSync(join(dir, 'known-errors'));
  for (let index = 1; index <= 11; index++) {
    const id = `KE-${String(index).padStart(4, '0')}`;
    const patterns = Array.from({ length: 20 }, (_, n) => `    - "phrase ${index} ${n}"`).join('\n');
    writeFileSync(
      join(dir, 'known-errors', `${id}.md`),
      `---\nid: ${id}\ntitle: Known ${index}\nstatus: active\nservices: [api]\nmatch:\n  patterns:\n${patterns}\nworkaround: Wait.\ncreated_at: 2026-01-10T12:00:00Z\npublic: false\n---\n`,
    );
  }
  const { code, stdout, stderr } = await runCliCapturing(['validate', '--root', dir, '--format', 'json']);
  assert.is(code, 1, stderr);
  const findings = (JSON.parse(stdout) as { findings: { path: string; line: number; rule: string; message: string }[] }).findings;
  assert.equal(
    findings.map((finding) => `${finding.path}:${finding.line} ${finding.rule}`),
    Array.from({ length: 20 }, (_, n) => `known-errors/KE-0011.md:${8 + n} record/known-error-pattern`),
  );
  assert.match(findings[0]!.message, /at most 200 patterns in all/);
});

matching.run();
bounds.run();
