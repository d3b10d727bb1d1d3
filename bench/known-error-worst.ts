/**
 * `node --import ./scripts/ts-node-register.js bench/known-error-worst.ts [--text CHARS] [--incidents N]`:
 * the known-error gate's worst case, measured once (not a test). First, patterns with RE2's largest
 * repetitions over one new incident with a long first update; then the worst the bounds allow
 * (KNOWN_ERROR_BOUNDS): every pattern as large as allowed, as many as allowed, over N such incidents.
 */
import { parseArgs } from 'node:util';
import { compilePattern, KNOWN_ERROR_BOUNDS, knownErrorMatcher } from '../scripts/core/gate/known-error-match.js';
import type { Incident, KnownError } from '../scripts/core/records/types.js';

const { values } = parseArgs({ options: { text: { type: 'string', default: '900000' }, incidents: { type: 'string', default: '20' } } });
const textLength = Number(values.text);

const knownError = (id: string, patterns: string[]) =>
  ({
    id,
    title: 'Hostile',
    status: 'active',
    services: ['api'],
    match: { patterns },
    workaround: 'None.',
    created_at: '2026-01-01T00:00:00Z',
    public: true,
  }) as KnownError;
const incident = (index: number) =>
  ({
    id: `INC-2026-${String(index).padStart(4, '0')}`,
    title: 'Slow',
    services: [{ id: 'api', status: 'degraded_performance' }],
    updates: [{ at: '2026-03-01T10:00:00Z', status: 'investigating', message: 'a'.repeat(textLength) }],
  }) as unknown as Incident;

/** Runs the gate's matcher over the incidents and prints how long it took. */
function measure(label: string, knownErrors: KnownError[], count: number): void {
  const start = performance.now();
  const match = knownErrorMatcher(knownErrors);
  const results = Array.from({ length: count }, (_, index) => match(incident(index + 1)));
  const seconds = (performance.now() - start) / 1000;
  const incomplete = results.filter((result) => !result.complete).length;
  console.log(`${label}: ${seconds.toFixed(2)} s (${incomplete} of ${count} incidents not fully matched)`);
}

// RE2's largest repetitions: each compiles to 1,000 instructions or more.
const HOSTILE = ['a{1000}x', '[a-z]{1000}!', '(ab|a){500}x'];
for (const pattern of HOSTILE) {
  const compiled = compilePattern(pattern);
  console.log(`${pattern}: ${compiled.ok ? `runs (${compiled.size} instructions)` : `refused (${compiled.message})`}`);
}
measure(`${HOSTILE.length} hostile patterns, one incident with ${textLength.toLocaleString('en')} characters`, [knownError('KE-0001', HOSTILE)], 1);

// The worst the bounds allow: the largest program, the most patterns per known error and in all.
const largest = `a{${KNOWN_ERROR_BOUNDS.programSize - 4}}x`;
console.log(`${largest}: ${JSON.stringify(compilePattern(largest).ok)}, ${(compilePattern(largest) as { size: number }).size} instructions`);
const perKnownError = KNOWN_ERROR_BOUNDS.patternsPerKnownError;
const knownErrors = Array.from({ length: KNOWN_ERROR_BOUNDS.patternsInAll / perKnownError }, (_, index) =>
  knownError(
    `KE-${String(index + 1).padStart(4, '0')}`,
    Array.from({ length: perKnownError }, (_, n) => `${largest}${String.fromCharCode(98 + n)}`),
  ),
);
for (const count of [1, Number(values.incidents)])
  measure(
    `${KNOWN_ERROR_BOUNDS.patternsInAll} patterns of the largest size, ${count} incident(s) with ${textLength.toLocaleString('en')} characters`,
    knownErrors,
    count,
  );
