import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { compilePattern, matchKnownErrors } from '../scripts/core/gate/known-error-match.js';
import type { Incident, KnownError } from '../scripts/core/records/types.js';

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

matching.run();
